package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

func TestEpochSchedule(t *testing.T) {
	tests := []struct {
		netuid, tempo uint16
		block         uint64
		due           bool
	}{
		{1, 360, 359, true}, {1, 360, 720, true}, {1, 360, 1081, true}, {1, 360, 721, false},
		{0, 100, 100, true}, {2, 360, 358, true}, {1, 0, 359, false},
	}
	for _, tt := range tests {
		if got := EpochDue(tt.netuid, tt.tempo, tt.block); got != tt.due {
			t.Errorf("EpochDue(%d, %d, %d) = %v", tt.netuid, tt.tempo, tt.block, got)
		}
		if tt.tempo != 0 && (BlocksUntilNextEpoch(tt.netuid, tt.tempo, tt.block) == 0) != tt.due {
			t.Errorf("BlocksUntilNextEpoch(%d, %d, %d) disagrees", tt.netuid, tt.tempo, tt.block)
		}
	}
}

func rootReg(e *env, name string, stake uint64) error {
	ck, hk := acct(name), acct(name+"/hot")
	e.fund(ck, stake+TAO)
	return e.do(ck, func(ctx *module.Context) error {
		if _, err := RootRegister(ctx, ck, hk); err != nil {
			return err
		}
		return AddStake(ctx, ck, hk, stake)
	})
}

func TestRootRegisterTopByStake(t *testing.T) {
	e := newEnv(t)
	e.setParams(RootNetUID, func(p *SubnetParams) { p.MaxAllowedUIDs, p.MaxRegsPerBlock, p.TargetRegsPerInterval = 2, 10, 10 })
	wantErr(t, rootReg(e, "a", 100), nil)
	wantErr(t, rootReg(e, "b", 50), nil)
	if !IsDelegate(e.kv, acct("a/hot")) {
		t.Fatal("root validators become delegates")
	}
	// Full: a newcomer must out-stake the weakest root validator.
	weak := acct("c/hot")
	e.fund(acct("c"), 100*TAO)
	e.ok(acct("c"), func(ctx *module.Context) error {
		createAccountIfNonExistent(ctx.KV, acct("c"), weak)
		return AddStake(ctx, acct("c"), weak, 50)
	})
	wantErr(t, e.do(acct("c"), func(ctx *module.Context) error { _, err := RootRegister(ctx, acct("c"), weak); return err }), ErrStakeTooLowForRoot)
	e.ok(acct("c"), func(ctx *module.Context) error { return AddStake(ctx, acct("c"), weak, 1) })
	var uid uint16
	e.ok(acct("c"), func(ctx *module.Context) (err error) { uid, err = RootRegister(ctx, acct("c"), weak); return err })
	if uid != 1 || IsRegistered(e.kv, RootNetUID, acct("b/hot")) {
		t.Fatalf("newcomer took UID %d; b still registered: %v", uid, IsRegistered(e.kv, RootNetUID, acct("b/hot")))
	}
	wantErr(t, e.do(acct("c"), func(ctx *module.Context) error { _, err := RootRegister(ctx, acct("c"), weak); return err }), ErrHotKeyAlreadyRegisteredInSubNet)
}

