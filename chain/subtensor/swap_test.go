package subtensor

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// recordsNaming returns every state key whose key or value holds k's 32
// bytes: what "no record keyed by a swapped-away key remains" checks. The
// one exception is another coldkey's pending swap naming k as its
// destination: that record belongs to the other coldkey.
func recordsNaming(kv store.Reader, k keys.PublicKey) [][]byte {
	it := kv.Iterator(nil, nil)
	defer it.Close()
	var out [][]byte
	for ; it.Valid(); it.Next() {
		if bytes.HasPrefix(it.Key(), coldkeySwapPrefix()) && !bytes.Contains(it.Key(), k[:]) {
			continue
		}
		if bytes.Contains(it.Key(), k[:]) || bytes.Contains(it.Value(), k[:]) {
			out = append(out, it.Key())
		}
	}
	return out
}

// stateDigest hashes the whole state, to show that a refused call changed nothing.
func stateDigest(kv store.Reader) [32]byte {
	h := sha256.New()
	it := kv.Iterator(nil, nil)
	defer it.Close()
	for ; it.Valid(); it.Next() {
		h.Write(it.Key())
		h.Write([]byte{0})
		h.Write(it.Value())
		h.Write([]byte{1})
	}
	var d [32]byte
	copy(d[:], h.Sum(nil))
	return d
}

// swaps is the handler as chain.New builds it, with a recording mover in
// place of governance's.
func (e *env) swapsHandle(signer keys.PublicKey, call tx.Call, movers ...HotkeyMover) error {
	e.t.Helper()
	return e.do(signer, func(ctx *module.Context) error {
		handled, err := Swaps{HotkeyMovers: movers}.Handle(ctx, call)
		if !handled && err == nil {
			if _, err := Handle(ctx, call); err != nil {
				return err
			}
		}
		return err
	})
}

// validatorSetup builds a subnet where "val" holds UID 1 with its own stake,
// a nominator, a delegate take, an axon, a prometheus endpoint, a weight
// commit and a root seat; it also owns subnet "val"'s second subnet hotkey.
func validatorSetup(t *testing.T) (*env, uint16) {
	e := newEnv(t)
	netuid := e.subnet("owner")
	e.setParams(netuid, func(p *SubnetParams) { p.CommitRevealEnabled, p.WeightsRateLimit = true, 0 })
	uid := e.neuron(netuid, "val")
	if uid != 1 {
		t.Fatalf("val uid %d", uid)
	}
	ck, hk := acct("val"), acct("val/hot")
	e.fund(ck, 10_000*TAO)
	e.fund(acct("nom"), 1000*TAO)
	e.ok(ck, func(ctx *module.Context) error { return AddStake(ctx, ck, hk, 500*TAO) })
	e.ok(ck, func(ctx *module.Context) error { return BecomeDelegate(ctx, ck, hk) })
	e.ok(acct("nom"), func(ctx *module.Context) error { return AddStake(ctx, acct("nom"), hk, 100*TAO) })
	e.ok(hk, func(ctx *module.Context) error {
		return ServeAxon(ctx, hk, netuid, AxonInfo{Version: 1, IPLow: 0x01020304, Port: 8091, IPType: 4})
	})
	e.ok(hk, func(ctx *module.Context) error {
		return ServePrometheus(ctx, hk, netuid, PrometheusInfo{Version: 1, IPLow: 0x01020304, Port: 9090, IPType: 4})
	})
	e.ok(hk, func(ctx *module.Context) error { return CommitWeights(ctx, hk, netuid, [32]byte{7}) })
	e.ok(ck, func(ctx *module.Context) error { _, err := RootRegister(ctx, ck, hk); return err })
	// val also owns a subnet with val/hot as its owner hotkey.
	e.fund(ck, LockCost(e.kv, uint64(e.height))+TAO)
	var own uint16
	e.ok(ck, func(ctx *module.Context) (err error) { own, err = RegisterNetwork(ctx, ck, hk); return err })
	if State(e.kv, own).OwnerHotkey != hk {
		t.Fatal("owner hotkey not set")
	}
	e.blocks(2)
	return e, netuid
}

