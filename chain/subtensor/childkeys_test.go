package subtensor

import (
	"math"
	"testing"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/fixed"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// childEnv is a subnet with a staked parent "p" and two registered
// hotkeys "c1", "c2", children applying after 15 blocks.
func childEnv(t *testing.T) (*env, uint16) {
	e := newEnv(t)
	setChildkeys(e.kv, LocalnetChildkeyParams())
	netuid := e.subnet("owner")
	e.setParams(netuid, func(p *SubnetParams) { p.MaxRegsPerBlock, p.TargetRegsPerInterval = 10, 10 })
	for _, n := range []string{"p", "c1", "c2"} {
		e.neuron(netuid, n)
	}
	e.fund(acct("p"), 1000*TAO)
	e.ok(acct("p"), func(ctx *module.Context) error { return AddStake(ctx, acct("p"), acct("p/hot"), 1000*TAO) })
	return e, netuid
}

func callSetChildren(e *env, signer string, hotkey keys.PublicKey, netuid uint16, cs ...Child) error {
	return e.do(acct(signer), func(ctx *module.Context) error {
		_, err := Handle(ctx, tx.SetChildren{Hotkey: hotkey, Netuid: netuid, Children: cs})
		return err
	})
}

const half = math.MaxUint64 / 2

func TestSetChildrenRefusals(t *testing.T) {
	e, netuid := childEnv(t)
	p, c1, c2 := acct("p/hot"), acct("c1/hot"), acct("c2/hot")
	six := make([]Child, 6)
	for i := range six {
		six[i] = Child{Proportion: 1, Hotkey: acct(string(rune('k' + i)))}
	}
	tests := []struct {
		name     string
		signer   string
		hotkey   keys.PublicKey
		netuid   uint16
		children []Child
		want     *module.Error
	}{
		{"not the owner", "c1", p, netuid, []Child{{Proportion: half, Hotkey: c1}}, ErrNonAssociatedColdKey},
		{"unknown hotkey", "p", acct("nobody"), netuid, []Child{{Proportion: half, Hotkey: c1}}, ErrHotKeyAccountNotExists},
		{"root", "p", p, RootNetUID, []Child{{Proportion: half, Hotkey: c1}}, ErrRegistrationNotPermittedOnRootSubnet},
		{"no subnet", "p", p, 77, []Child{{Proportion: half, Hotkey: c1}}, ErrSubnetNotExists},
		{"too many", "p", p, netuid, six, ErrTooManyChildren},
		{"itself", "p", p, netuid, []Child{{Proportion: half, Hotkey: p}}, ErrInvalidChild},
		{"duplicate", "p", p, netuid, []Child{{Proportion: 1, Hotkey: c1}, {Proportion: 2, Hotkey: c1}}, ErrDuplicateChild},
		{"over 100%", "p", p, netuid, []Child{{Proportion: half + 1, Hotkey: c1}, {Proportion: half + 1, Hotkey: c2}}, ErrProportionOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := stateDigest(e.kv)
			wantErr(t, callSetChildren(e, tt.signer, tt.hotkey, tt.netuid, tt.children...), tt.want)
			if stateDigest(e.kv) != before {
				t.Fatal("a refused call changed the state")
			}
		})
	}
	// The threshold: a parent with too little own stake.
	np := Network(e.kv)
	np.StakeThreshold = 2000 * TAO
	SetNetwork(e.kv, np)
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c1}), ErrNotEnoughStakeToSetChildkeys)
	np.StakeThreshold = 0
	SetNetwork(e.kv, np)
	// The rate limit: a second call within 150 blocks.
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c1}), nil)
	e.blocks(20)
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c2}), ErrTxRateLimitExceeded)
	// A cycle: c1 (now p's child) may not take p as its child, nor may
	// c2 take p when c1 → c2 would close p → c1 → c2 → p.
	e.fund(acct("c1"), 10*TAO)
	wantErr(t, callSetChildren(e, "c1", c1, netuid, Child{Proportion: half, Hotkey: p}), ErrChildParentInconsistency)
	wantErr(t, callSetChildren(e, "c1", c1, netuid, Child{Proportion: half, Hotkey: c2}), nil)
	e.blocks(20)
	wantErr(t, callSetChildren(e, "c2", c2, netuid, Child{Proportion: half, Hotkey: p}), ErrChildParentInconsistency)
}

