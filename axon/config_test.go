package axon_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*axon.Config)
		ok   bool
	}{
		{"default", func(*axon.Config) {}, true},
		{"ephemeral port", func(c *axon.Config) { c.Port = 0 }, true},
		{"bad ip", func(c *axon.Config) { c.IP = "localhost" }, false},
		{"bad external ip", func(c *axon.Config) { c.ExternalIP = "1.2.3" }, false},
		{"port too big", func(c *axon.Config) { c.Port = 70000 }, false},
		{"negative external port", func(c *axon.Config) { c.ExternalPort = -1 }, false},
		{"no workers", func(c *axon.Config) { c.MaxWorkers = 0 }, false},
		{"negative pending", func(c *axon.Config) { c.MaxPending = -1 }, false},
		{"no in-flight", func(c *axon.Config) { c.MaxInFlight = 0 }, false},
		{"no body", func(c *axon.Config) { c.MaxBodyBytes = 0 }, false},
		{"tiny headers", func(c *axon.Config) { c.MaxHeaderBytes = 100 }, false},
		{"no timeout", func(c *axon.Config) { c.MaxTimeout = 0 }, false},
		{"negative delta", func(c *axon.Config) { c.AllowedDelta = -time.Second }, false},
		{"negative skew", func(c *axon.Config) { c.MaxFutureSkew = -time.Second }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := axon.DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			if tt.ok != (err == nil) || (err != nil && !errors.Is(err, axon.ErrInvalidConfig)) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestInfo(t *testing.T) {
	tests := []struct {
		ip       string
		port     uint16
		hostPort string
		ipType   uint8
		serving  bool
	}{
		{"1.2.3.4", 8091, "1.2.3.4:8091", 4, true},
		{"::ffff:1.2.3.4", 8091, "1.2.3.4:8091", 4, true},
		{"2001:db8::1", 9000, "[2001:db8::1]:9000", 6, true},
		{"0.0.0.0", 8091, "0.0.0.0:8091", 4, false},
	}
	for _, tt := range tests {
		i := axon.Info{IP: netip.MustParseAddr(tt.ip), Port: tt.port}
		if i.HostPort() != tt.hostPort || i.IPType() != tt.ipType || i.IsServing() != tt.serving {
			t.Errorf("%s: HostPort %q IPType %d IsServing %v", tt.ip, i.HostPort(), i.IPType(), i.IsServing())
		}
	}
	if (axon.Info{}).IPType() != 0 || (axon.Info{}).IsServing() {
		t.Error("zero Info")
	}
}

func TestFutureNonceAndGET(t *testing.T) {
	cfg := testConfig()
	cfg.MaxFutureSkew = time.Second
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{})
	bob := mustKey(t, "//Bob")
	r := do(t, call{signer: bob, nonce: time.Now().Add(time.Hour).UnixNano()}.request(t, base))
	if r.code != 401 || !strings.HasPrefix(r.message, "Not Verified with error: Nonce is ") || !strings.HasSuffix(r.message, "seconds in the future") {
		t.Fatalf("future nonce: %d %q", r.code, r.message)
	}
	// Within the skew, and by GET as the reference also routes it.
	req := call{signer: bob, uuid: "get-uuid", nonce: time.Now().Add(500 * time.Millisecond).UnixNano(), input: 5}.request(t, base)
	req.Method = "GET"
	if r := do(t, req); r.code != 200 {
		t.Fatalf("GET: %d %q", r.code, r.message)
	}
}
