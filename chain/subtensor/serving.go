package subtensor

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// validIPType reports whether t is 4 or 6.
func validIPType(t uint8) bool { return t == 4 || t == 6 }

// validIPAddress is the reference's is_valid_ip_address: IPv4 must fit in 32
// bits and not be 127.0.0.1; IPv6 must not be all ones or ::1; zero is
// allowed only when allowZero.
func validIPAddress(t uint8, hi, lo uint64, allowZero bool) bool {
	if !allowZero && hi == 0 && lo == 0 {
		return false
	}
	if t == 4 {
		return hi == 0 && lo < 0xffff_ffff && lo != 0x7f00_0001
	}
	if t == 6 {
		return !(hi == ^uint64(0) && lo == ^uint64(0)) && !(hi == 0 && lo == 1)
	}
	return false
}

func servingChecks(kv store.Reader, netuid uint16, hotkey keys.PublicKey, prevBlock, now uint64, ipType uint8, hi, lo uint64, port uint16, allowZero bool) error {
	if !IsRegistered(kv, netuid, hotkey) {
		return ErrHotKeyNotRegisteredInNetwork
	}
	if !validIPType(ipType) {
		return ErrInvalidIpType
	}
	if !validIPAddress(ipType, hi, lo, allowZero) {
		return ErrInvalidIpAddress
	}
	p, _ := Params(kv, netuid)
	if p.ServingRateLimit != 0 && prevBlock != 0 && now-prevBlock < p.ServingRateLimit {
		return ErrServingRateLimitExceeded
	}
	if port == 0 {
		return ErrInvalidPort
	}
	return nil
}

// ServeAxon records hotkey's axon endpoint on netuid.
func ServeAxon(ctx *module.Context, hotkey keys.PublicKey, netuid uint16, a AxonInfo) error {
	now := uint64(ctx.Height)
	prev := Axon(ctx.KV, netuid, hotkey)
	if err := servingChecks(ctx.KV, netuid, hotkey, prev.Block, now, a.IPType, a.IPHigh, a.IPLow, a.Port, true); err != nil {
		return err
	}
	a.Block = now
	ctx.KV.Set(axonKey(netuid, hotkey), a.encode())
	ctx.Events.Emit("AxonServed", "netuid", u16s(netuid), "hotkey", hotkey.SS58())
	return nil
}

// ServePrometheus records hotkey's prometheus endpoint on netuid.
func ServePrometheus(ctx *module.Context, hotkey keys.PublicKey, netuid uint16, p PrometheusInfo) error {
	now := uint64(ctx.Height)
	prev := Prometheus(ctx.KV, netuid, hotkey)
	if err := servingChecks(ctx.KV, netuid, hotkey, prev.Block, now, p.IPType, p.IPHigh, p.IPLow, p.Port, false); err != nil {
		return err
	}
	p.Block = now
	ctx.KV.Set(prometheusKey(netuid, hotkey), p.encode())
	ctx.Events.Emit("PrometheusServed", "netuid", u16s(netuid), "hotkey", hotkey.SS58())
	return nil
}