func TestSwapHotkeyMovesEveryRecord(t *testing.T) {
	e, netuid := validatorSetup(t)
	ck, old, new := acct("val"), acct("val/hot"), acct("val/hot2")
	e.height += 2000 // past the tx rate limit of become_delegate
	regs := Registrations(e.kv, old)
	take, axon, prom, commits := Take(e.kv, old), Axon(e.kv, netuid, old), Prometheus(e.kv, netuid, old), Commits(e.kv, netuid, old)
	total, own, nom := TotalHotkeyStake(e.kv, old), Stake(e.kv, old, ck), Stake(e.kv, old, acct("nom"))
	bal, ti := bank.Balance(e.kv, ck), bank.TotalIssuance(e.kv)
	var moved [2]keys.PublicKey
	mover := func(ctx *module.Context, o, n keys.PublicKey) error { moved = [2]keys.PublicKey{o, n}; return nil }

	if err := e.swapsHandle(ck, tx.SwapHotkey{Hotkey: old, NewHotkey: new}, mover); err != nil {
		t.Fatal(err)
	}
	if got := recordsNaming(e.kv, old); len(got) != 0 {
		t.Fatalf("%d records still name the old hotkey, first %x", len(got), got[0])
	}
	if moved != [2]keys.PublicKey{old, new} {
		t.Fatal("the other modules' mover did not run")
	}
	if got := Registrations(e.kv, new); len(got) != len(regs) || len(regs) != 3 {
		t.Fatalf("registrations %v, want %v (subnet, root, own subnet)", got, regs)
	}
	for _, id := range regs {
		uid, ok := UID(e.kv, id, new)
		n, _ := GetNeuron(e.kv, id, uid)
		if !ok || n.Hotkey != new {
			t.Fatalf("subnet %d: uid %d ok %v neuron hotkey %s", id, uid, ok, n.Hotkey.SS58())
		}
	}
	if uid, _ := UID(e.kv, netuid, new); uid != 1 {
		t.Fatalf("uid on subnet %d is %d, want 1", netuid, uid)
	}
	if o, _ := Owner(e.kv, new); o != ck || len(OwnedHotkeys(e.kv, ck)) != 1 {
		t.Fatalf("owner %s, owned %v", o.SS58(), OwnedHotkeys(e.kv, ck))
	}
	if TotalHotkeyStake(e.kv, new) != total || Stake(e.kv, new, ck) != own || Stake(e.kv, new, acct("nom")) != nom {
		t.Fatal("stake did not move whole")
	}
	if sk := StakesOfColdkey(e.kv, acct("nom")); len(sk) != 1 || sk[0].Account != new {
		t.Fatalf("nominator's stakes %+v", sk)
	}
	if !IsDelegate(e.kv, new) || Take(e.kv, new) != take || getU64(e.kv, lastTakeBlockKey(new)) != uint64(e.height) {
		t.Fatal("delegate take or its clock did not move")
	}
	if Axon(e.kv, netuid, new) != axon || Prometheus(e.kv, netuid, new) != prom || len(Commits(e.kv, netuid, new)) != len(commits) {
		t.Fatal("axon, prometheus or commits did not move")
	}
	for _, id := range Netuids(e.kv) {
		if State(e.kv, id).OwnerHotkey == old {
			t.Fatalf("subnet %d still has the old owner hotkey", id)
		}
	}
	if bank.Balance(e.kv, ck) != bal-KeySwapCost || bank.TotalIssuance(e.kv) != ti-KeySwapCost {
		t.Fatal("the swap cost was not taken and recycled")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
	// The rate limit now counts from the swap.
	e.height++
	err := e.swapsHandle(ck, tx.SwapHotkey{Hotkey: new, NewHotkey: acct("val/hot3")})
	wantErr(t, err, ErrHotKeySetTxRateLimitExceeded)
}

func TestSwapHotkeyRefusals(t *testing.T) {
	e, netuid := validatorSetup(t)
	ck, old := acct("val"), acct("val/hot")
	e.height += 2000
	other := acct("other")
	e.fund(other, 10*TAO)
	e.ok(other, func(ctx *module.Context) error {
		createAccountIfNonExistent(ctx.KV, other, acct("other/idle")) // a hotkey that exists but holds no UID
		return nil
	})
	poor := acct("poor")
	e.fund(poor, KeySwapCost-1)
	e.ok(poor, func(ctx *module.Context) error {
		createAccountIfNonExistent(ctx.KV, poor, acct("poor/hot"))
		return nil
	})
	for _, c := range []struct {
		name   string
		signer keys.PublicKey
		call   tx.SwapHotkey
		want   *module.Error
	}{
		{"one subnet", ck, tx.SwapHotkey{Hotkey: old, NewHotkey: acct("x"), OnNetuid: true, Netuid: netuid}, ErrCallDisabled},
		{"same key", ck, tx.SwapHotkey{Hotkey: old, NewHotkey: old}, ErrNewHotKeyIsSameWithOld},
		{"new registered", ck, tx.SwapHotkey{Hotkey: old, NewHotkey: acct("owner/hot")}, ErrHotKeyAlreadyRegisteredInSubNet},
		{"new exists", ck, tx.SwapHotkey{Hotkey: old, NewHotkey: acct("other/idle")}, ErrHotKeyAlreadyRegisteredInSubNet},
		{"not the owner", other, tx.SwapHotkey{Hotkey: old, NewHotkey: acct("x")}, ErrNonAssociatedColdKey},
		{"unknown hotkey", ck, tx.SwapHotkey{Hotkey: acct("nobody"), NewHotkey: acct("x")}, ErrNonAssociatedColdKey},
		{"cannot pay", poor, tx.SwapHotkey{Hotkey: acct("poor/hot"), NewHotkey: acct("x")}, ErrNotEnoughBalanceToPaySwapHotKey},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := stateDigest(e.kv)
			wantErr(t, e.swapsHandle(c.signer, c.call), c.want)
			if stateDigest(e.kv) != before {
				t.Fatal("a refused swap changed state")
			}
		})
	}
	// Within the rate limit of the coldkey's last become_delegate.
	e2, _ := validatorSetup(t)
	wantErr(t, e2.swapsHandle(ck, tx.SwapHotkey{Hotkey: old, NewHotkey: acct("x")}), ErrHotKeySetTxRateLimitExceeded)
}