func TestRootWeightsDriveEmission(t *testing.T) {
	e := newEnv(t)
	s1, s2 := e.subnet("o1"), e.subnet("o2")
	e.setParams(RootNetUID, func(p *SubnetParams) { p.MaxRegsPerBlock, p.TargetRegsPerInterval, p.WeightsRateLimit = 10, 10, 0 })
	wantErr(t, rootReg(e, "a", 300*TAO), nil)
	wantErr(t, rootReg(e, "b", 100*TAO), nil)
	setRoot := func(name string, netuid uint16, uids, vals []uint16) error {
		ck, hk := acct(name), acct(name+"/hot")
		return e.do(ck, func(ctx *module.Context) error { return SetRootWeights(ctx, ck, netuid, hk, uids, vals, 0) })
	}
	wantErr(t, setRoot("b", RootNetUID, []uint16{s1, 77}, []uint16{1, 1}), ErrUidVecContainInvalidOne)
	wantErr(t, setRoot("b", s1, []uint16{s1}, []uint16{1}), ErrNotRootSubnet)
	wantErr(t, e.do(acct("x"), func(ctx *module.Context) error {
		return SetRootWeights(ctx, acct("x"), 0, acct("a/hot"), []uint16{s1}, []uint16{1}, 0)
	}), ErrNonAssociatedColdKey)
	wantErr(t, e.do(acct("x"), func(ctx *module.Context) error {
		return SetRootWeights(ctx, acct("x"), 0, acct("nobody"), []uint16{s1}, []uint16{1}, 0)
	}), ErrHotKeyAccountNotExists)
	wantErr(t, setRoot("a", RootNetUID, []uint16{s1}, []uint16{1}), nil)
	wantErr(t, setRoot("b", RootNetUID, []uint16{s1, s2}, []uint16{1, 1}), nil)
	rootEpoch(e.kv, TAO)
	pool0 := coinbase.PendingEmission(e.kv)
	ev1, ev2 := State(e.kv, s1).EmissionValue, State(e.kv, s2).EmissionValue
	if ev1 == 0 || ev2 == 0 || ev1 <= ev2 || ev1+ev2 > TAO || ev1+ev2 < TAO-10 {
		t.Fatalf("emission values %d, %d", ev1, ev2)
	}
	// This block's emission is split in proportion, to the rao, and minted.
	ti := bank.TotalIssuance(e.kv)
	e.ok(acct("x"), func(ctx *module.Context) error { return distributeEmission(ctx, 1_000_003) })
	p1, p2 := State(e.kv, s1).PendingEmission, State(e.kv, s2).PendingEmission
	if p1+p2 != 1_000_003+pool0 || coinbase.PendingEmission(e.kv) != 0 || p1 <= p2 {
		t.Fatalf("pending %d + %d", p1, p2)
	}
	if got := bank.TotalIssuance(e.kv); got != ti+1_000_003 {
		t.Fatalf("issuance %d → %d, want +1000003 minted", ti, got)
	}
	// Dissolving a subnet removes it from the root weights; its pending
	// emission leaves issuance and is never credited to another subnet.
	ti = bank.TotalIssuance(e.kv)
	e.ok(e.sudo, func(ctx *module.Context) error { return DissolveNetwork(ctx, e.sudo, acct("o2"), s2) })
	for _, n := range Neurons(e.kv, RootNetUID) {
		for _, w := range Weights(e.kv, RootNetUID, n.UID) {
			if w.UID == s2 {
				t.Fatal("root weight on a dissolved subnet")
			}
		}
	}
	if got := bank.TotalIssuance(e.kv); coinbase.PendingEmission(e.kv) != 0 || got != ti-p2 || State(e.kv, s1).PendingEmission != p1 {
		t.Fatalf("after dissolve: pool %d, issuance %d → %d (want −%d), s1 pending %d (want %d)",
			coinbase.PendingEmission(e.kv), ti, got, p2, State(e.kv, s1).PendingEmission, p1)
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

func TestEpochOwnerCutHeldUntilOwnerCanReceive(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	// Drain the owner's account so a tiny cut cannot create it (existential deposit).
	owner := acct("owner")
	bal := getU64(e.kv, balanceKeyOf(owner))
	e.ok(owner, func(ctx *module.Context) error { return debitAll(ctx, owner, bal) })
	st := State(e.kv, id)
	st.PendingEmission = 100 // cut 17 rao < 500
	setState(e.kv, id, &st)
	if err := bank.AddIssuance(e.kv, 100); err != nil {
		t.Fatal(err)
	}
	p := e.params(id)
	if err := runEpoch(e.ctx(keys.PublicKey{}), id, &p, uint64(e.height)); err != nil {
		t.Fatal(err)
	}
	if got := State(e.kv, id).PendingEmission; got < 17 || got > 100 {
		t.Fatalf("pending after epoch %d: the cut must stay pending", got)
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

// With no emission values nothing is credited and nothing is minted: a
// bare chain's issuance stays constant block after block.
func TestEmissionWithoutRecipientsIsNotMinted(t *testing.T) {
	e := newEnv(t)
	ti := bank.TotalIssuance(e.kv)
	e.blocks(5)
	if got := bank.TotalIssuance(e.kv); got != ti {
		t.Fatalf("bare chain issuance %d → %d", ti, got)
	}
	id := e.subnet("owner") // a subnet, but no root weights: no emission value
	ti = bank.TotalIssuance(e.kv)
	e.blocks(5)
	if got := bank.TotalIssuance(e.kv); got != ti || State(e.kv, id).PendingEmission != 0 {
		t.Fatalf("subnet without emission value: issuance %d → %d, pending %d", ti, got, State(e.kv, id).PendingEmission)
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

// A subnet whose registration is closed receives no emission (the classic
// run_coinbase skips it) and its share is not minted; nor is it credited to
// another subnet.
func TestClosedSubnetShareIsNotMinted(t *testing.T) {
	e := newEnv(t)
	s1, s2 := e.subnet("o1"), e.subnet("o2")
	for id, ev := range map[uint16]uint64{s1: 600_000_000, s2: 400_000_000} {
		st := State(e.kv, id)
		st.EmissionValue = ev
		setState(e.kv, id, &st)
	}
	e.setParams(s2, func(p *SubnetParams) { p.RegistrationAllowed = false })
	ti := bank.TotalIssuance(e.kv)
	e.ok(acct("x"), func(ctx *module.Context) error { return distributeEmission(ctx, TAO) })
	if p1, p2 := State(e.kv, s1).PendingEmission, State(e.kv, s2).PendingEmission; p1 != 600_000_000 || p2 != 0 {
		t.Fatalf("pending %d, %d; want 600000000 and 0", p1, p2)
	}
	if got := bank.TotalIssuance(e.kv); got != ti+600_000_000 {
		t.Fatalf("issuance %d → %d, want +600000000 (the closed subnet's share unminted)", ti, got)
	}
	// With every subnet closed nothing is minted at all.
	e.setParams(s1, func(p *SubnetParams) { p.RegistrationAllowed = false })
	ti = bank.TotalIssuance(e.kv)
	e.ok(acct("x"), func(ctx *module.Context) error { return distributeEmission(ctx, TAO) })
	if got := bank.TotalIssuance(e.kv); got != ti || State(e.kv, s1).PendingEmission != 600_000_000 {
		t.Fatalf("all closed: issuance %d → %d, s1 pending %d", ti, got, State(e.kv, s1).PendingEmission)
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

// TestEmissionMintedOnlyAsCredited runs the coinbase with the subtensor
// block step: issuance grows by exactly the block emission while subnets
// have emission values and not at all while none has, and a dissolved
// subnet's pending emission leaves issuance instead of being credited to
// another subnet.
func TestEmissionMintedOnlyAsCredited(t *testing.T) {
	e := newEnv(t)
	s1, s2 := e.subnet("o1"), e.subnet("o2")
	for _, id := range []uint16{s1, s2} {
		e.setParams(id, func(p *SubnetParams) { p.Tempo = 0 }) // no epoch drains the pending emission
	}
	block := func() (minted uint64) {
		t.Helper()
		ti := bank.TotalIssuance(e.kv)
		e.height++
		ctx := e.ctx(keys.PublicKey{})
		if _, err := coinbase.BeginBlock(ctx); err != nil {
			t.Fatal(err)
		}
		if err := BeginBlock(ctx); err != nil {
			t.Fatal(err)
		}
		if err := CheckInvariant(e.kv); err != nil {
			t.Fatal(err)
		}
		return bank.TotalIssuance(e.kv) - ti
	}
	for range 3 {
		if m := block(); m != 0 {
			t.Fatalf("no emission values: minted %d", m)
		}
	}
	setEV := func(id uint16, ev uint64) {
		st := State(e.kv, id)
		st.EmissionValue = ev
		setState(e.kv, id, &st)
	}
	setEV(s1, 600_000_000)
	setEV(s2, 400_000_000)
	for range 3 {
		em := coinbase.BlockEmissionForIssuance(bank.TotalIssuance(e.kv))
		if m := block(); m != em || m == 0 {
			t.Fatalf("minted %d, want the block emission %d", m, em)
		}
	}
	p1, p2 := State(e.kv, s1).PendingEmission, State(e.kv, s2).PendingEmission
	if p1 != 1_800_000_000 || p2 != 1_200_000_000 {
		t.Fatalf("pending %d, %d", p1, p2)
	}
	ti := bank.TotalIssuance(e.kv)
	e.ok(e.sudo, func(ctx *module.Context) error { return DissolveNetwork(ctx, e.sudo, keys.PublicKey{}, s2) })
	if got := bank.TotalIssuance(e.kv); got != ti-p2 {
		t.Fatalf("dissolve: issuance %d → %d, want its pending %d gone", ti, got, p2)
	}
	// After the dissolve only s1's own share is credited and minted: never
	// more than the block emission, never the dissolved subnet's pending.
	em := coinbase.BlockEmissionForIssuance(bank.TotalIssuance(e.kv))
	m := block()
	if got := State(e.kv, s1).PendingEmission - p1; got != m || got == 0 || got > em {
		t.Fatalf("after dissolve: s1 credited %d, minted %d, block emission %d: the dissolved subnet's emission was re-credited", got, m, em)
	}
}

// TestCheckStateSkipsEpochs: in the mempool's check state (Env.Check) a due
// epoch does not run and the subnet's pending emission stays; the block
// itself runs it.
func TestCheckStateSkipsEpochs(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	st := State(e.kv, id)
	st.PendingEmission = 1000
	setState(e.kv, id, &st)
	if err := bank.AddIssuance(e.kv, 1000); err != nil {
		t.Fatal(err)
	}
	p := e.params(id)
	for !EpochDue(id, p.Tempo, uint64(e.height)) {
		e.height++
	}
	for _, check := range []bool{true, false} {
		before := State(e.kv, id)
		ctx := e.ctx(keys.PublicKey{})
		ctx.Check = check
		if err := BeginBlock(ctx); err != nil {
			t.Fatal(err)
		}
		after := State(e.kv, id)
		ran := after.PendingEmission != before.PendingEmission || after.BlocksSinceLastStep != before.BlocksSinceLastStep
		if ran == check {
			t.Fatalf("check %v: epoch ran %v (pending %d → %d)", check, ran, before.PendingEmission, after.PendingEmission)
		}
	}
}