// TestChildrenApplyAfterCooldown: scheduled, then applied by the block
// step with both directions recorded; an empty list revokes.
func TestChildrenApplyAfterCooldown(t *testing.T) {
	e, netuid := childEnv(t)
	p, c1, c2 := acct("p/hot"), acct("c1/hot"), acct("c2/hot")
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c1}, Child{Proportion: half / 2, Hotkey: c2}), nil)
	if _, at, ok := PendingChildren(e.kv, p, netuid); !ok || at != uint64(e.height)+15 {
		t.Fatalf("pending at %d (ok %v), want %d", at, ok, e.height+15)
	}
	e.blocks(14)
	if len(Children(e.kv, p, netuid)) != 0 {
		t.Fatal("children applied before the cooldown")
	}
	e.block()
	if cs := Children(e.kv, p, netuid); len(cs) != 2 || cs[0].Hotkey != c1 || cs[1].Proportion != half/2 {
		t.Fatalf("children %v", cs)
	}
	if ps := Parents(e.kv, c2, netuid); len(ps) != 1 || ps[0].Hotkey != p || ps[0].Proportion != half/2 {
		t.Fatalf("c2's parents %v", ps)
	}
	if _, _, ok := PendingChildren(e.kv, p, netuid); ok {
		t.Fatal("pending record left behind")
	}
	// Stake weight: p lends half and a quarter of its 1000 TAO.
	total := TotalHotkeyStake(e.kv, p)
	lent := share(total, half) + share(total, half/2)
	if got := StakeWeight(e.kv, p, netuid); got != total-lent {
		t.Fatalf("parent weight %d, want %d", got, total-lent)
	}
	if got := StakeWeight(e.kv, c1, netuid); got != TotalHotkeyStake(e.kv, c1)+share(total, half) {
		t.Fatalf("child weight %d", got)
	}
	if got := StakeWeight(e.kv, p, RootNetUID); got != total {
		t.Fatalf("root weight %d, want the total %d", got, total)
	}
	e.blocks(SetChildrenRateLimit)
	wantErr(t, callSetChildren(e, "p", p, netuid), nil)
	e.blocks(15)
	if len(Children(e.kv, p, netuid)) != 0 || len(Parents(e.kv, c1, netuid)) != 0 {
		t.Fatal("an empty list did not revoke the children")
	}
}

// TestDividendsFlowToParents: a child with a parent hands the parent its
// share of the validator emission after the childkey take.
func TestDividendsFlowToParents(t *testing.T) {
	e, netuid := childEnv(t)
	p, c1 := acct("p/hot"), acct("c1/hot")
	e.fund(acct("c1"), 100*TAO)
	e.ok(acct("c1"), func(ctx *module.Context) error { return AddStake(ctx, acct("c1"), c1, 100*TAO) })
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c1}), nil)
	e.blocks(15)
	e.ok(acct("c1"), func(ctx *module.Context) error {
		_, err := Handle(ctx, tx.SetChildkeyTake{Hotkey: c1, Netuid: netuid, Take: 6553}) // ~10%
		return err
	})
	pBefore, cBefore := TotalHotkeyStake(e.kv, p), TotalHotkeyStake(e.kv, c1)
	const v = 1_000_000_000
	weight := StakeWeight(e.kv, c1, netuid)
	if err := routeDividends(e.kv, c1, netuid, 7, v); err != nil {
		t.Fatal(err)
	}
	take := uint64(v) * 6553 / 65535
	want, _ := fixed.MulDivU64(v-take, share(pBefore, half), weight)
	if want < 700_000_000 { // about 0.9 × 500/600 of v
		t.Fatalf("the parent's share %d is not the bulk", want)
	}
	if got := TotalHotkeyStake(e.kv, p) - pBefore; got != want {
		t.Fatalf("parent received %d, want %d", got, want)
	}
	if got := TotalHotkeyStake(e.kv, c1) - cBefore; got != v+7-want {
		t.Fatalf("child kept %d, want %d", got, v+7-want)
	}
}

