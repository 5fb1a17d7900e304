package metagraph_test

import (
	"context"
	"errors"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// chainBackend serves a testchain's committed state; it cannot broadcast.
type chainBackend struct{ c *testchain.Chain }

var _ api.Backend = chainBackend{}

var errNoNode = errors.New("test backend: no node")

func (b chainBackend) View() (*store.View, error) { return b.c.DB.View() }
func (b chainBackend) ChainID() string            { return b.c.ChainID }
func (b chainBackend) CheckTx(context.Context, []byte) (chain.Result, error) {
	return chain.Result{}, errNoNode
}
func (b chainBackend) CommitTx(context.Context, []byte) (*api.TxInfo, chain.Result, error) {
	return nil, chain.Result{}, errNoNode
}
func (b chainBackend) Tx(context.Context, []byte) (*api.TxInfo, error) { return nil, api.ErrNotFound }
func (b chainBackend) Block(context.Context, int64) (*api.BlockInfo, error) {
	return nil, api.ErrNotFound
}
func (b chainBackend) Subscribe() (<-chan app.Block, func()) {
	ch := make(chan app.Block)
	return ch, func() {}
}

// fixture is a chain with one subnet (netuid 1) of n UIDs: UID i is hotkey
// hot[i] owned by //Alice; the first validators UIDs hold stake, set full
// weight rows over every UID and, after an epoch, bonds.
type fixture struct {
	c      *testchain.Chain
	alice  *keys.Keypair
	hot    []*keys.Keypair
	netuid uint16
}

func mustOK(t testing.TB, what string, rs []chain.Result) {
	t.Helper()
	for i, r := range rs {
		if r.Code != 0 {
			t.Fatalf("%s: tx %d refused: %s: %s", what, i, r.Error, r.Log)
		}
	}
}

func hotkey(t testing.TB, i int) *keys.Keypair {
	seed := make([]byte, 32)
	seed[0], seed[1], seed[2] = 'h', byte(i>>8), byte(i)
	kp, err := keys.FromSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func newFixture(t testing.TB, n, validators int) *fixture {
	t.Helper()
	alice, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{alice: alice, netuid: 1}
	g := chain.DefaultGenesis("metagraph-bench")
	g.Sudo = alice.SS58()
	g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: alice.SS58(), Balance: 1_000_000_000_000_000})
	for i := range n {
		f.hot = append(f.hot, hotkey(t, i))
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: f.hot[i].SS58(), Balance: 10_000_000_000})
	}
	c := testchain.New(t, g)
	f.c = c
	mustOK(t, "register_network", c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: f.hot[0].Public()})))
	const tempo = 9
	set := func(name string, v uint64) []byte {
		p, ok := tx.AdminParamByName(name)
		if !ok {
			t.Fatalf("no setter %s", name)
		}
		return c.Tx(alice, tx.AdminSet{Call: p.Index, Netuid: f.netuid, Value: v})
	}
	mustOK(t, "sudo", c.Block(
		set("sudo_set_max_registrations_per_block", 4096),
		set("sudo_set_target_registrations_per_interval", 4096),
		set("sudo_set_tempo", tempo),
		set("sudo_set_weights_set_rate_limit", 0),
		set("sudo_set_max_allowed_validators", uint64(validators)),
	))
	var regs [][]byte
	for i := 1; i < n; i++ {
		regs = append(regs, c.Tx(alice, tx.BurnedRegister{Netuid: f.netuid, Hotkey: f.hot[i].Public()}))
	}
	mustOK(t, "burned_register", c.Block(regs...))
	var stakes [][]byte
	for i := range validators {
		stakes = append(stakes, c.Tx(alice, tx.AddStake{Hotkey: f.hot[i].Public(), Amount: uint64(1000+i) * 1_000_000_000}))
	}
	mustOK(t, "add_stake", c.Block(stakes...))
	c.Blocks(tempo + 1) // an epoch: validator permits
	uids := make([]uint16, n)
	vals := make([]uint16, n)
	for i := range uids {
		uids[i], vals[i] = uint16(i), uint16(i+1)
	}
	var ws [][]byte
	for i := range validators {
		ws = append(ws, c.Tx(f.hot[i], tx.SetWeights{Netuid: f.netuid, Dests: uids, Weights: vals}))
	}
	mustOK(t, "set_weights", c.Block(ws...))
	c.Blocks(tempo + 1) // an epoch: bonds
	return f
}