func TestScheduledColdkeySwap(t *testing.T) {
	e, netuid := validatorSetup(t)
	old, new := acct("val"), acct("val/cold2")
	setSudoDuration := func(v uint64) {
		p, _ := tx.AdminParamByName("sudo_set_coldkey_swap_schedule_duration")
		e.ok(e.sudo, func(ctx *module.Context) error { return AdminSet(ctx, e.sudo, tx.AdminSet{Call: p.Index, Value: v}) })
	}
	setSudoDuration(10)
	if Network(e.kv).ColdkeySwapScheduleDuration != 10 {
		t.Fatal("duration not set")
	}
	e.ok(old, func(ctx *module.Context) error { return SetIdentity(ctx, old, tx.SetIdentity{IdentityName: "val"}) })
	// val schedules the subnet it owns for dissolution: the schedule follows the subnet to the new owner.
	own := uint16(2)
	e.ok(old, func(ctx *module.Context) error { return ScheduleDissolveNetwork(ctx, old, own) })
	bal, stake := bank.Balance(e.kv, old), TotalColdkeyStake(e.kv, old)
	if err := e.swapsHandle(old, tx.ScheduleSwapColdkey{NewColdkey: new}); err != nil {
		t.Fatal(err)
	}
	sw, ok := PendingColdkeySwap(e.kv, old)
	if !ok || sw.ExecutionBlock != uint64(e.height)+10 || sw.InArbitration() {
		t.Fatalf("pending %+v", sw)
	}
	// Frozen: stake and balance cannot leave, the subnet cannot be dissolved; staking more is allowed.
	for _, c := range []tx.Call{
		tx.RemoveStake{Hotkey: acct("val/hot"), Amount: TAO},
		tx.Transfer{Dest: acct("nom"), Value: TAO},
		tx.ScheduleDissolveNetwork{Netuid: netuid},
	} {
		wantErr(t, e.swapsHandle(old, c), ErrColdkeyInSwapSchedule)
	}
	if err := e.swapsHandle(old, tx.AddStake{Hotkey: acct("val/hot"), Amount: TAO}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, e.swapsHandle(old, tx.ScheduleSwapColdkey{NewColdkey: new}), ErrSwapAlreadyScheduled)
	e.blocks(10)
	if _, ok := PendingColdkeySwap(e.kv, old); ok {
		t.Fatal("the swap did not run at its block")
	}
	if got := recordsNaming(e.kv, old); len(got) != 0 {
		t.Fatalf("%d records still name the old coldkey, first %x", len(got), got[0])
	}
	if bank.Balance(e.kv, new) != bal-KeySwapCost-TAO || TotalColdkeyStake(e.kv, new) != stake+TAO {
		t.Fatalf("balance %d stake %d", bank.Balance(e.kv, new), TotalColdkeyStake(e.kv, new))
	}
	if o, _ := Owner(e.kv, acct("val/hot")); o != new || State(e.kv, own).Owner != new {
		t.Fatal("hotkey or subnet ownership did not move")
	}
	if id, ok := GetIdentity(e.kv, new); !ok || id.Name != "val" {
		t.Fatal("identity did not move")
	}
	if at, ok := ScheduledDissolution(e.kv, own); !ok || !bytes.Equal(e.kv.Get(dissolveAtKey(at, own)), new[:]) {
		t.Fatal("the scheduled dissolution does not run as the new owner")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
	// The new coldkey is free: it can unstake.
	if err := e.swapsHandle(new, tx.RemoveStake{Hotkey: acct("val/hot"), Amount: TAO}); err != nil {
		t.Fatal(err)
	}
}

func TestColdkeySwapArbitration(t *testing.T) {
	e, _ := validatorSetup(t)
	old, owner, thief := acct("val"), acct("val/rescue"), acct("thief")
	if err := e.swapsHandle(old, tx.ScheduleSwapColdkey{NewColdkey: thief}); err != nil {
		t.Fatal(err)
	}
	if err := e.swapsHandle(old, tx.ScheduleSwapColdkey{NewColdkey: owner}); err != nil {
		t.Fatal(err)
	}
	sw, _ := PendingColdkeySwap(e.kv, old)
	if !sw.InArbitration() || sw.ExecutionBlock != 0 || len(sw.Destinations) != 2 {
		t.Fatalf("pending %+v", sw)
	}
	// Every call of the coldkey is refused, a third schedule included.
	for _, c := range []tx.Call{
		tx.AddStake{Hotkey: acct("val/hot"), Amount: TAO},
		tx.ScheduleSwapColdkey{NewColdkey: acct("third")},
		tx.SwapHotkey{Hotkey: acct("val/hot"), NewHotkey: acct("x")},
	} {
		wantErr(t, e.swapsHandle(old, c), ErrColdkeyIsInArbitration)
	}
	e.blocks(int(DefaultColdkeySwapScheduleDuration) / 1000) // nothing is queued: no swap runs
	if _, ok := PendingColdkeySwap(e.kv, old); !ok {
		t.Fatal("arbitration ended by itself")
	}
	// Only root settles it.
	wantErr(t, e.swapsHandle(thief, tx.SwapColdkey{OldColdkey: old, NewColdkey: thief}), ErrBadOrigin)
	stake := TotalColdkeyStake(e.kv, old)
	if err := e.swapsHandle(e.sudo, tx.SwapColdkey{OldColdkey: old, NewColdkey: owner}); err != nil {
		t.Fatal(err)
	}
	if _, ok := PendingColdkeySwap(e.kv, old); ok || TotalColdkeyStake(e.kv, owner) != stake || len(recordsNaming(e.kv, old)) != 0 {
		t.Fatal("root's swap did not settle the arbitration")
	}
	if err := CheckInvariant(e.kv); err != nil {
		t.Fatal(err)
	}
}

func TestScheduleSwapColdkeyRefusals(t *testing.T) {
	e, _ := validatorSetup(t)
	old := acct("val")
	poor := acct("poor")
	e.fund(poor, KeySwapCost-1)
	for _, c := range []struct {
		name   string
		signer keys.PublicKey
		new    keys.PublicKey
		want   *module.Error
	}{
		{"same coldkey", old, old, ErrSameColdkey},
		{"new is a hotkey", old, acct("owner/hot"), ErrNewColdKeyIsHotkey},
		{"new stakes", old, acct("nom"), ErrColdKeyAlreadyAssociated},
		{"new owns hotkeys", old, acct("owner"), ErrColdKeyAlreadyAssociated},
		{"cannot pay", poor, acct("fresh"), ErrNotEnoughBalanceToPaySwapColdKey},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := stateDigest(e.kv)
			wantErr(t, e.swapsHandle(c.signer, tx.ScheduleSwapColdkey{NewColdkey: c.new}), c.want)
			if stateDigest(e.kv) != before {
				t.Fatal("a refused schedule changed state")
			}
		})
	}
}

