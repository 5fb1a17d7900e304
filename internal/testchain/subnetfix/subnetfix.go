// Package subnetfix builds a chain with one populated subnet for API and
// SDK tests and benchmarks, and serves it through an api.Backend.
package subnetfix

import (
	"context"
	"errors"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Backend serves a testchain's committed state through the API; it cannot
// broadcast, look up txs or blocks, or stream.
type Backend struct{ C *testchain.Chain }

var _ api.Backend = Backend{}

// ErrNoNode is returned by the Backend's broadcast methods.
var ErrNoNode = errors.New("test backend: no node")

func (b Backend) View() (*store.View, error) { return b.C.DB.View() }
func (b Backend) ChainID() string            { return b.C.ChainID }
func (b Backend) CheckTx(context.Context, []byte) (chain.Result, error) {
	return chain.Result{}, ErrNoNode
}
func (b Backend) CommitTx(context.Context, []byte) (*api.TxInfo, chain.Result, error) {
	return nil, chain.Result{}, ErrNoNode
}
func (b Backend) Tx(context.Context, []byte) (*api.TxInfo, error) { return nil, api.ErrNotFound }
func (b Backend) Block(context.Context, int64) (*api.BlockInfo, error) {
	return nil, api.ErrNotFound
}

// NextNonce reads the committed nonce (the harness has no mempool).
func (b Backend) NextNonce(acct keys.PublicKey) (n uint64) {
	b.C.Read(func(r store.Reader) { n = auth.Nonce(r, acct) })
	return n
}
func (b Backend) Subscribe() (<-chan app.Block, func()) {
	ch := make(chan app.Block)
	return ch, func() {}
}

// Fixture is a chain with one subnet (netuid 1) of n UIDs: UID i is hotkey
// Hot[i] owned by //Alice; the first validators UIDs hold stake, set full
// weight rows over every UID and, after an epoch, bonds.
type Fixture struct {
	C      *testchain.Chain
	Alice  *keys.Keypair
	Hot    []*keys.Keypair
	Netuid uint16
}

// MustOK fails t unless every result applied.
func MustOK(t testing.TB, what string, rs []chain.Result) {
	t.Helper()
	for i, r := range rs {
		if r.Code != 0 {
			t.Fatalf("%s: tx %d refused: %s: %s", what, i, r.Error, r.Log)
		}
	}
}

// Hotkey returns the fixture's i-th hotkey (a fixed seed).
func Hotkey(t testing.TB, i int) *keys.Keypair {
	seed := make([]byte, 32)
	seed[0], seed[1], seed[2] = 'h', byte(i>>8), byte(i)
	kp, err := keys.FromSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// New builds the fixture: n UIDs, the first validators of them staked and weighting.
func New(t testing.TB, n, validators int) *Fixture {
	t.Helper()
	alice, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	f := &Fixture{Alice: alice, Netuid: 1}
	g := chain.DefaultGenesis("subnet-fixture")
	g.Sudo = alice.SS58()
	g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: alice.SS58(), Balance: 1_000_000_000_000_000})
	for i := range n {
		f.Hot = append(f.Hot, Hotkey(t, i))
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: f.Hot[i].SS58(), Balance: 10_000_000_000})
	}
	c := testchain.New(t, g)
	f.C = c
	MustOK(t, "register_network", c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: f.Hot[0].Public()})))
	const tempo = 9
	set := func(name string, v uint64) []byte {
		p, ok := tx.AdminParamByName(name)
		if !ok {
			t.Fatalf("no setter %s", name)
		}
		return c.Tx(alice, tx.AdminSet{Call: p.Index, Netuid: f.Netuid, Value: v})
	}
	MustOK(t, "sudo", c.Block(
		set("sudo_set_max_registrations_per_block", 4096),
		set("sudo_set_target_registrations_per_interval", 4096),
		set("sudo_set_tempo", tempo),
		set("sudo_set_weights_set_rate_limit", 0),
		set("sudo_set_max_allowed_validators", uint64(validators)),
	))
	var regs [][]byte
	for i := 1; i < n; i++ {
		regs = append(regs, c.Tx(alice, tx.BurnedRegister{Netuid: f.Netuid, Hotkey: f.Hot[i].Public()}))
	}
	MustOK(t, "burned_register", c.Block(regs...))
	var stakes [][]byte
	for i := range validators {
		stakes = append(stakes, c.Tx(alice, tx.AddStake{Hotkey: f.Hot[i].Public(), Amount: uint64(1000+i) * 1_000_000_000}))
	}
	MustOK(t, "add_stake", c.Block(stakes...))
	c.Blocks(tempo + 1) // an epoch: validator permits
	uids := make([]uint16, n)
	vals := make([]uint16, n)
	for i := range uids {
		uids[i], vals[i] = uint16(i), uint16(i+1)
	}
	var ws [][]byte
	for i := range validators {
		ws = append(ws, c.Tx(f.Hot[i], tx.SetWeights{Netuid: f.Netuid, Dests: uids, Weights: vals}))
	}
	MustOK(t, "set_weights", c.Block(ws...))
	c.Blocks(tempo + 1) // an epoch: bonds
	return f
}
