package app_test

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

var rewrite = flag.Bool("rewrite", false, "rewrite golden files in testdata")

var uris = []string{"//Alice", "//Bob", "//Charlie", "//Dave"}

func keyring(t testchain.T) []*keys.Keypair {
	out := make([]*keys.Keypair, len(uris))
	for i, u := range uris {
		out[i] = testchain.Key(t, u)
	}
	return out
}

// TestDeterminism drives two fresh chains (separate in-memory stores) with
// the same random blocks of the real workload — transfers, subnet and neuron
// registration, staking, delegation, weights, commit/reveal, root
// registration and root weights, sudo tempo changes, dissolves, valid and
// invalid — through epochs, and requires equal results and app hashes at
// every height. It also requires the workload to succeed at each core call
// somewhere in the run, so the hashes compare real transitions.
func TestDeterminism(t *testing.T) {
	w := newWorkload(t)
	rapid.Check(t, func(rt *rapid.T) {
		a, b := w.chains(rt)
		w.setup(rt, a, b)
		for range rapid.IntRange(1, 8).Draw(rt, "rounds") {
			var txs [][]byte
			for range rapid.IntRange(0, 8).Draw(rt, "txs") {
				signer, call := w.call(rt, a)
				txs = append(txs, a.Tx(signer, call))
			}
			w.block(rt, a, b, txs...)
			for range rapid.IntRange(0, 3).Draw(rt, "empty") {
				w.block(rt, a, b)
			}
		}
	})
	t.Logf("applied calls over all runs: %v", w.applied)
	for _, name := range []string{
		"Balances.transfer_keep_alive", "SubtensorModule.burned_register", "SubtensorModule.register_network",
		"SubtensorModule.add_stake", "SubtensorModule.remove_stake", "SubtensorModule.set_weights",
		"SubtensorModule.commit_weights", "SubtensorModule.reveal_weights", "SubtensorModule.root_register",
		"SubtensorModule.set_root_weights", "SubtensorModule.become_delegate", "AdminUtils.sudo_set_tempo",
	} {
		if w.applied[name] == 0 {
			t.Errorf("no %s applied in any run: the workload does not exercise it (applied: %v)", name, w.applied)
		}
	}
}

// workload draws random calls over a fixed set of keys. Subnet 1 takes
// weights directly; subnet 2 has commit-reveal (period 1) and remembers
// each hotkey's last commit so that a reveal can match it.
type workload struct {
	g       *chain.Genesis
	colds   []*keys.Keypair
	hots    []*keys.Keypair
	commits map[keys.PublicKey]commit
	applied map[string]int
}

type commit struct{ uids, values, salt []uint16 }

func newWorkload(t *testing.T) *workload {
	w := &workload{colds: keyring(t), applied: map[string]int{}}
	w.g = testchain.Genesis(t, "det", 1_000_000_000_000_000, uris...)
	w.g.Sudo = w.colds[0].SS58()
	for i := range 6 {
		hk := testchain.Key(t, fmt.Sprintf("//Alice//hot%d", i))
		w.hots = append(w.hots, hk)
		w.g.Accounts = append(w.g.Accounts, chain.GenesisAccount{Address: hk.SS58(), Balance: 10_000_000_000})
	}
	return w
}

func (w *workload) chains(rt *rapid.T) (a, b *testchain.Chain) {
	w.commits = map[keys.PublicKey]commit{}
	return testchain.New(rt, w.g), testchain.New(rt, w.g)
}

