package subtensor

import (
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// KeySwapCost is the rao swap_hotkey and schedule_swap_coldkey take from
// the coldkey and recycle (the reference's KeySwapCost: 0.1 TAO in the
// runtimes of December 2024 to 2025; it was 1 TAO in August 2024).
const KeySwapCost uint64 = 100_000_000

// HotkeyMover moves the records a module outside subtensor keeps for a
// hotkey (the senate seat) from old to new. It runs inside swap_hotkey's
// transaction, after subtensor's own records moved: an error drops the
// whole swap. chain.New hands the movers of every module to Swaps.
type HotkeyMover func(ctx *module.Context, old, new keys.PublicKey) error

// hotkeyRecord is one family of subtensor records keyed by (or naming) a
// hotkey, with the function that moves it from old to new. The new hotkey
// is known to hold none of them (SwapHotkey refuses a hotkey that exists).
type hotkeyRecord struct {
	name string
	move func(kv store.KV, old, new keys.PublicKey, now uint64)
}

// hotkeyRecords lists every family of subtensor records keyed by a hotkey:
// the one place a new hotkey-keyed record joins swap_hotkey. Records of
// other modules join through a HotkeyMover. The swap test scans the whole state
// for the old hotkey afterwards, so a family missing here fails it.
var hotkeyRecords = []hotkeyRecord{
	{"owner and owned hotkeys", moveHotkeyOwner},
	{"stake, nominations and hotkey total", moveHotkeyStake},
	{"delegate take and its rate limit", moveHotkeyDelegate},
	{"UIDs, neuron records, axons, prometheus and weight commits on every subnet", moveHotkeyRegistrations},
	{"subnet owner hotkeys", moveSubnetOwnerHotkey},
	{"childkeys: children, parents, the lists naming it, take, pending children, rate limits", func(kv store.KV, old, new keys.PublicKey, _ uint64) {
		swapChildkeys(kv, old, new)
	}},
}

// SwapHotkey is swap_hotkey with netuid None: coldkey, owning c.Hotkey,
// moves every record of it to c.NewHotkey (UIDs on every subnet with their
// neuron records, axons, prometheus and weight commits; stake and
// nominations; delegate take; subnet owner hotkey; and, through movers,
// other modules' records such as the senate seat) in one transaction, and
// pays KeySwapCost, recycled. The old hotkey is left with nothing; the new
// one must be unknown (no owner, no registration). Rate limit: the
// coldkey's last such transaction (LastTxBlock, shared with
// become_delegate) must be more than TxRateLimit blocks ago.
func SwapHotkey(ctx *module.Context, coldkey keys.PublicKey, c tx.SwapHotkey, movers ...HotkeyMover) error {
	kv := ctx.KV
	old, new := c.Hotkey, c.NewHotkey
	if c.OnNetuid {
		return module.Wrapf(ErrCallDisabled, "a swap on one subnet (netuid %d) is not supported; leave netuid out to swap on every subnet", c.Netuid)
	}
	if old == new {
		return ErrNewHotKeyIsSameWithOld
	}
	if regs := Registrations(kv, new); len(regs) > 0 {
		return module.Wrapf(ErrHotKeyAlreadyRegisteredInSubNet, "new hotkey holds a UID on subnet %d", regs[0])
	}
	if _, ok := Owner(kv, new); ok {
		return module.Wrapf(ErrHotKeyAlreadyRegisteredInSubNet, "new hotkey already exists (it has an owner)")
	}
	if !coldkeyOwnsHotkey(kv, coldkey, old) {
		return ErrNonAssociatedColdKey
	}
	now := uint64(ctx.Height)
	if last := getU64(kv, lastTxBlockKey(coldkey)); exceedsTxRateLimit(last, now, Network(kv).TxRateLimit) {
		return module.Wrapf(ErrHotKeySetTxRateLimitExceeded, "last at block %d, limit %d blocks", last, Network(kv).TxRateLimit)
	}
	if err := payKeySwapCost(kv, coldkey, ErrNotEnoughBalanceToPaySwapHotKey); err != nil {
		return err
	}
	for _, r := range hotkeyRecords {
		r.move(kv, old, new, now)
	}
	for _, m := range movers {
		if err := m(ctx, old, new); err != nil {
			return err
		}
	}
	setU64(kv, lastTxBlockKey(coldkey), now)
	ctx.Events.Emit("HotkeySwapped", "coldkey", coldkey.SS58(), "old_hotkey", old.SS58(), "new_hotkey", new.SS58())
	return nil
}

// payKeySwapCost takes KeySwapCost from coldkey's balance and recycles it;
// short is the error for a balance that cannot pay.
func payKeySwapCost(kv store.KV, coldkey keys.PublicKey, short *module.Error) error {
	if bal := bank.Balance(kv, coldkey); bal < KeySwapCost {
		return module.Wrapf(short, "balance %d rao, the swap costs %d", bal, KeySwapCost)
	}
	if err := bank.Debit(kv, coldkey, KeySwapCost, false); err != nil {
		return module.Wrapf(short, "%v", err)
	}
	bank.Recycle(kv, KeySwapCost)
	return nil
}

// moveRaw moves the record at from to to (nothing when absent).
func moveRaw(kv store.KV, from, to []byte) {
	if v := kv.Get(from); v != nil {
		kv.Set(to, append([]byte(nil), v...))
		kv.Delete(from)
	}
}

func moveHotkeyOwner(kv store.KV, old, new keys.PublicKey, _ uint64) {
	owner, ok := Owner(kv, old)
	if !ok {
		return
	}
	kv.Delete(ownerKey(old))
	kv.Delete(ownedHotkeyKey(owner, old))
	kv.Set(ownerKey(new), owner[:])
	kv.Set(ownedHotkeyKey(owner, new), []byte{1})
}

// moveHotkeyStake moves every (old, coldkey) stake to (new, coldkey) with
// the coldkeys' staked-hotkey index and the hotkey total; coldkey totals
// and the chain total do not change.
func moveHotkeyStake(kv store.KV, old, new keys.PublicKey, _ uint64) {
	for _, nom := range Nominators(kv, old) {
		kv.Delete(stakeKey(old, nom.Account))
		kv.Delete(coldkeyStakeKey(nom.Account, old))
		setU64(kv, stakeKey(new, nom.Account), nom.Stake)
		kv.Set(coldkeyStakeKey(nom.Account, new), []byte{1})
	}
	setU64(kv, totalHotkeyKey(new), TotalHotkeyStake(kv, old))
	kv.Delete(totalHotkeyKey(old))
}

// moveHotkeyDelegate moves the take; the new hotkey's take-change clock
// starts now, as the reference sets LastTxBlockDelegateTake(new) to the
// swap's block.
func moveHotkeyDelegate(kv store.KV, old, new keys.PublicKey, now uint64) {
	moveRaw(kv, delegateKey(old), delegateKey(new))
	kv.Delete(lastTakeBlockKey(old))
	setU64(kv, lastTakeBlockKey(new), now)
}

// moveHotkeyRegistrations gives the old hotkey's UID on each subnet to the
// new one, with the neuron record (its registration block, last update and
// last epoch's outputs), axon, prometheus and pending weight commits.
// Weights and bonds are rows by UID and stay where they are.
func moveHotkeyRegistrations(kv store.KV, old, new keys.PublicKey, _ uint64) {
	for _, netuid := range Registrations(kv, old) {
		uid, ok := UID(kv, netuid, old)
		if !ok {
			continue
		}
		kv.Delete(uidKey(netuid, old))
		kv.Delete(membershipKey(old, netuid))
		kv.Set(uidKey(netuid, new), be16(uid))
		kv.Set(membershipKey(new, netuid), be16(uid))
		if n, ok := GetNeuron(kv, netuid, uid); ok {
			n.Hotkey = new
			setNeuron(kv, netuid, &n)
		}
		moveRaw(kv, axonKey(netuid, old), axonKey(netuid, new))
		moveRaw(kv, prometheusKey(netuid, old), prometheusKey(netuid, new))
		moveRaw(kv, commitsKey(netuid, old), commitsKey(netuid, new))
	}
}

// moveSubnetOwnerHotkey renames the owner hotkey of the subnets it owns
// (the reference's SubnetOwnerHotkey), which keeps UID 0 safe from pruning.
func moveSubnetOwnerHotkey(kv store.KV, old, new keys.PublicKey, _ uint64) {
	for _, netuid := range Netuids(kv) {
		if st := State(kv, netuid); st.OwnerHotkey == old {
			st.OwnerHotkey = new
			setState(kv, netuid, &st)
		}
	}
}