// TestScheduledColdkeySwapFailsCleanly: a destination that became
// associated during the delay makes the due swap fail; the coldkey is
// unfrozen and nothing moves.
func TestScheduledColdkeySwapFailsCleanly(t *testing.T) {
	e, _ := validatorSetup(t)
	old, new := acct("val"), acct("val/cold2")
	if err := e.swapsHandle(old, tx.ScheduleSwapColdkey{NewColdkey: new}); err != nil {
		t.Fatal(err)
	}
	e.fund(new, 10*TAO)
	e.ok(new, func(ctx *module.Context) error { return AddStake(ctx, new, acct("val/hot"), TAO) }) // val/hot is a delegate
	stake := TotalColdkeyStake(e.kv, old)
	e.height += int64(DefaultColdkeySwapScheduleDuration) - 1
	ctx := e.ctx(keys.PublicKey{})
	e.height++
	ctx.Height = e.height
	runScheduledColdkeySwaps(ctx, uint64(e.height))
	if ev := ctx.Events.Events(); len(ev) != 1 || ev[0].Type != "ScheduledColdkeySwapFailed" {
		t.Fatalf("events %+v", ev)
	}
	if _, ok := PendingColdkeySwap(e.kv, old); ok || TotalColdkeyStake(e.kv, old) != stake {
		t.Fatal("a failed swap left its schedule or moved stake")
	}
}

