package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
)

func TestAddRemoveStake(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("v")
	_ = id
	ck, hk, nom := acct("v"), acct("v/hot"), acct("nom")
	e.fund(ck, 100*TAO)
	e.fund(nom, 100*TAO)
	add := func(c, h [32]byte, amt uint64) error {
		return e.do(c, func(ctx *module.Context) error { return AddStake(ctx, c, h, amt) })
	}
	remove := func(c, h [32]byte, amt uint64) error {
		return e.do(c, func(ctx *module.Context) error { return RemoveStake(ctx, c, h, amt) })
	}
	tests := []struct {
		name string
		run  func() error
		want *module.Error
	}{
		{"unknown hotkey", func() error { return add(ck, acct("nobody"), TAO) }, ErrHotKeyAccountNotExists},
		{"zero", func() error { return add(ck, hk, 0) }, ErrAmountTooLow},
		{"too much", func() error { return add(ck, hk, 1000*TAO) }, ErrNotEnoughBalanceToStake},
		{"dust left behind", func() error { return add(ck, hk, bank.Balance(e.kv, ck)-1) }, ErrBalanceWithdrawalError},
		{"own hotkey", func() error { return add(ck, hk, 10*TAO) }, nil},
		{"nominate a non-delegate", func() error { return add(nom, hk, TAO) }, ErrNonAssociatedColdKey},
		{"become delegate", func() error {
			return e.do(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) })
		}, nil},
		{"nominate a delegate", func() error { return add(nom, hk, 5*TAO) }, nil},
		{"remove more than staked", func() error { return remove(nom, hk, 6*TAO) }, ErrNotEnoughStakeToWithdraw},
		{"remove zero", func() error { return remove(nom, hk, 0) }, ErrNotEnoughStakeToWithdraw},
		{"remove part", func() error { return remove(nom, hk, 2*TAO) }, nil},
	}
	for _, tt := range tests {
		wantErr(t, tt.run(), tt.want)
	}
	if Stake(e.kv, hk, ck) != 10*TAO || Stake(e.kv, hk, nom) != 3*TAO || TotalHotkeyStake(e.kv, hk) != 13*TAO ||
		TotalColdkeyStake(e.kv, nom) != 3*TAO || TotalStake(e.kv) != 13*TAO {
		t.Fatal("stake totals wrong")
	}
	if got := Nominators(e.kv, hk); len(got) != 2 {
		t.Fatalf("nominators %v", got)
	}
	if got := StakesOfColdkey(e.kv, nom); len(got) != 1 || got[0].Account != hk || got[0].Stake != 3*TAO {
		t.Fatalf("stakes of nominator %v", got)
	}
	wantErr(t, remove(nom, hk, 3*TAO), nil)
	if len(StakesOfColdkey(e.kv, nom)) != 0 {
		t.Fatal("emptied stake still listed")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

func TestDelegateTake(t *testing.T) {
	e := newEnv(t)
	ck, hk := acct("v"), acct("v/hot")
	e.subnet("v")
	np := Network(e.kv)
	do := func(c [32]byte, fn func(ctx *module.Context) error) error { return e.do(c, fn) }
	inc := func(c [32]byte, take uint16) error {
		return do(c, func(ctx *module.Context) error { return IncreaseTake(ctx, c, hk, take) })
	}
	dec := func(c [32]byte, take uint16) error {
		return do(c, func(ctx *module.Context) error { return DecreaseTake(ctx, c, hk, take) })
	}
	wantErr(t, do(acct("x"), func(ctx *module.Context) error { return BecomeDelegate(ctx, acct("x"), hk) }), ErrNonAssociatedColdKey)
	wantErr(t, do(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) }), nil)
	if Take(e.kv, hk) != np.MaxDelegateTake || !IsDelegate(e.kv, hk) {
		t.Fatal("default take is not 18%")
	}
	wantErr(t, do(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) }), ErrHotKeyAlreadyDelegate)
	// become_delegate is rate-limited per coldkey.
	e.ok(ck, func(ctx *module.Context) error { createAccountIfNonExistent(ctx.KV, ck, acct("v/hot2")); return nil })
	wantErr(t, do(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, acct("v/hot2")) }), ErrTxRateLimitExceeded)

	wantErr(t, inc(ck, np.MaxDelegateTake+1), ErrDelegateTakeTooHigh)
	tests := []struct {
		name string
		err  error
		want *module.Error
	}{
		{"decrease by a stranger", dec(acct("x"), 100), ErrNonAssociatedColdKey},
		{"decrease to the same", dec(ck, np.MaxDelegateTake), ErrDelegateTakeTooLow},
		{"decrease to 0%", dec(ck, 0), nil},
		{"increase to the same", inc(ck, 0), ErrDelegateTakeTooLow},
		{"increase right after a change", inc(ck, 100), ErrDelegateTxRateLimitExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.err, tt.want) })
	}
	e.height += int64(np.TxDelegateTakeRateLimit) + 1
	wantErr(t, inc(ck, np.MaxDelegateTake+1), ErrDelegateTakeTooHigh)
	wantErr(t, inc(ck, 5000), nil)
	if Take(e.kv, hk) != 5000 {
		t.Fatalf("take %d", Take(e.kv, hk))
	}
	wantErr(t, inc(ck, 6000), ErrDelegateTxRateLimitExceeded)
	np.MinDelegateTake = 1000
	SetNetwork(e.kv, np)
	wantErr(t, dec(ck, 999), ErrDelegateTakeTooLow)
	wantErr(t, dec(ck, 1000), nil)
}

func TestPayHotkeySplitsTakeAndNominators(t *testing.T) {
	e := newEnv(t)
	e.subnet("v")
	ck, hk, n1, n2 := acct("v"), acct("v/hot"), acct("n1"), acct("n2")
	for _, a := range [][32]byte{ck, n1, n2} {
		e.fund(a, 1000*TAO)
	}
	e.ok(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) })
	e.ok(ck, func(ctx *module.Context) error { return AddStake(ctx, ck, hk, 100) })
	e.ok(n1, func(ctx *module.Context) error { return AddStake(ctx, n1, hk, 200) })
	e.ok(n2, func(ctx *module.Context) error { return AddStake(ctx, n2, hk, 700) })
	// take 18% of 1000 validator rao = 179 (floor(1000·11796/65535)); 821 left by stake 10/20/70 %.
	if err := payHotkey(e.kv, hk, 50, 1000); err != nil {
		t.Fatal(err)
	}
	want := map[[32]byte]uint64{ck: 100 + 179 + 82 + 50 + 1, n1: 200 + 164, n2: 700 + 574}
	for a, w := range want {
		if got := Stake(e.kv, hk, a); got != w {
			t.Errorf("stake of %x = %d, want %d", a[:2], got, w)
		}
	}
	if TotalHotkeyStake(e.kv, hk) != 1000+1050 {
		t.Fatal("paid amount not conserved")
	}
}
