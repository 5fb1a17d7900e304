package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

func TestLockCostCurve(t *testing.T) {
	e := newEnv(t)
	min := Network(e.kv).NetworkMinLockCost
	interval := Network(e.kv).LockReductionInterval
	if got := LockCost(e.kv, 1); got != min {
		t.Fatalf("first lock %d, want the minimum %d", got, min)
	}
	e.height = 1000
	e.subnet("a") // pays min at block 1000
	tests := []struct {
		block uint64
		want  uint64
	}{
		{1000, 2 * min}, // doubled right after a registration
		{1000 + interval/2, 2*min - min/interval*(interval/2)}, // linear decay of last/interval per block
		{1000 + interval, 2*min - min/interval*interval},
		{1000 + 2*interval, min}, // floors at the minimum
		{1000 + 10*interval, min},
	}
	for _, tt := range tests {
		if got := LockCost(e.kv, tt.block); got != tt.want {
			t.Errorf("LockCost at %d = %d, want %d", tt.block, got, tt.want)
		}
	}
	// The next registration pays the doubled price and doubles again.
	e.height = 1001
	paid := LockCost(e.kv, 1001)
	e.subnet("b")
	if cost, block := LastLock(e.kv); cost != paid || block != 1001 {
		t.Fatalf("last lock (%d, %d), want (%d, 1001)", cost, block, paid)
	}
	if got := LockCost(e.kv, 1001); got != 2*paid {
		t.Fatalf("lock after second registration %d, want %d", got, 2*paid)
	}
}

func TestRegisterNetworkRules(t *testing.T) {
	e := newEnv(t)
	alice, bob := acct("alice"), acct("bob")
	lock := LockCost(e.kv, 1)
	e.fund(alice, 3*lock)
	e.fund(bob, lock/2)
	reg := func(ck, hk keys.PublicKey) error {
		return e.do(ck, func(ctx *module.Context) error { _, err := RegisterNetwork(ctx, ck, hk); return err })
	}
	wantErr(t, reg(bob, acct("bob/hot")), ErrCannotAffordLockCost)
	wantErr(t, reg(alice, acct("alice/hot")), nil)
	st := State(e.kv, 1)
	if st.Owner != alice || st.OwnerHotkey != acct("alice/hot") || st.Locked != lock || st.N != 1 {
		t.Fatalf("subnet state %+v", st)
	}
	if uid, ok := UID(e.kv, 1, acct("alice/hot")); !ok || uid != 0 {
		t.Fatal("owner hotkey is not UID 0")
	}
	if got := bank.Balance(e.kv, alice); got != 2*lock {
		t.Fatalf("owner balance %d, want %d", got, 2*lock)
	}
	e.height += 10
	wantErr(t, reg(alice, acct("alice/hot2")), ErrNetworkTxRateLimitExceeded)
	e.height += int64(Network(e.kv).NetworkRateLimit)
	// bob cannot use alice's hotkey as his owner hotkey.
	e.fund(bob, 10*lock)
	wantErr(t, reg(bob, acct("alice/hot")), ErrNonAssociatedColdKey)
}

func TestSubnetLimitReplacesLowestEmission(t *testing.T) {
	e := newEnv(t)
	np := Network(e.kv)
	np.SubnetLimit = 2
	SetNetwork(e.kv, np)
	a, b := e.subnet("a"), e.subnet("b")
	stA, stB := State(e.kv, a), State(e.kv, b)
	stA.EmissionValue, stB.EmissionValue = 500, 100
	setState(e.kv, a, &stA)
	setState(e.kv, b, &stB)
	c := acct("c")
	e.fund(c, 10_000*TAO)
	reg := func() (uint16, error) {
		var id uint16
		err := e.do(c, func(ctx *module.Context) (err error) { id, err = RegisterNetwork(ctx, c, acct("c/hot")); return err })
		return id, err
	}
	// Both subnets are immune for 7 days.
	if _, err := reg(); err == nil {
		t.Fatal("replaced an immune subnet")
	} else {
		wantErr(t, err, ErrSubnetLimitReached)
	}
	bBal := bank.Balance(e.kv, acct("b"))
	e.height += int64(np.NetworkImmunityPeriod)
	id, err := reg()
	wantErr(t, err, nil)
	if id != b {
		t.Fatalf("replaced subnet %d, want the lowest-emission subnet %d", id, b)
	}
	if State(e.kv, b).Owner != c || SubnetCount(e.kv) != 2 {
		t.Fatal("netuid not reused by the new owner")
	}
	if got := bank.Balance(e.kv, acct("b")); got != bBal+stB.Locked {
		t.Fatalf("pruned owner got %d back, want its lock %d", got-bBal, stB.Locked)
	}
	if IsRegistered(e.kv, b, acct("b/hot")) {
		t.Fatal("old owner hotkey still registered")
	}
}

