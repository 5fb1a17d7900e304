package app_test

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// TestDeterminismSubtensor drives two fresh chains with the same random
// blocks of subtensor calls (subnet and neuron registration, staking,
// weights, commit/reveal, root registration and root weights, sudo
// settings, failing calls among them) with short tempos so that epochs
// run, and requires equal results and app hashes at every height.
func TestDeterminismSubtensor(t *testing.T) {
	cold := keyring(t) // //Alice (sudo) … //Dave
	hot := make([]*keys.Keypair, 6)
	for i := range hot {
		hot[i] = testchain.Key(t, "//Det//hot//"+string(rune('a'+i)))
	}
	tempo, _ := tx.AdminParamByName("sudo_set_tempo")
	regs, _ := tx.AdminParamByName("sudo_set_max_registrations_per_block")
	limit, _ := tx.AdminParamByName("sudo_set_weights_set_rate_limit")
	cr, _ := tx.AdminParamByName("sudo_set_commit_reveal_weights_enabled")
	okCalls := map[string]int{}
	epochs := 0
	rapid.Check(t, func(rt *rapid.T) {
		g := testchain.Genesis(rt, "det-sub", 100_000_000_000_000, uris...)
		g.Sudo = cold[0].SS58()
		a, b := testchain.New(rt, g), testchain.New(rt, g)
		a.App.OnCommit(func(blk app.Block) {
			for _, e := range blk.Events {
				if e.Type == "SubnetEpoch" {
					epochs++
				}
			}
		})
		alice := cold[0]
		// A subnet to play on, with short tempos on it and on root.
		setup := [][]byte{
			a.Tx(alice, tx.RegisterNetwork{Hotkey: hot[0].Public()}),
		}
		run := func(txs [][]byte) {
			ra, rb := a.Block(txs...), b.Block(txs...)
			for i := range ra {
				if ra[i].Code != rb[i].Code || ra[i].Fee != rb[i].Fee {
					rt.Fatalf("height %d tx %d: results differ %+v vs %+v", a.Height(), i, ra[i], rb[i])
				}
				if ra[i].OK() {
					okCalls[ra[i].Call]++
				}
			}

			if !bytes.Equal(a.AppHash(), b.AppHash()) {
				rt.Fatalf("height %d: app hashes differ", a.Height())
			}
			// Re-read every nonce: failed calls used theirs, refusals did not.
			a.Read(func(r store.Reader) {
				for _, k := range append(append([]*keys.Keypair{}, cold...), hot...) {
					a.ResetNonce(k, auth.Nonce(r, k.Public()))
				}
			})
		}
		run(setup)
		run([][]byte{
			a.Tx(alice, tx.AdminSet{Call: tempo.Index, Netuid: 1, Value: uint64(rapid.IntRange(1, 4).Draw(rt, "tempo"))}),
			a.Tx(alice, tx.AdminSet{Call: tempo.Index, Netuid: 0, Value: 2}),
			a.Tx(alice, tx.AdminSet{Call: regs.Index, Netuid: 1, Value: 8}),
			a.Tx(alice, tx.AdminSet{Call: limit.Index, Netuid: 1, Value: 0}),
			a.Tx(alice, tx.AdminSet{Call: limit.Index, Netuid: 0, Value: 0}),
			a.Tx(alice, tx.AdminSet{Call: cr.Index, Netuid: 1, Value: map[bool]uint64{false: 0, true: 1}[rapid.Bool().Draw(rt, "commit_reveal")]}),
		})
		type commit struct {
			hk                 int
			uids, values, salt []uint16
		}
		var commits []commit
		blocks := rapid.IntRange(3, 10).Draw(rt, "blocks")
		for range blocks {
			n := rapid.IntRange(0, 6).Draw(rt, "txs")
			var txs [][]byte
			for range n {
				c := cold[rapid.IntRange(0, len(cold)-1).Draw(rt, "cold")]
				hi := rapid.IntRange(0, len(hot)-1).Draw(rt, "hot")
				h := hot[hi]
				uids := rapid.SliceOfNDistinct(rapid.Uint16Range(0, 6), 1, 4, rapid.ID[uint16]).Draw(rt, "uids")
				vals := rapid.SliceOfN(rapid.Uint16Range(0, 65535), len(uids), len(uids)).Draw(rt, "vals")
				switch rapid.IntRange(0, 8).Draw(rt, "call") {
				case 0:
					txs = append(txs, a.Tx(c, tx.BurnedRegister{Netuid: 1, Hotkey: h.Public()}))
				case 1:
					txs = append(txs, a.Tx(c, tx.AddStake{Hotkey: h.Public(), Amount: rapid.Uint64Range(0, 500_000_000_000).Draw(rt, "stake")}))
				case 2:
					txs = append(txs, a.Tx(c, tx.RemoveStake{Hotkey: h.Public(), Amount: rapid.Uint64Range(0, 100_000_000_000).Draw(rt, "unstake")}))
				case 3:
					txs = append(txs, a.Tx(h, tx.SetWeights{Netuid: 1, Dests: uids, Weights: vals}))
				case 4:
					salt := []uint16{uint16(hi), 7}
					commits = append(commits, commit{hi, uids, vals, salt})
					txs = append(txs, a.Tx(h, tx.CommitWeights{Netuid: 1, Hash: tx.CommitHash(h.Public(), 1, uids, vals, salt, 0)}))
				case 5:
					if len(commits) > 0 {
						cm := commits[rapid.IntRange(0, len(commits)-1).Draw(rt, "commit")]
						txs = append(txs, a.Tx(hot[cm.hk], tx.RevealWeights{Netuid: 1, Uids: cm.uids, Values: cm.values, Salt: cm.salt}))
					}
				case 6:
					txs = append(txs, a.Tx(c, tx.RootRegister{Hotkey: h.Public()}))
				case 7:
					txs = append(txs, a.Tx(c, tx.SetRootWeights{Netuid: 0, Hotkey: h.Public(), Dests: []uint16{1}, Weights: []uint16{vals[0]}}))
				case 8:
					txs = append(txs, a.Tx(c, tx.Transfer{Dest: h.Public(), Value: rapid.Uint64Range(0, 10_000_000_000).Draw(rt, "amount")}))
				}
			}
			run(txs)
		}
		var inv error
		a.Read(func(r store.Reader) { inv = subtensor.CheckInvariant(r) })
		if inv != nil {
			rt.Fatal(inv)
		}
	})
	// The random workload must reach the interesting paths.
	for _, call := range []string{"SubtensorModule.burned_register", "SubtensorModule.add_stake", "SubtensorModule.set_weights",
		"SubtensorModule.commit_weights", "SubtensorModule.root_register", "SubtensorModule.set_root_weights"} {
		if okCalls[call] == 0 {
			t.Errorf("no successful %s in the random workload: %v", call, okCalls)
		}
	}
	if epochs == 0 {
		t.Error("no subnet epoch ran")
	}
	t.Logf("successful calls %v, epochs %d", okCalls, epochs)
}