func TestChildkeyTake(t *testing.T) {
	e, netuid := childEnv(t)
	c1 := acct("c1/hot")
	set := func(take uint16) error {
		return e.do(acct("c1"), func(ctx *module.Context) error {
			_, err := Handle(ctx, tx.SetChildkeyTake{Hotkey: c1, Netuid: netuid, Take: take})
			return err
		})
	}
	wantErr(t, set(11_797), ErrInvalidChildkeyTake)
	wantErr(t, set(1000), nil)
	wantErr(t, set(2000), ErrTxChildkeyTakeRateLimitExceeded) // a raise within 5 blocks
	wantErr(t, set(500), nil)                                 // lowering is not limited
	e.blocks(5)
	wantErr(t, set(2000), nil)
	if got := ChildkeyTake(e.kv, c1, netuid); got != 2000 {
		t.Fatalf("take %d", got)
	}
	wantErr(t, e.do(acct("p"), func(ctx *module.Context) error {
		_, err := Handle(ctx, tx.SetChildkeyTake{Hotkey: c1, Netuid: netuid, Take: 1})
		return err
	}), ErrNonAssociatedColdKey)
	// Sudo bounds.
	sudo := func(call uint8, v uint64, signer keys.PublicKey) error {
		return e.do(signer, func(ctx *module.Context) error {
			_, err := Handle(ctx, tx.ChildkeySudo{Call: call, Value: v})
			return err
		})
	}
	wantErr(t, sudo(tx.CallSudoSetMaxChildkeyTake, 1000, acct("c1")), ErrBadOrigin)
	wantErr(t, sudo(tx.CallSudoSetMaxChildkeyTake, 1000, e.sudo), nil)
	wantErr(t, set(1500), ErrInvalidChildkeyTake)
	wantErr(t, sudo(tx.CallSudoSetMinChildkeyTake, 2000, e.sudo), ErrInvalidChildkeyTake)
	wantErr(t, sudo(tx.CallSudoSetPendingChildkeyCooldown, 3, e.sudo), nil)
	if Childkeys(e.kv).PendingChildkeyCooldown != 3 {
		t.Fatal("cooldown not set")
	}
}

// TestSwapHotkeyMovesChildkeys: a parent's and a child's swap carry their
// relations; the other side's lists name the new key.
func TestSwapHotkeyMovesChildkeys(t *testing.T) {
	e, netuid := childEnv(t)
	p, c1 := acct("p/hot"), acct("c1/hot")
	wantErr(t, callSetChildren(e, "p", p, netuid, Child{Proportion: half, Hotkey: c1}), nil)
	e.blocks(15)
	e.fund(acct("p"), 10*TAO)
	e.fund(acct("c1"), 10*TAO)
	e.ok(acct("c1"), func(ctx *module.Context) error {
		_, err := Handle(ctx, tx.SetChildkeyTake{Hotkey: c1, Netuid: netuid, Take: 77})
		return err
	})
	newP, newC := acct("p/new"), acct("c1/new")
	wantErr(t, e.swapsHandle(acct("p"), tx.SwapHotkey{Hotkey: p, NewHotkey: newP}), nil)
	wantErr(t, e.swapsHandle(acct("c1"), tx.SwapHotkey{Hotkey: c1, NewHotkey: newC}), nil)
	if cs := Children(e.kv, newP, netuid); len(cs) != 1 || cs[0].Hotkey != newC {
		t.Fatalf("new parent's children %v", cs)
	}
	if ps := Parents(e.kv, newC, netuid); len(ps) != 1 || ps[0].Hotkey != newP {
		t.Fatalf("new child's parents %v", ps)
	}
	if ChildkeyTake(e.kv, newC, netuid) != 77 {
		t.Fatal("childkey take not moved")
	}
	for _, old := range []keys.PublicKey{p, c1} {
		if got := recordsNaming(e.kv, old); len(got) != 0 {
			t.Fatalf("%d records still name %s: %x", len(got), old.SS58(), got)
		}
	}
}