func TestDissolveNetwork(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.neuron(id, "m1")
	locked := State(e.kv, id).Locked
	before := bank.Balance(e.kv, acct("owner"))
	dissolve := func(signer, owner keys.PublicKey, netuid uint16) error {
		return e.do(signer, func(ctx *module.Context) error { return DissolveNetwork(ctx, signer, owner, netuid) })
	}
	schedule := func(signer keys.PublicKey, netuid uint16) error {
		return e.do(signer, func(ctx *module.Context) error { return ScheduleDissolveNetwork(ctx, signer, netuid) })
	}
	// dissolve_network is root origin only: no instant refund for the owner.
	wantErr(t, dissolve(acct("owner"), acct("owner"), id), ErrBadOrigin)
	wantErr(t, dissolve(acct("stranger"), keys.PublicKey{}, id), ErrBadOrigin)
	wantErr(t, dissolve(e.sudo, keys.PublicKey{}, 0), ErrRegistrationNotPermittedOnRootSubnet)
	wantErr(t, dissolve(e.sudo, acct("stranger"), id), ErrNotSubnetOwner)
	// The owner schedules it; it runs DissolveNetworkScheduleDuration blocks later.
	wantErr(t, schedule(acct("stranger"), id), ErrNotSubnetOwner)
	wantErr(t, schedule(acct("owner"), 0), ErrRegistrationNotPermittedOnRootSubnet)
	wantErr(t, schedule(acct("owner"), 42), ErrSubnetNotExists)
	np := Network(e.kv)
	np.DissolveNetworkScheduleDuration = 3
	SetNetwork(e.kv, np)
	wantErr(t, schedule(acct("owner"), id), nil)
	wantErr(t, schedule(acct("owner"), id), ErrFailedToSchedule)
	at, ok := ScheduledDissolution(e.kv, id)
	if !ok || at != uint64(e.height)+3 {
		t.Fatalf("scheduled at %d, %v; want block %d", at, ok, e.height+3)
	}
	e.blocks(2)
	if !SubnetExists(e.kv, id) || bank.Balance(e.kv, acct("owner")) != before {
		t.Fatal("dissolved (or refunded) before the scheduled block")
	}
	for int64(at) > e.height {
		e.block()
	}
	if SubnetExists(e.kv, id) || IsRegistered(e.kv, id, acct("m1/hot")) || len(Neurons(e.kv, id)) != 0 {
		t.Fatal("subnet state left behind")
	}
	if got := bank.Balance(e.kv, acct("owner")); got != before+locked {
		t.Fatalf("lock not returned: %d → %d (lock %d)", before, got, locked)
	}
	if _, ok := ScheduledDissolution(e.kv, id); ok {
		t.Fatal("the schedule outlived the dissolution")
	}
	wantErr(t, schedule(acct("owner"), id), ErrSubnetNotExists)
	// Sudo may dissolve any subnet at once; a pending schedule goes with it.
	id2 := e.subnet("owner2")
	wantErr(t, schedule(acct("owner2"), id2), nil)
	wantErr(t, dissolve(e.sudo, keys.PublicKey{}, id2), nil)
	if _, ok := ScheduledDissolution(e.kv, id2); ok || SubnetExists(e.kv, id2) {
		t.Fatal("sudo dissolve left the subnet or its schedule")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

// TestOwnerlessSubnetHasNoOwnerHotkey checks that on a subnet without owner
// the zero key, which stands for "no owner", earns no owner privileges when
// a coldkey registers it as a hotkey: it stays prunable and the epoch does
// not treat it as the owner's (permanent permit, stake-threshold exemption).
func TestOwnerlessSubnetHasNoOwnerHotkey(t *testing.T) {
	e := newEnv(t)
	p := DefaultSubnetParams(10)
	p.MaxAllowedUIDs, p.MaxAllowedValidators, p.ImmunityPeriod = 1, 1, 0
	if _, err := InitGenesis(e.kv, &Genesis{Subnets: []GenesisSubnet{{Netuid: 1, Params: &p}}}, e.sudo, true); err != nil {
		t.Fatal(err)
	}
	ck := acct("c")
	e.fund(ck, 2*TAO)
	e.ok(ck, func(ctx *module.Context) error { _, err := BurnedRegister(ctx, ck, 1, keys.PublicKey{}); return err })
	if uid, ok := NeuronToPrune(e.kv, 1, uint64(e.height)); !ok || uid != 0 {
		t.Fatalf("NeuronToPrune = %d, %v: the zero hotkey must be prunable", uid, ok)
	}
	in, _ := EpochInput(e.kv, 1, &p, uint64(e.height), TAO)
	if in.HasOwner {
		t.Fatal("the zero hotkey counts as the owner's in the epoch")
	}
}
