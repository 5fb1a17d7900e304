package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func TestAdjustedValue(t *testing.T) {
	const max64 = ^uint64(0)
	tests := []struct {
		name               string
		cur                uint64
		regs, target       uint16
		alpha, lo, hi, out uint64
	}{
		{"on target: unchanged", 10_000, 2, 2, 0, 1, max64, 10_000},
		{"no registrations: halves (alpha 0)", 10_000, 0, 2, 0, 1, max64, 5_000},
		{"double target: ×1.5", 10_000, 4, 2, 0, 1, max64, 15_000},
		{"alpha 1: keeps the old value", 10_000, 8, 2, max64, 1, max64, 10_000},
		{"alpha 0.97 (classic): moves 3% of the way", 1_000_000_000, 0, 1, 17_893_341_751_498_265_066, 1, max64, 984_998_703},
		{"clamped to max", 10_000, 100, 1, 0, 1, 20_000, 20_000},
		{"clamped to min", 10_000, 0, 1, 0, 6_000, max64, 6_000},
		{"target 0: unchanged", 10_000, 5, 0, 0, 1, max64, 10_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AdjustedValue(tt.cur, tt.regs, tt.target, tt.alpha, tt.lo, tt.hi); got != tt.out {
				t.Fatalf("AdjustedValue = %d, want %d", got, tt.out)
			}
		})
	}
}

func TestBurnAndDifficultyAdjustment(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) {
		p.AdjustmentInterval, p.TargetRegsPerInterval, p.AdjustmentAlpha = 10, 1, 0
		p.MaxRegsPerBlock = 5
		p.Burn, p.Difficulty = 1_000_000_000, 20_000_000
	})
	e.blocks(10) // first interval: no registrations → both halve toward target (pow == burn == 0)
	p := e.params(id)
	if p.Burn != 500_000_000 || p.Difficulty != 10_000_000 {
		t.Fatalf("after an empty interval burn %d difficulty %d", p.Burn, p.Difficulty)
	}
	// Three burn registrations (above target 1): only the burn rises, ×(3+1)/2.
	e.neuron(id, "a")
	e.neuron(id, "b")
	e.neuron(id, "c")
	e.blocks(10)
	p = e.params(id)
	if p.Burn != 1_000_000_000 || p.Difficulty != 10_000_000 {
		t.Fatalf("after 3 burn registrations burn %d difficulty %d", p.Burn, p.Difficulty)
	}
	if st := State(e.kv, id); st.RegistrationsThisInterval != 0 || st.BurnRegistrationsThisInterval != 0 {
		t.Fatalf("interval counters not reset: %+v", st)
	}
}

func TestRegistrationLimits(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	ck := acct("c")
	e.fund(ck, 100*TAO)
	reg := func(netuid uint16, hot string) error {
		return e.do(ck, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, ck, netuid, acct(hot)); return err })
	}
	wantErr(t, reg(0, "h1"), ErrRegistrationNotPermittedOnRootSubnet)
	wantErr(t, reg(9, "h1"), ErrSubnetNotExists)
	wantErr(t, reg(id, "owner/hot"), ErrHotKeyAlreadyRegisteredInSubNet)
	wantErr(t, reg(id, "h1"), nil)
	wantErr(t, reg(id, "h2"), ErrTooManyRegistrationsThisBlock) // MaxRegsPerBlock 1
	e.block()
	wantErr(t, reg(id, "h2"), nil)
	e.block()
	wantErr(t, reg(id, "h3"), nil)
	e.block()
	wantErr(t, reg(id, "h4"), ErrTooManyRegistrationsThisInterval) // 3 × target 1
	e.setParams(id, func(p *SubnetParams) { p.RegistrationAllowed = false })
	wantErr(t, reg(id, "h4"), ErrSubNetRegistrationDisabled)
	e.setParams(id, func(p *SubnetParams) { p.RegistrationAllowed, p.TargetRegsPerInterval = true, 10 })
	poor := acct("poor")
	wantErr(t, e.do(poor, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, poor, id, acct("h9")); return err }), ErrNotEnoughBalanceToStake)
	// A hotkey owned by another coldkey cannot be registered by ck.
	other := acct("other")
	e.fund(other, 10*TAO)
	e.ok(other, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, other, id, acct("ohot")); return err })
	e.block()
	wantErr(t, e.do(ck, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, ck, 9, acct("ohot")); return err }), ErrSubnetNotExists)
	id2 := e.subnet("owner2")
	wantErr(t, e.do(ck, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, ck, id2, acct("ohot")); return err }), ErrNonAssociatedColdKey)
	// The burn is recycled: issuance falls with the balance.
	ti, bal := bank.TotalIssuance(e.kv), bank.Balance(e.kv, ck)
	burn := e.params(id).Burn
	wantErr(t, reg(id, "h5"), nil)
	if bank.TotalIssuance(e.kv) != ti-burn || bank.Balance(e.kv, ck) != bal-burn {
		t.Fatal("burn not recycled")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

func TestReplacementAndImmunity(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) { p.MaxAllowedUIDs, p.ImmunityPeriod, p.TargetRegsPerInterval = 4, 10, 100 })
	for _, n := range []string{"a", "b", "c"} { // UIDs 1..3
		e.neuron(id, n)
		e.block()
	}
	setScore := func(uid, score uint16) {
		n, _ := GetNeuron(e.kv, id, uid)
		n.PruningScore = score
		setNeuron(e.kv, id, &n)
	}
	// All immune: the immune neuron with the lowest score goes (never the owner, UID 0).
	setScore(0, 0)
	setScore(1, 30)
	setScore(2, 20)
	setScore(3, 40)
	if uid, _ := NeuronToPrune(e.kv, id, uint64(e.height)); uid != 2 {
		t.Fatalf("all immune: pruned %d, want 2", uid)
	}
	// UIDs 1 and 2 leave immunity first; UID 3 stays immune.
	e.height = int64(State(e.kv, id).RegisteredAt) + 11
	setScore(3, 1)
	if uid, _ := NeuronToPrune(e.kv, id, uint64(e.height)); uid != 2 {
		t.Fatalf("pruned %d, want non-immune UID 2 despite immune UID 3's lower score", uid)
	}
	setScore(1, 20) // tie on score: the earlier registration goes
	if uid, _ := NeuronToPrune(e.kv, id, uint64(e.height)); uid != 1 {
		t.Fatalf("tie: pruned %d, want 1", uid)
	}
	uid := e.neuron(id, "d")
	if uid != 1 || IsRegistered(e.kv, id, acct("a/hot")) || !IsRegistered(e.kv, id, acct("d/hot")) {
		t.Fatalf("new neuron got UID %d", uid)
	}
	if n, _ := GetNeuron(e.kv, id, 1); n.PruningScore != 65535 || n.BlockAtRegistration != uint64(e.height) {
		t.Fatalf("replaced neuron %+v", n)
	}
	if State(e.kv, id).N != 4 {
		t.Fatal("N changed on replacement")
	}
	// Only the owner left as a candidate: nothing can be replaced.
	e.setParams(id, func(p *SubnetParams) { p.MaxAllowedUIDs = 1 })
	for u := uint16(1); u < 4; u++ {
		e.kv.Delete(neuronKey(id, u))
	}
	st := State(e.kv, id)
	st.N = 1
	setState(e.kv, id, &st)
	ck := acct("z")
	e.fund(ck, 10*TAO)
	e.block()
	wantErr(t, e.do(ck, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, ck, id, acct("z/hot")); return err }), ErrNoNeuronIdAvailable)
}

