package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/module"
)

func TestServeAxonAndPrometheus(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	hot := acct("owner/hot")
	axon := func(a AxonInfo) error {
		return e.do(hot, func(ctx *module.Context) error { return ServeAxon(ctx, hot, id, a) })
	}
	prom := func(p PrometheusInfo) error {
		return e.do(hot, func(ctx *module.Context) error { return ServePrometheus(ctx, hot, id, p) })
	}
	v4 := func(ip uint64) AxonInfo { return AxonInfo{IPType: 4, IPLow: ip, Port: 8091, Version: 1} }
	tests := []struct {
		name string
		err  func() error
		want *module.Error
	}{
		{"not registered", func() error {
			x := acct("x")
			return e.do(x, func(ctx *module.Context) error { return ServeAxon(ctx, x, id, v4(0x0a000001)) })
		}, ErrHotKeyNotRegisteredInNetwork},
		{"ip type 5", func() error { a := v4(0x0a000001); a.IPType = 5; return axon(a) }, ErrInvalidIpType},
		{"v4 loopback", func() error { return axon(v4(0x7f000001)) }, ErrInvalidIpAddress},
		{"v4 too large", func() error { return axon(v4(1 << 32)) }, ErrInvalidIpAddress},
		{"v6 ::1", func() error { return axon(AxonInfo{IPType: 6, IPLow: 1, Port: 1}) }, ErrInvalidIpAddress},
		{"port 0", func() error { return axon(AxonInfo{IPType: 4, IPLow: 0x0a000001}) }, ErrInvalidPort},
		{"zero ip is fine for an axon", func() error { return axon(v4(0)) }, nil},
		{"rate limited", func() error { return axon(v4(0x0a000002)) }, ErrServingRateLimitExceeded},
		{"zero ip not fine for prometheus", func() error { return prom(PrometheusInfo{IPType: 4, Port: 9090}) }, ErrInvalidIpAddress},
		{"prometheus", func() error { return prom(PrometheusInfo{IPType: 4, IPLow: 0x0a000001, Port: 9090}) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.err(), tt.want) })
	}
	e.height += int64(e.params(id).ServingRateLimit)
	wantErr(t, axon(v4(0x0a000002)), nil)
	if a := Axon(e.kv, id, hot); a.IPLow != 0x0a000002 || a.Block != uint64(e.height) || a.Port != 8091 {
		t.Fatalf("axon %+v", a)
	}
	if p := Prometheus(e.kv, id, hot); p.Port != 9090 {
		t.Fatalf("prometheus %+v", p)
	}
}