// setup registers subnets 1 and 2 with short tempos, a few neurons and stake.
func (w *workload) setup(rt *rapid.T, a, b *testchain.Chain) {
	alice := w.colds[0]
	mustApply(rt, "network rate limit", w.block(rt, a, b, w.admin(a, "sudo_set_network_rate_limit", 0, 0)))
	mustApply(rt, "register_network", w.block(rt, a, b, a.Tx(alice, tx.RegisterNetwork{Hotkey: w.hots[0].Public()}),
		a.Tx(w.colds[1], tx.RegisterNetwork{Hotkey: w.hots[1].Public()})))
	var sets [][]byte
	sets = append(sets, w.admin(a, "sudo_set_weights_set_rate_limit", 0, 0))
	for netuid := uint16(1); netuid <= 2; netuid++ {
		sets = append(sets, w.admin(a, "sudo_set_tempo", netuid, 2), w.admin(a, "sudo_set_weights_set_rate_limit", netuid, 0),
			w.admin(a, "sudo_set_max_registrations_per_block", netuid, 1000), w.admin(a, "sudo_set_target_registrations_per_interval", netuid, 1000))
	}
	sets = append(sets, w.admin(a, "sudo_set_commit_reveal_weights_enabled", 2, 1), w.admin(a, "sudo_set_commit_reveal_weights_interval", 2, 1),
		a.Tx(alice, tx.BurnedRegister{Netuid: 1, Hotkey: w.hots[2].Public()}), a.Tx(alice, tx.BurnedRegister{Netuid: 2, Hotkey: w.hots[3].Public()}),
		a.Tx(alice, tx.AddStake{Hotkey: w.hots[0].Public(), Amount: 1000 * tao}), a.Tx(w.colds[1], tx.AddStake{Hotkey: w.hots[1].Public(), Amount: 1000 * tao}),
		a.Tx(alice, tx.RootRegister{Hotkey: w.hots[0].Public()}))
	mustApply(rt, "subnet setup", w.block(rt, a, b, sets...))
	// One full commit-reveal on subnet 2 by its staked owner hot1, after an
	// epoch has given it a validator permit: reveal once the period is due.
	for range 3 {
		w.block(rt, a, b)
	}
	hot := w.hots[1]
	cm := commit{uids: []uint16{0, 1}, values: []uint16{1, 2}, salt: []uint16{7}}
	mustApply(rt, "commit_weights", w.block(rt, a, b, a.Tx(hot, tx.CommitWeights{Netuid: 2,
		Hash: subtensor.CommitHash(hot.Public(), 2, cm.uids, cm.values, cm.salt, 0)})))
	for range 8 {
		r := w.block(rt, a, b, a.Tx(hot, tx.RevealWeights{Netuid: 2, Uids: cm.uids, Values: cm.values, Salt: cm.salt}))[0]
		if r.OK() {
			return
		}
		if r.Error != "RevealTooEarly" {
			rt.Fatalf("setup reveal: %+v", r)
		}
	}
	rt.Fatalf("setup reveal never came due")
}

func mustApply(rt *rapid.T, what string, rs []chain.Result) {
	for i, r := range rs {
		if !r.OK() {
			rt.Fatalf("%s: tx %d: %+v", what, i, r)
		}
	}
}

const tao = 1_000_000_000

// owned lists the (coldkey, hotkey) index pairs that setup registers:
// hot0 and hot1 own subnets 1 and 2, hot2 and hot3 are neurons on them.
var owned = [][2]int{{0, 0}, {1, 1}, {0, 2}, {0, 3}}

func (w *workload) admin(c *testchain.Chain, name string, netuid uint16, v uint64) []byte {
	p, ok := tx.AdminParamByName(name)
	if !ok {
		panic("no admin call " + name)
	}
	return c.Tx(w.colds[0], tx.AdminSet{Call: p.Index, Netuid: netuid, Value: v})
}

// call draws one signed call: its signer and the call.
func (w *workload) call(rt *rapid.T, c *testchain.Chain) (*keys.Keypair, tx.Call) {
	cold := w.colds[rapid.IntRange(0, len(w.colds)-1).Draw(rt, "cold")]
	hot := w.hots[rapid.IntRange(0, len(w.hots)-1).Draw(rt, "hot")]
	if rapid.Bool().Draw(rt, "owned") { // a pair setup made: the coldkey owns the hotkey
		pair := owned[rapid.IntRange(0, len(owned)-1).Draw(rt, "pair")]
		cold, hot = w.colds[pair[0]], w.hots[pair[1]]
	}
	netuid := rapid.SampledFrom([]uint16{0, 1, 1, 2, 2, 3}).Draw(rt, "netuid")
	amount := rapid.Uint64Range(0, 2000*tao).Draw(rt, "amount")
	small := func(label string, n int) []uint16 { // n < 0: 1 to 3 values
		lo, hi := n, n
		if n < 0 {
			lo, hi = 1, 3
		}
		return rapid.SliceOfN(rapid.Uint16Range(0, 3), lo, hi).Draw(rt, label)
	}
	switch rapid.IntRange(0, 14).Draw(rt, "op") {
	case 0:
		return cold, tx.Transfer{Dest: w.colds[rapid.IntRange(0, len(w.colds)-1).Draw(rt, "to")].Public(), Value: amount, KeepAlive: rapid.Bool().Draw(rt, "keep")}
	case 1, 2:
		return cold, tx.BurnedRegister{Netuid: netuid, Hotkey: hot.Public()}
	case 3:
		return cold, tx.RegisterNetwork{Hotkey: hot.Public()}
	case 4:
		return cold, tx.AddStake{Hotkey: hot.Public(), Amount: amount}
	case 5:
		return cold, tx.RemoveStake{Hotkey: hot.Public(), Amount: amount}
	case 6:
		return cold, tx.BecomeDelegate{Hotkey: hot.Public()}
	case 7, 8:
		if rapid.Bool().Draw(rt, "subnet1") { // mostly the neurons of subnet 1
			hot, netuid = w.hots[rapid.SampledFrom([]int{0, 2}).Draw(rt, "setter")], 1
		}
		uids := small("uids", -1)
		return hot, tx.SetWeights{Netuid: netuid, Dests: uids, Weights: small("weights", len(uids))}
	case 9, 10:
		if hk := w.committed(rt); hk != nil && rapid.Bool().Draw(rt, "reveal") {
			cm := w.commits[hk.Public()]
			return hk, tx.RevealWeights{Netuid: 2, Uids: cm.uids, Values: cm.values, Salt: cm.salt}
		}
		hot = w.hots[rapid.SampledFrom([]int{1, 3, 3, 5}).Draw(rt, "committer")] // mostly neurons of subnet 2
		uids := small("uids", -1)
		cm := commit{uids: uids, values: make([]uint16, len(uids)), salt: small("salt", -1)}
		for i := range cm.values {
			cm.values[i] = uint16(i + 1)
		}
		w.commits[hot.Public()] = cm
		return hot, tx.CommitWeights{Netuid: 2, Hash: subtensor.CommitHash(hot.Public(), 2, cm.uids, cm.values, cm.salt, 0)}
	case 11:
		return cold, tx.RootRegister{Hotkey: hot.Public()}
	case 12:
		return cold, tx.SetRootWeights{Netuid: 0, Hotkey: hot.Public(), Dests: []uint16{1, 2}, Weights: small("root", 2)}
	case 13:
		p, _ := tx.AdminParamByName("sudo_set_tempo")
		return w.colds[0], tx.AdminSet{Call: p.Index, Netuid: netuid, Value: uint64(rapid.IntRange(1, 4).Draw(rt, "tempo"))}
	default:
		if rapid.IntRange(0, 3).Draw(rt, "dissolve") == 0 {
			return cold, tx.DissolveNetwork{Coldkey: cold.Public(), Netuid: netuid}
		}
		if rapid.Bool().Draw(rt, "decrease") {
			return cold, tx.DecreaseTake{Hotkey: hot.Public(), Take: uint16(amount)}
		}
		return cold, tx.IncreaseTake{Hotkey: hot.Public(), Take: uint16(amount)}
	}
}