func TestPowRegister(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) { p.Difficulty, p.TargetRegsPerInterval, p.MaxRegsPerBlock = 1000, 10, 10 })
	e.block() // records this block's hash
	hot, cold := acct("miner/hot"), acct("miner")
	blockNo := uint64(e.height)
	hash, ok := BlockHash(e.kv, blockNo)
	if !ok {
		t.Fatal("block hash not recorded")
	}
	nonce, seal, ok := tx.SolvePow(hash, hot, 1000, 0, 1_000_000)
	if !ok {
		t.Fatal("no solution")
	}
	reg := func(signer keys.PublicKey, block, nonce uint64, work [32]byte) error {
		return e.do(signer, func(ctx *module.Context) error {
			_, err := PowRegister(ctx, signer, id, block, nonce, work, hot, cold)
			return err
		})
	}
	var junk [32]byte // zero meets any difficulty but is not the seal
	wantErr(t, reg(cold, blockNo, nonce, seal), ErrTransactorAccountShouldBeHotKey)
	wantErr(t, reg(hot, blockNo+1, nonce, seal), ErrInvalidWorkBlock)
	wantErr(t, reg(hot, blockNo, nonce+1, seal), ErrInvalidSeal)
	wantErr(t, reg(hot, blockNo, nonce, junk), ErrInvalidSeal)
	e.setParams(id, func(p *SubnetParams) { p.Difficulty = ^uint64(0) })
	wantErr(t, reg(hot, blockNo, nonce, seal), ErrInvalidDifficulty)
	e.setParams(id, func(p *SubnetParams) { p.Difficulty = 1000 })
	wantErr(t, reg(hot, blockNo, nonce, seal), nil)
	if owner, _ := Owner(e.kv, hot); owner != cold || !IsRegistered(e.kv, id, hot) {
		t.Fatal("PoW registration did not register the hotkey for the coldkey")
	}
	if bank.Balance(e.kv, cold) != 0 {
		t.Fatal("PoW registration charged the coldkey")
	}
	// The same work cannot register a second hotkey, and stale blocks are refused.
	wantErr(t, reg(hot, blockNo, nonce, seal), ErrHotKeyAlreadyRegisteredInSubNet)
	e.blocks(PowBlockWindow)
	hot = acct("miner2/hot")
	nonce, seal, _ = tx.SolvePow(hash, hot, 1000, 0, 1_000_000)
	wantErr(t, reg(hot, blockNo, nonce, seal), ErrInvalidWorkBlock)
	if st := State(e.kv, id); st.POWRegistrationsThisInterval != 1 {
		t.Fatalf("pow counter %d", st.POWRegistrationsThisInterval)
	}
}
