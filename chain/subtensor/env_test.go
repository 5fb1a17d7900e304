package subtensor

import (
	"errors"
	"fmt"
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
)

// env is an in-memory subtensor state for unit tests: keeper calls run on a
// branch that is written back only on success, as the chain runs a tx.
type env struct {
	t      testing.TB
	kv     store.KV
	height int64
	sudo   keys.PublicKey
}

func newEnv(t testing.TB) *env {
	t.Helper()
	kv := store.NewCache(storetest.NewModelKV())
	bank.SetExistentialDeposit(kv, bank.DefaultExistentialDeposit)
	e := &env{t: t, kv: kv, height: 1, sudo: acct("sudo")}
	if _, err := InitGenesis(kv, &Genesis{}, e.sudo, true); err != nil {
		t.Fatal(err)
	}
	return e
}

// acct derives a deterministic test public key from a name (not a real keypair).
func acct(name string) keys.PublicKey {
	var k keys.PublicKey
	copy(k[:], fmt.Sprintf("%-32s", name))
	return k
}

func (e *env) ctx(signer keys.PublicKey) *module.Context {
	return &module.Context{Env: module.Env{ChainID: "unit", Height: e.height, PrevHash: []byte(fmt.Sprintf("hash-%d", e.height))},
		KV: e.kv, Events: &module.EventLog{}, Signer: signer}
}

// do runs fn as one transaction: on error nothing it wrote is kept.
func (e *env) do(signer keys.PublicKey, fn func(ctx *module.Context) error) error {
	e.t.Helper()
	ctx := e.ctx(signer)
	b, commit := ctx.Branch()
	err := fn(b)
	if err == nil {
		commit()
	}
	return err
}

func (e *env) ok(signer keys.PublicKey, fn func(ctx *module.Context) error) {
	e.t.Helper()
	if err := e.do(signer, fn); err != nil {
		e.t.Fatalf("height %d: %v", e.height, err)
	}
}

func (e *env) fund(a keys.PublicKey, amount uint64) {
	e.t.Helper()
	if err := bank.Mint(e.kv, a, amount); err != nil {
		e.t.Fatal(err)
	}
}

// block advances one block, running the subtensor block step (without the coinbase).
func (e *env) block() {
	e.t.Helper()
	e.height++
	if err := BeginBlock(e.ctx(keys.PublicKey{})); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) blocks(n int) {
	for range n {
		e.block()
	}
}

func (e *env) params(netuid uint16) SubnetParams {
	p, ok := Params(e.kv, netuid)
	if !ok {
		e.t.Fatalf("subnet %d does not exist", netuid)
	}
	return p
}

func (e *env) setParams(netuid uint16, fn func(p *SubnetParams)) {
	p := e.params(netuid)
	fn(&p)
	setParams(e.kv, netuid, &p)
}

// subnet registers a subnet owned by name's coldkey and returns its netuid.
func (e *env) subnet(owner string) uint16 {
	e.t.Helper()
	ck := acct(owner)
	e.fund(ck, LockCost(e.kv, uint64(e.height))+TAO)
	var id uint16
	e.ok(ck, func(ctx *module.Context) (err error) {
		id, err = RegisterNetwork(ctx, ck, acct(owner+"/hot"))
		return err
	})
	np := Network(e.kv)
	np.NetworkRateLimit = 0
	SetNetwork(e.kv, np)
	return id
}

// neuron burn-registers name's hotkey (coldkey name) on netuid.
func (e *env) neuron(netuid uint16, name string) uint16 {
	e.t.Helper()
	ck := acct(name)
	e.fund(ck, e.params(netuid).Burn+TAO)
	var uid uint16
	e.ok(ck, func(ctx *module.Context) (err error) {
		uid, err = BurnedRegister(ctx, ck, netuid, acct(name+"/hot"))
		return err
	})
	return uid
}

func wantErr(t *testing.T, got error, want *module.Error) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Fatalf("unexpected error %v", got)
		}
		return
	}
	if !errors.Is(got, want) {
		t.Fatalf("error %v, want %s", got, want.Name)
	}
}

func balanceKeyOf(a keys.PublicKey) []byte { return bank.BalanceKey(a) }

func debitAll(ctx *module.Context, a keys.PublicKey, amount uint64) error {
	if err := bank.Debit(ctx.KV, a, amount, false); err != nil {
		return err
	}
	bank.Recycle(ctx.KV, amount)
	return nil
}