func TestColdkeySwapRecordRoundTrip(t *testing.T) {
	sw := ColdkeySwap{ExecutionBlock: 77, Destinations: []keys.PublicKey{acct("a"), acct("b")}}
	got := decodeColdkeySwap(coldkeySwapKey(acct("x")), sw.encode())
	if got.ExecutionBlock != 77 || len(got.Destinations) != 2 || got.Destinations[1] != acct("b") {
		t.Fatalf("%+v", got)
	}
	for _, bad := range [][]byte{nil, sw.encode()[:20], append(sw.encode(), 0), (&ColdkeySwap{ExecutionBlock: 1}).encode()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("corrupt record %x decoded", bad)
				}
			}()
			decodeColdkeySwap(coldkeySwapKey(acct("x")), bad)
		}()
	}
}

func TestColdkeySwapDurationParameter(t *testing.T) {
	e := newEnv(t)
	if Network(e.kv).ColdkeySwapScheduleDuration != DefaultColdkeySwapScheduleDuration || e.kv.Has(coldkeySwapDurationKey()) {
		t.Fatal("default duration is stored")
	}
	np := Network(e.kv)
	np.ColdkeySwapScheduleDuration = 5
	SetNetwork(e.kv, np)
	if Network(e.kv).ColdkeySwapScheduleDuration != 5 {
		t.Fatal("duration not read back")
	}
	var p NetworkParams
	if err := p.UnmarshalJSON([]byte(`{"subnet_limit":3}`)); err != nil || p.ColdkeySwapScheduleDuration != DefaultColdkeySwapScheduleDuration || p.SubnetLimit != 3 {
		t.Fatalf("absent field: %+v %v", p, err)
	}
	if err := p.UnmarshalJSON([]byte(`{"coldkey_swap_schedule_duration":0}`)); err != nil || p.ColdkeySwapScheduleDuration != 0 {
		t.Fatalf("explicit zero: %+v %v", p, err)
	}
}
