package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

// benchSubnet builds a subnet with n UIDs (the owner is UID 0) directly in
// state; every neuron holds a validator permit.
func benchSubnet(b *testing.B, n int) (*env, uint16) {
	e := newEnv(b)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) { p.MaxAllowedUIDs, p.WeightsRateLimit, p.MinAllowedWeights = uint16(n), 0, 0 })
	for i := 1; i < n; i++ {
		var hk keys.PublicKey
		hk[0], hk[1], hk[2] = 'h', byte(i>>8), byte(i)
		createAccountIfNonExistent(e.kv, hk, hk)
		appendNeuron(e.kv, id, hk, 1)
	}
	for _, nr := range Neurons(e.kv, id) {
		nr.ValidatorPermit = true
		setNeuron(e.kv, id, &nr)
	}
	return e, id
}

// BenchmarkSetWeights sets a full weight row over 4096 UIDs (checks,
// max-upscale, store).
func BenchmarkSetWeights(b *testing.B) {
	const n = 4096
	e, id := benchSubnet(b, n)
	hk := acct("owner/hot")
	uids := make([]uint16, n)
	vals := make([]uint16, n)
	for i := range uids {
		uids[i], vals[i] = uint16(i), uint16(i%1000+1)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := e.ctx(hk)
		branch, _ := ctx.Branch() // a fresh tx branch, as the chain runs each tx
		if err := SetWeights(branch, hk, id, uids, vals, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEpoch256 runs one subnet epoch over 256 UIDs with a full weight
// matrix from 64 validators.
func BenchmarkEpoch256(b *testing.B) {
	const n = 256
	e, id := benchSubnet(b, n)
	uids := make([]uint16, n)
	vals := make([]uint16, n)
	for i := range uids {
		uids[i], vals[i] = uint16(i), uint16(i+1)
	}
	for _, nr := range Neurons(e.kv, id)[:64] {
		ctx := e.ctx(nr.Hotkey)
		if err := SetWeights(ctx, nr.Hotkey, id, uids, vals, 0); err != nil {
			b.Fatal(err)
		}
		if err := increaseStake(e.kv, nr.Hotkey, nr.Hotkey, 1000*TAO+uint64(nr.UID)); err != nil {
			b.Fatal(err)
		}
	}
	p := e.params(id)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := &module.Context{Env: module.Env{Height: 100}, KV: e.kv, Events: &module.EventLog{}}
		branch, _ := ctx.Branch()
		st := State(branch.KV, id)
		st.PendingEmission = 0
		setState(branch.KV, id, &st)
		if err := runEpoch(branch, id, &p, 100); err != nil {
			b.Fatal(err)
		}
	}
}
