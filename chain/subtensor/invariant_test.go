package subtensor

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

// TestInvariantUnderRandomActivity drives random calls (subnet and neuron
// registration, staking, delegation, weights, dissolves) through many blocks
// of emission and epochs, and checks after every block that the total
// issuance equals the books (CheckInvariant).
func TestInvariantUnderRandomActivity(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		np := Network(e.kv)
		np.NetworkRateLimit, np.SubnetLimit, np.NetworkImmunityPeriod, np.DefaultTempo = 0, 3, 20, 7
		SetNetwork(e.kv, np)
		e.setParams(RootNetUID, func(p *SubnetParams) {
			p.Tempo, p.WeightsRateLimit, p.MaxRegsPerBlock, p.TargetRegsPerInterval = 5, 0, 50, 50
		})
		names := []string{"a", "b", "c", "d", "e", "f"}
		for _, n := range names {
			e.fund(acct(n), 10_000*TAO)
		}
		pick := func(label string) string { return rapid.SampledFrom(names).Draw(rt, label) }
		blocks := rapid.IntRange(20, 80).Draw(rt, "blocks")
		for b := 0; b < blocks; b++ {
			for range rapid.IntRange(0, 4).Draw(rt, "calls") {
				n := pick("who")
				ck, hk := acct(n), acct(n+"/hot")
				netuid := uint16(rapid.IntRange(0, 3).Draw(rt, "netuid"))
				amount := rapid.Uint64Range(1, 500*TAO).Draw(rt, "amount")
				var call func(ctx *module.Context) error
				switch rapid.IntRange(0, 8).Draw(rt, "op") {
				case 0:
					call = func(ctx *module.Context) error { _, err := RegisterNetwork(ctx, ck, hk); return err }
				case 1:
					call = func(ctx *module.Context) error {
						if p, ok := Params(ctx.KV, netuid); ok {
							p.MaxRegsPerBlock, p.TargetRegsPerInterval, p.WeightsRateLimit, p.MaxAllowedUIDs = 50, 50, 0, 4
							setParams(ctx.KV, netuid, &p)
						}
						_, err := BurnedRegister(ctx, ck, netuid, acct(n+"/n"+pick("hk")))
						return err
					}
				case 2:
					call = func(ctx *module.Context) error { return AddStake(ctx, ck, acct(pick("target")+"/hot"), amount) }
				case 3:
					call = func(ctx *module.Context) error { return RemoveStake(ctx, ck, acct(pick("target")+"/hot"), amount) }
				case 4:
					call = func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) }
				case 5:
					call = func(ctx *module.Context) error { _, err := RootRegister(ctx, ck, hk); return err }
				case 6:
					call = func(ctx *module.Context) error {
						return SetRootWeights(ctx, ck, 0, hk, []uint16{1, 2, 3}, []uint16{uint16(amount), 7, uint16(amount >> 8)}, 0)
					}
				case 7:
					call = func(ctx *module.Context) error {
						w := acct(n + "/n" + pick("hk"))
						return SetWeights(ctx, w, netuid, []uint16{0, 1, 2, 3}, []uint16{1, uint16(amount), 3, 4}, 0)
					}
				case 8:
					call = func(ctx *module.Context) error { return DissolveNetwork(ctx, e.sudo, ck, netuid) }
				}
				_ = e.do(ck, call) // refusals are expected; they must change nothing
			}
			e.height++
			ctx := e.ctx(keys.PublicKey{})
			if _, err := coinbase.BeginBlock(ctx); err != nil {
				rt.Fatal(err)
			}
			if err := BeginBlock(ctx); err != nil {
				rt.Fatal(err)
			}
			if err := CheckInvariant(e.kv); err != nil {
				rt.Fatalf("block %d: %v", e.height, err)
			}
		}
	})
}