// committed draws a hotkey that has committed weights, or nil.
func (w *workload) committed(rt *rapid.T) *keys.Keypair {
	var ks []*keys.Keypair
	for _, k := range w.hots { // in w.hots order, not map order
		if _, ok := w.commits[k.Public()]; ok {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return nil
	}
	return ks[rapid.IntRange(0, len(ks)-1).Draw(rt, "revealer")]
}

// block runs one block on both chains, requires equal results and app
// hashes, counts applied calls and resyncs a's nonces with its state (a tx
// the ante refused did not use its nonce; a failed call did).
func (w *workload) block(rt *rapid.T, a, b *testchain.Chain, txs ...[]byte) []chain.Result {
	ra, rb := a.Block(txs...), b.Block(txs...)
	if !reflect.DeepEqual(ra, rb) {
		rt.Fatalf("height %d: results differ\n%+v\n%+v", a.Height(), ra, rb)
	}
	if !bytes.Equal(a.AppHash(), b.AppHash()) {
		rt.Fatalf("height %d: app hashes differ", a.Height())
	}
	for i, r := range ra {
		if r.OK() {
			w.applied[r.Call]++
		}
		// A failed commit leaves nothing to reveal; a reveal consumes its commit.
		if x, err := tx.Decode(txs[i]); err == nil && (!r.OK() && r.Call == "SubtensorModule.commit_weights" || r.OK() && r.Call == "SubtensorModule.reveal_weights") {
			delete(w.commits, x.Signer)
		}
	}
	a.Read(func(r store.Reader) {
		for _, k := range append(append([]*keys.Keypair{}, w.colds...), w.hots...) {
			a.ResetNonce(k, auth.Nonce(r, k.Public()))
		}
	})
	return ra
}

// TestGoldenAppHashes replays a fixed block sequence and compares the app
// hash at every height with testdata/golden_app_hashes.txt (regenerate with
// -rewrite). A change here means the state layout or rules changed.
func TestGoldenAppHashes(t *testing.T) {
	ks := keyring(t)
	c := testchain.New(t, testchain.Genesis(t, "golden", 1_000_000_000_000, uris...))
	var got []string
	for h := 0; h < 12; h++ {
		var txs [][]byte
		for i := 0; i < h%4; i++ {
			from, to := ks[(h+i)%4], ks[(h+2*i+1)%4]
			txs = append(txs, c.Tx(from, tx.Transfer{Dest: to.Public(), Value: uint64(1+h*1000+i) * 1_000_000, KeepAlive: i%2 == 0}))
		}
		for i, r := range c.Block(txs...) {
			if !r.OK() {
				t.Fatalf("height %d tx %d refused: %+v", h+1, i, r)
			}
		}
		got = append(got, hex.EncodeToString(c.AppHash()))
	}
	path := filepath.Join("testdata", "golden_app_hashes.txt")
	text := strings.Join(got, "\n") + "\n"
	if *rewrite {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -rewrite to create)", err)
	}
	if string(want) != text {
		t.Fatalf("app hashes differ from %s:\n got:\n%s\nwant:\n%s", path, text, want)
	}
}
