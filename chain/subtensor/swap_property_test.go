package subtensor

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// TestSwapsKeepTheBooks drives random activity (subnets, registrations,
// staking, delegation, root seats, epochs with emission) interleaved with
// random hotkey swaps and scheduled coldkey swaps (to fresh keys, to keys
// that are refused, twice to force arbitration, settled by root), and
// checks that after every block the total issuance equals the books, and
// that right after each swap no record in the whole state names the
// swapped-away key.
func TestSwapsKeepTheBooks(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		np := Network(e.kv)
		np.NetworkRateLimit, np.SubnetLimit, np.NetworkImmunityPeriod, np.DefaultTempo = 0, 3, 20, 7
		np.TxRateLimit, np.ColdkeySwapScheduleDuration = 3, uint64(rapid.IntRange(1, 6).Draw(rt, "duration"))
		SetNetwork(e.kv, np)
		setChildkeys(e.kv, LocalnetChildkeyParams()) // children apply within the run
		e.setParams(RootNetUID, func(p *SubnetParams) {
			p.Tempo, p.WeightsRateLimit, p.MaxRegsPerBlock, p.TargetRegsPerInterval = 5, 0, 50, 50
		})
		names := []string{"a", "b", "c", "d"}
		// cold and hot are each name's current keys (swaps replace them).
		cold, hot := map[string]keys.PublicKey{}, map[string]keys.PublicKey{}
		for _, n := range names {
			cold[n], hot[n] = acct(n), acct(n+"/hot")
			e.fund(acct(n), 10_000*TAO)
		}
		fresh := 0
		freshKey := func(tag string) keys.PublicKey { fresh++; return acct(fmt.Sprintf("%s~%d", tag, fresh)) }
		pick := func(label string) string { return rapid.SampledFrom(names).Draw(rt, label) }
		swappedAway := func(k keys.PublicKey, what string) {
			if got := recordsNaming(e.kv, k); len(got) != 0 {
				rt.Fatalf("block %d: after the %s swap %d records name %s: %x", e.height, what, len(got), k.SS58(), got)
			}
		}
		blocks := rapid.IntRange(15, 50).Draw(rt, "blocks")
		for b := 0; b < blocks; b++ {
			for range rapid.IntRange(0, 4).Draw(rt, "calls") {
				n := pick("who")
				ck, hk := cold[n], hot[n]
				netuid := uint16(rapid.IntRange(0, 3).Draw(rt, "netuid"))
				amount := rapid.Uint64Range(1, 500*TAO).Draw(rt, "amount")
				var call tx.Call
				var direct func(ctx *module.Context) error
				switch rapid.IntRange(0, 11).Draw(rt, "op") {
				case 0:
					direct = func(ctx *module.Context) error { _, err := RegisterNetwork(ctx, ck, hk); return err }
				case 1:
					direct = func(ctx *module.Context) error {
						if p, ok := Params(ctx.KV, netuid); ok {
							p.MaxRegsPerBlock, p.TargetRegsPerInterval, p.WeightsRateLimit, p.MaxAllowedUIDs = 50, 50, 0, 4
							setParams(ctx.KV, netuid, &p)
						}
						_, err := BurnedRegister(ctx, ck, netuid, hk)
						return err
					}
				case 2:
					call = tx.AddStake{Hotkey: hot[pick("target")], Amount: amount}
				case 3:
					call = tx.RemoveStake{Hotkey: hot[pick("target")], Amount: amount}
				case 4:
					call = tx.BecomeDelegate{Hotkey: hk}
				case 5:
					call = tx.RootRegister{Hotkey: hk}
				case 6:
					call = tx.SetRootWeights{Netuid: 0, Hotkey: hk, Dests: []uint16{1, 2, 3}, Weights: []uint16{1, uint16(amount), 3}}
				case 7:
					// A hotkey swap: mostly to a fresh key, sometimes to another name's hotkey (refused).
					newHot := freshKey(n + "/hot")
					if rapid.IntRange(0, 4).Draw(rt, "clash") == 0 {
						newHot = hot[pick("other")]
					}
					if e.swapsHandle(ck, tx.SwapHotkey{Hotkey: hk, NewHotkey: newHot}) == nil {
						hot[n] = newHot
						swappedAway(hk, "hotkey")
					}
					continue
				case 8:
					// A coldkey schedule: fresh, or another name's coldkey (refused once it holds anything).
					dest := freshKey(n)
					if rapid.IntRange(0, 3).Draw(rt, "clash") == 0 {
						dest = cold[pick("other")]
					}
					call = tx.ScheduleSwapColdkey{NewColdkey: dest}
				case 10:
					// Childkeys: lend a share of hk's stake weight to another name's hotkey.
					child := hot[pick("child")]
					call = tx.SetChildren{Hotkey: hk, Netuid: netuid, Children: []tx.Child{{Proportion: amount << 20, Hotkey: child}}}
				case 11:
					call = tx.SetChildkeyTake{Hotkey: hk, Netuid: netuid, Take: uint16(amount)}
				case 9:
					// Root settles an arbitration, if there is one.
					for _, p := range PendingColdkeySwaps(e.kv) {
						if p.Swap.InArbitration() {
							dest := p.Swap.Destinations[rapid.IntRange(0, 1).Draw(rt, "winner")]
							if e.swapsHandle(e.sudo, tx.SwapColdkey{OldColdkey: p.Coldkey, NewColdkey: dest}) == nil {
								for _, m := range names {
									if cold[m] == p.Coldkey {
										cold[m] = dest
									}
								}
								swappedAway(p.Coldkey, "root coldkey")
							}
							break
						}
					}
					continue
				}
				if direct != nil {
					_ = e.do(ck, func(ctx *module.Context) error {
						if err := coldkeySwapGuard(ctx, tx.BurnedRegister{}); err != nil {
							return err
						}
						return direct(ctx)
					})
					continue
				}
				_ = e.swapsHandle(ck, call) // refusals are expected; they must change nothing
			}
			e.height++
			ctx := e.ctx(keys.PublicKey{})
			if _, err := coinbase.BeginBlock(ctx); err != nil {
				rt.Fatal(err)
			}
			if err := BeginBlock(ctx); err != nil {
				rt.Fatal(err)
			}
			// Scheduled swaps of this block: a coldkey swapped away may be
			// the destination of another swap of the same block (a schedule
			// may name a coldkey that is itself leaving), and then rightly
			// holds what it received.
			type swapped struct{ old, dest keys.PublicKey }
			var done []swapped
			for _, ev := range ctx.Events.Events() {
				if ev.Type != "ColdkeySwapped" {
					continue
				}
				old, _ := keys.ParseSS58(ev.Attrs[0].Value)
				dest, _ := keys.ParseSS58(ev.Attrs[1].Value)
				for _, m := range names {
					if cold[m] == old {
						cold[m] = dest
					}
				}
				done = append(done, swapped{old, dest})
			}
			for _, d := range done {
				received := false
				for _, o := range done {
					received = received || o.dest == d.old
				}
				if !received {
					swappedAway(d.old, "scheduled coldkey")
				}
			}
			if err := CheckInvariant(e.kv); err != nil {
				rt.Fatalf("block %d: %v", e.height, err)
			}
		}
	})
}
