package subtensor

import (
	"errors"
	"fmt"
	"math"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// The scheduled coldkey swap, as the reference ran it from July 2024 to
// late 2025 (opentensor/subtensor; read at 7aaeb090d, July 2024, for
// arbitration, and 93233fcb3 / 28780d9 / 8f39a58, August 2024 to February
// 2025, for the schedule; HEAD has replaced it with announce/dispute calls
// 125–133):
//
//   - schedule_swap_coldkey(new) (call 73, pays the fee) schedules, through
//     pallet_scheduler, a root swap_coldkey(old, new) (call 71) at now +
//     ColdkeySwapScheduleDuration (InitialColdkeySwapScheduleDuration = 5
//     days = 36_000 blocks; AdminUtils sudo_set_coldkey_swap_schedule_duration,
//     call 54). The swap checks that the new coldkey stakes on no hotkey
//     (ColdKeyAlreadyAssociated) and is no hotkey (NewColdKeyIsHotkey),
//     burns KeySwapCost (0.1 TAO) from the old coldkey
//     (NotEnoughBalanceToPaySwapColdKey), and moves stakes, the coldkey's
//     total stake and staked-hotkey list, hotkey ownership, subnet
//     ownership, the identity and the whole free balance; LastTxBlock(new)
//     becomes the swap's block. A second schedule is SwapAlreadyScheduled.
//   - While a swap is scheduled the transaction extension refuses the
//     coldkey's balance transfers and dissolve_network (ColdkeyInSwapSchedule).
//   - July 2024 (do_schedule_coldkey_swap): every schedule adds a
//     destination; a coldkey with two or more destinations when its block
//     comes is put in arbitration (ColdkeyArbitrationBlock = u64::MAX,
//     ArbitrationPeriodExtended) and every call it signs is refused
//     (ColdkeyIsInArbitration) until root settles it.
//
// taonet combines the two, as issue 19 asks: a schedule to a new
// destination while one is pending puts the coldkey in arbitration at once
// (the swap will not run; root settles it with swap_coldkey to the rightful
// destination); scheduling the same destination again is
// SwapAlreadyScheduled. While scheduled, the coldkey's stake cannot leave
// (remove_stake), nor its balance (transfers), nor a subnet be scheduled to
// dissolve (ColdkeyInSwapSchedule). taonet checks the destination when
// scheduling as well as when swapping, and takes KeySwapCost when
// scheduling (each schedule pays; a swap that comes due cannot then fail
// for lack of funds; root's swap_coldkey takes nothing). A swap that comes
// due and fails its checks is dropped with ScheduledColdkeySwapFailed.
// Records the reference keeps per coldkey that taonet has no counterpart
// for (StakeDeltaSinceLastEmissionDrain, TotalHotkeyColdkeyStakesThisInterval)
// have nothing to move; the account's nonce stays with the old key.

// ColdkeySwap is a coldkey's pending swap.
type ColdkeySwap struct {
	// ExecutionBlock is the block the swap runs at; 0 in arbitration (it
	// never runs by itself).
	ExecutionBlock uint64
	// Destinations are the scheduled new coldkeys, in scheduling order;
	// more than one means arbitration.
	Destinations []keys.PublicKey
}

// InArbitration reports whether two destinations were scheduled.
func (s *ColdkeySwap) InArbitration() bool { return len(s.Destinations) > 1 }

// maxSwapDestinations bounds a record's destinations when decoding (taonet
// stores at most two: the second schedule freezes the coldkey).
const maxSwapDestinations = 2

func (s *ColdkeySwap) encode() []byte {
	var e tx.Encoder
	e.U64(s.ExecutionBlock)
	e.Len(len(s.Destinations))
	for _, d := range s.Destinations {
		e.Key(d)
	}
	return e.Bytes()
}

// PendingColdkeySwap returns coldkey's pending swap, if any.
func PendingColdkeySwap(kv store.Reader, coldkey keys.PublicKey) (ColdkeySwap, bool) {
	k := coldkeySwapKey(coldkey)
	v := kv.Get(k)
	if v == nil {
		return ColdkeySwap{}, false
	}
	return decodeColdkeySwap(k, v), true
}

func decodeColdkeySwap(k, v []byte) ColdkeySwap {
	d := tx.NewDecoder(v)
	s := ColdkeySwap{ExecutionBlock: d.U64("execution_block")}
	n := d.Len("destinations", maxSwapDestinations)
	for i := 0; i < n && d.Err() == nil; i++ {
		s.Destinations = append(s.Destinations, d.Key("destination"))
	}
	mustDecode(k, d)
	if n == 0 {
		module.Corrupt(k, errors.New("coldkey swap record without a destination"))
	}
	return s
}

// PendingColdkeySwapEntry is one coldkey's pending swap.
type PendingColdkeySwapEntry struct {
	Coldkey keys.PublicKey
	Swap    ColdkeySwap
}

// PendingColdkeySwaps returns every pending coldkey swap in coldkey order.
func PendingColdkeySwaps(kv store.Reader) []PendingColdkeySwapEntry {
	p := coldkeySwapPrefix()
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []PendingColdkeySwapEntry
	for ; it.Valid(); it.Next() {
		var ck keys.PublicKey
		copy(ck[:], module.KeySuffix(it.Key(), p, len(ck)))
		out = append(out, PendingColdkeySwapEntry{Coldkey: ck, Swap: decodeColdkeySwap(it.Key(), it.Value())})
	}
	return out
}

// checkSwapDestination refuses a destination that is the old coldkey, a
// hotkey, or a coldkey that already stakes on or owns a hotkey.
func checkSwapDestination(kv store.Reader, old, new keys.PublicKey) error {
	if old == new {
		return ErrSameColdkey
	}
	if _, ok := Owner(kv, new); ok {
		return ErrNewColdKeyIsHotkey
	}
	if len(keysUnder(kv, coldkeyStakePrefix(new))) > 0 || len(OwnedHotkeys(kv, new)) > 0 {
		return module.Wrapf(ErrColdKeyAlreadyAssociated, "the new coldkey already stakes on or owns hotkeys")
	}
	return nil
}

// ScheduleSwapColdkey is schedule_swap_coldkey: coldkey asks to move
// everything it holds to newColdkey ColdkeySwapScheduleDuration blocks from
// now (at least the next block), paying KeySwapCost. A schedule to another
// destination while one is pending puts the coldkey in arbitration.
func ScheduleSwapColdkey(ctx *module.Context, coldkey, newColdkey keys.PublicKey) error {
	kv := ctx.KV
	if err := checkSwapDestination(kv, coldkey, newColdkey); err != nil {
		return err
	}
	pending, scheduled := PendingColdkeySwap(kv, coldkey)
	if scheduled {
		if pending.InArbitration() {
			return ErrColdkeyIsInArbitration
		}
		for _, d := range pending.Destinations {
			if d == newColdkey {
				return module.Wrapf(ErrSwapAlreadyScheduled, "the swap runs at block %d", pending.ExecutionBlock)
			}
		}
	}
	if err := payKeySwapCost(kv, coldkey, ErrNotEnoughBalanceToPaySwapColdKey); err != nil {
		return err
	}
	if scheduled {
		kv.Delete(coldkeySwapAtKey(pending.ExecutionBlock, coldkey))
		pending.Destinations = append(pending.Destinations, newColdkey)
		pending.ExecutionBlock = 0
		kv.Set(coldkeySwapKey(coldkey), pending.encode())
		ctx.Events.Emit("ColdkeySwapScheduled", "old_coldkey", coldkey.SS58(), "new_coldkey", newColdkey.SS58(),
			"execution_block", "0", "swap_cost", u64s(KeySwapCost))
		ctx.Events.Emit("ArbitrationPeriodExtended", "coldkey", coldkey.SS58())
		return nil
	}
	now := uint64(ctx.Height)
	when := satAdd(now, max(Network(kv).ColdkeySwapScheduleDuration, 1))
	if when == math.MaxUint64 {
		return module.Wrapf(ErrFailedToSchedule, "the schedule duration puts the swap past the last block")
	}
	sw := ColdkeySwap{ExecutionBlock: when, Destinations: []keys.PublicKey{newColdkey}}
	kv.Set(coldkeySwapKey(coldkey), sw.encode())
	kv.Set(coldkeySwapAtKey(when, coldkey), []byte{1})
	ctx.Events.Emit("ColdkeySwapScheduled", "old_coldkey", coldkey.SS58(), "new_coldkey", newColdkey.SS58(),
		"execution_block", u64s(when), "swap_cost", u64s(KeySwapCost))
	return nil
}

// SwapColdkey is swap_coldkey with root origin (sudo or a passed motion):
// it moves old to new at once, whatever is scheduled, and clears old's
// pending swap (settling an arbitration).
func SwapColdkey(ctx *module.Context, signer, old, new keys.PublicKey) error {
	if !isSudo(ctx, signer) {
		return ErrBadOrigin
	}
	return swapColdkey(ctx, old, new)
}

// swapColdkey checks new and moves every record of old to it.
func swapColdkey(ctx *module.Context, old, new keys.PublicKey) error {
	kv := ctx.KV
	if err := checkSwapDestination(kv, old, new); err != nil {
		return err
	}
	if sw, ok := PendingColdkeySwap(kv, old); ok {
		kv.Delete(coldkeySwapKey(old))
		if sw.ExecutionBlock != 0 {
			kv.Delete(coldkeySwapAtKey(sw.ExecutionBlock, old))
		}
	}
	now := uint64(ctx.Height)
	for _, r := range coldkeyRecords {
		if err := r.move(kv, old, new, now); err != nil {
			return fmt.Errorf("moving %s: %w", r.name, err)
		}
	}
	ctx.Events.Emit("ColdkeySwapped", "old_coldkey", old.SS58(), "new_coldkey", new.SS58())
	return nil
}

// coldkeyRecord is one family of records keyed by (or naming) a coldkey,
// with the function that moves it from old to new (new holds none of the
// stake or ownership records: checkSwapDestination).
type coldkeyRecord struct {
	name string
	move func(kv store.KV, old, new keys.PublicKey, now uint64) error
}

// coldkeyRecords lists every family of records a coldkey swap moves: the
// one place a new coldkey-keyed record joins it.
var coldkeyRecords = []coldkeyRecord{
	{"stake and the coldkey total", moveColdkeyStake},
	{"hotkey ownership", moveColdkeyHotkeys},
	{"subnet ownership and scheduled dissolutions", moveColdkeySubnets},
	{"identity", moveColdkeyIdentity},
	{"last transaction block", moveColdkeyLastTx},
	{"free balance", moveColdkeyBalance},
}

func moveColdkeyStake(kv store.KV, old, new keys.PublicKey, _ uint64) error {
	for _, s := range StakesOfColdkey(kv, old) {
		kv.Delete(stakeKey(s.Account, old))
		kv.Delete(coldkeyStakeKey(old, s.Account))
		setU64(kv, stakeKey(s.Account, new), s.Stake)
		kv.Set(coldkeyStakeKey(new, s.Account), []byte{1})
	}
	setU64(kv, totalColdkeyKey(new), TotalColdkeyStake(kv, old))
	kv.Delete(totalColdkeyKey(old))
	return nil
}

func moveColdkeyHotkeys(kv store.KV, old, new keys.PublicKey, _ uint64) error {
	for _, hk := range OwnedHotkeys(kv, old) {
		kv.Delete(ownedHotkeyKey(old, hk))
		kv.Set(ownedHotkeyKey(new, hk), []byte{1})
		kv.Set(ownerKey(hk), new[:])
	}
	return nil
}

// moveColdkeySubnets hands old's subnets to new, with the dissolutions old
// scheduled for them (which run as their owner).
func moveColdkeySubnets(kv store.KV, old, new keys.PublicKey, _ uint64) error {
	for _, netuid := range Netuids(kv) {
		if st := State(kv, netuid); st.Owner == old {
			st.Owner = new
			setState(kv, netuid, &st)
			if at, ok := ScheduledDissolution(kv, netuid); ok && keys.PublicKey(kv.Get(dissolveAtKey(at, netuid))) == old {
				kv.Set(dissolveAtKey(at, netuid), new[:])
			}
		}
	}
	return nil
}

func moveColdkeyIdentity(kv store.KV, old, new keys.PublicKey, _ uint64) error {
	if kv.Has(identityKey(old)) {
		kv.Delete(identityKey(new))
		moveRaw(kv, identityKey(old), identityKey(new))
	}
	return nil
}

// moveColdkeyLastTx starts new's rate-limit clock at the swap, as the
// reference sets LastTxBlock(new) to the swap's block.
func moveColdkeyLastTx(kv store.KV, old, new keys.PublicKey, now uint64) error {
	kv.Delete(lastTxBlockKey(old))
	setU64(kv, lastTxBlockKey(new), now)
	return nil
}

// moveColdkeyBalance moves old's whole free balance. Dust below the
// existential deposit that cannot open an empty new account is reaped
// (recycled), as the reference's kill_coldkey_account would lose it.
func moveColdkeyBalance(kv store.KV, old, new keys.PublicKey, _ uint64) error {
	bal := bank.Balance(kv, old)
	if bal == 0 {
		return nil
	}
	if err := bank.Debit(kv, old, bal, false); err != nil {
		return err
	}
	if err := bank.Credit(kv, new, bal); err != nil {
		if !errors.Is(err, bank.ErrExistentialDeposit) {
			return err
		}
		bank.Recycle(kv, bal)
	}
	return nil
}

// runScheduledColdkeySwaps runs the coldkey swaps due at block now, as
// root; one whose destination no longer passes the checks is dropped,
// which unfreezes the coldkey.
func runScheduledColdkeySwaps(ctx *module.Context, now uint64) {
	tasks := dueTasks(ctx.KV, coldkeySwapAtBlockPrefix(now), 32, 1, "scheduled coldkey swap")
	runDue(ctx, tasks, func(branch *module.Context, t dueTask) error {
		old := keys.PublicKey(t.id)
		sw, ok := PendingColdkeySwap(branch.KV, old)
		if !ok || sw.InArbitration() || sw.ExecutionBlock != now {
			module.Corrupt(t.key, errors.New("queued coldkey swap without a matching pending swap"))
		}
		return swapColdkey(branch, old, sw.Destinations[0])
	}, func(t dueTask, name string) {
		old := keys.PublicKey(t.id)
		ctx.KV.Delete(coldkeySwapKey(old))
		ctx.Events.Emit("ScheduledColdkeySwapFailed", "coldkey", old.SS58(), "error", name)
	})
}

// frozenCalls are the calls a coldkey with a scheduled swap may not make:
// those that take stake or balance out of it, or dissolve its subnets.
func frozenCall(c tx.Call) bool {
	switch c.(type) {
	case tx.RemoveStake, tx.Transfer, tx.ScheduleDissolveNetwork:
		return true
	}
	return false
}

// coldkeySwapGuard is the reference's transaction-extension check: a
// coldkey in arbitration may make no call, and one with a scheduled swap
// none that takes its stake or balance out. Root-origin dispatch (a passed
// motion) is never refused.
func coldkeySwapGuard(ctx *module.Context, call tx.Call) error {
	if ctx.Root {
		return nil
	}
	sw, ok := PendingColdkeySwap(ctx.KV, ctx.Signer)
	if !ok {
		return nil
	}
	if sw.InArbitration() {
		return module.Wrapf(ErrColdkeyIsInArbitration, "%s refused until root settles the swap", call.Name())
	}
	if frozenCall(call) {
		return module.Wrapf(ErrColdkeyInSwapSchedule, "%s refused until the swap at block %d", call.Name(), sw.ExecutionBlock)
	}
	return nil
}

// Swaps handles the key-swap calls (swap_hotkey, schedule_swap_coldkey,
// swap_coldkey) and guards every other call against a coldkey whose swap
// is pending. Register its Handle before every other module's handler.
type Swaps struct {
	// HotkeyMovers move the records other modules keep for a hotkey
	// (governance's senate seat): the one list of them, built by chain.New.
	HotkeyMovers []HotkeyMover
}

// Handle implements the chain's handler contract: it refuses any call the
// signer's pending coldkey swap freezes, executes the swap calls and
// reports false for the others.
func (s Swaps) Handle(ctx *module.Context, call tx.Call) (bool, error) {
	if err := coldkeySwapGuard(ctx, call); err != nil {
		return true, err
	}
	switch c := call.(type) {
	case tx.SwapHotkey:
		return true, SwapHotkey(ctx, ctx.Signer, c, s.HotkeyMovers...)
	case tx.ScheduleSwapColdkey:
		return true, ScheduleSwapColdkey(ctx, ctx.Signer, c.NewColdkey)
	case tx.SwapColdkey:
		return true, SwapColdkey(ctx, ctx.Signer, c.OldColdkey, c.NewColdkey)
	}
	return false, nil
}
