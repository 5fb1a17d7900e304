package subtensor

import (
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// Owner returns the coldkey owning hotkey and whether the hotkey exists.
func Owner(kv store.Reader, hotkey keys.PublicKey) (keys.PublicKey, bool) {
	var k keys.PublicKey
	v := kv.Get(ownerKey(hotkey))
	if v == nil {
		return k, false
	}
	if len(v) != len(k) {
		module.Corrupt(ownerKey(hotkey), fmt.Errorf("owner record of %d bytes", len(v)))
	}
	copy(k[:], v)
	return k, true
}

// OwnedHotkeys returns the hotkeys coldkey owns, in key order.
func OwnedHotkeys(kv store.Reader, coldkey keys.PublicKey) []keys.PublicKey {
	return keysUnder(kv, ownedHotkeyPrefix(coldkey))
}

func keysUnder(kv store.Reader, p []byte) []keys.PublicKey {
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []keys.PublicKey
	for ; it.Valid(); it.Next() {
		var k keys.PublicKey
		copy(k[:], module.KeySuffix(it.Key(), p, len(k)))
		out = append(out, k)
	}
	return out
}

// createAccountIfNonExistent records coldkey as hotkey's owner when the
// hotkey is new (the reference's create_account_if_non_existent).
func createAccountIfNonExistent(kv store.KV, coldkey, hotkey keys.PublicKey) {
	if _, ok := Owner(kv, hotkey); ok {
		return
	}
	kv.Set(ownerKey(hotkey), coldkey[:])
	kv.Set(ownedHotkeyKey(coldkey, hotkey), []byte{1})
}

func coldkeyOwnsHotkey(kv store.Reader, coldkey, hotkey keys.PublicKey) bool {
	o, ok := Owner(kv, hotkey)
	return ok && o == coldkey
}

// Stake returns the rao coldkey has staked on hotkey.
func Stake(kv store.Reader, hotkey, coldkey keys.PublicKey) uint64 {
	return getU64(kv, stakeKey(hotkey, coldkey))
}

// TotalHotkeyStake returns all stake on hotkey.
func TotalHotkeyStake(kv store.Reader, hotkey keys.PublicKey) uint64 {
	return getU64(kv, totalHotkeyKey(hotkey))
}

// TotalColdkeyStake returns all stake coldkey holds across hotkeys.
func TotalColdkeyStake(kv store.Reader, coldkey keys.PublicKey) uint64 {
	return getU64(kv, totalColdkeyKey(coldkey))
}

// TotalStake returns all stake on the chain.
func TotalStake(kv store.Reader) uint64 { return getU64(kv, totalStakeKey()) }

// StakeEntry is one (account, stake) pair.
type StakeEntry struct {
	Account keys.PublicKey `json:"account"`
	Stake   uint64         `json:"stake"`
}

// Nominators returns the coldkeys staked on hotkey with their stake, in key order.
func Nominators(kv store.Reader, hotkey keys.PublicKey) []StakeEntry {
	p := stakePrefix(hotkey)
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []StakeEntry
	for ; it.Valid(); it.Next() {
		var k keys.PublicKey
		copy(k[:], module.KeySuffix(it.Key(), p, len(k)))
		out = append(out, StakeEntry{Account: k, Stake: module.DecodeU64(it.Key(), it.Value())})
	}
	return out
}

// StakesOfColdkey returns the hotkeys coldkey has stake on with the stake, in key order.
func StakesOfColdkey(kv store.Reader, coldkey keys.PublicKey) []StakeEntry {
	hks := keysUnder(kv, coldkeyStakePrefix(coldkey))
	out := make([]StakeEntry, len(hks))
	for i, hk := range hks {
		out[i] = StakeEntry{Account: hk, Stake: Stake(kv, hk, coldkey)}
	}
	return out
}

// increaseStake adds amount to (hotkey, coldkey) and every total. The caller
// has taken the rao from somewhere on the books (a balance, pending emission).
func increaseStake(kv store.KV, hotkey, coldkey keys.PublicKey, amount uint64) error {
	if amount == 0 {
		return nil
	}
	s := Stake(kv, hotkey, coldkey)
	th, tc, ts := TotalHotkeyStake(kv, hotkey), TotalColdkeyStake(kv, coldkey), TotalStake(kv)
	if s+amount < s || th+amount < th || tc+amount < tc || ts+amount < ts {
		return module.ErrOverflow
	}
	setU64(kv, stakeKey(hotkey, coldkey), s+amount)
	kv.Set(coldkeyStakeKey(coldkey, hotkey), []byte{1})
	setU64(kv, totalHotkeyKey(hotkey), th+amount)
	setU64(kv, totalColdkeyKey(coldkey), tc+amount)
	setU64(kv, totalStakeKey(), ts+amount)
	return nil
}

// decreaseStake removes amount from (hotkey, coldkey) and every total.
func decreaseStake(kv store.KV, hotkey, coldkey keys.PublicKey, amount uint64) error {
	s := Stake(kv, hotkey, coldkey)
	if s < amount {
		return module.Wrapf(ErrNotEnoughStakeToWithdraw, "staked %d rao, requested %d", s, amount)
	}
	setU64(kv, stakeKey(hotkey, coldkey), s-amount)
	if s == amount {
		kv.Delete(coldkeyStakeKey(coldkey, hotkey))
	}
	setU64(kv, totalHotkeyKey(hotkey), TotalHotkeyStake(kv, hotkey)-amount)
	setU64(kv, totalColdkeyKey(coldkey), TotalColdkeyStake(kv, coldkey)-amount)
	setU64(kv, totalStakeKey(), TotalStake(kv)-amount)
	return nil
}

// IsDelegate reports whether hotkey accepts nominations.
func IsDelegate(kv store.Reader, hotkey keys.PublicKey) bool { return kv.Has(delegateKey(hotkey)) }

// Take returns hotkey's delegate take as u16 proportion (the default take if
// it is not a delegate).
func Take(kv store.Reader, hotkey keys.PublicKey) uint16 {
	v := kv.Get(delegateKey(hotkey))
	if v == nil {
		return Network(kv).MaxDelegateTake
	}
	if len(v) != 2 {
		module.Corrupt(delegateKey(hotkey), fmt.Errorf("take record of %d bytes", len(v)))
	}
	return binary.BigEndian.Uint16(v)
}

func setTake(kv store.KV, hotkey keys.PublicKey, take uint16) {
	kv.Set(delegateKey(hotkey), be16(take))
}

// Delegates returns every delegate hotkey in key order.
func Delegates(kv store.Reader) []keys.PublicKey { return keysUnder(kv, key(subDelegate)) }

// AddStake moves amount rao from coldkey's free balance onto hotkey (classic
// add_stake: the coldkey must own the hotkey or the hotkey must be a delegate).
func AddStake(ctx *module.Context, coldkey, hotkey keys.PublicKey, amount uint64) error {
	if _, ok := Owner(ctx.KV, hotkey); !ok {
		return ErrHotKeyAccountNotExists
	}
	if !coldkeyOwnsHotkey(ctx.KV, coldkey, hotkey) && !IsDelegate(ctx.KV, hotkey) {
		return module.Wrapf(ErrNonAssociatedColdKey, "hotkey is not a delegate and not owned by the signer")
	}
	if amount == 0 {
		return module.Wrapf(ErrAmountTooLow, "stake of 0 rao")
	}
	if bank.Balance(ctx.KV, coldkey) < amount {
		return module.Wrapf(ErrNotEnoughBalanceToStake, "balance %d rao, stake %d", bank.Balance(ctx.KV, coldkey), amount)
	}
	if err := bank.Debit(ctx.KV, coldkey, amount, false); err != nil {
		return module.Wrapf(ErrBalanceWithdrawalError, "%v", err)
	}
	if err := increaseStake(ctx.KV, hotkey, coldkey, amount); err != nil {
		return err
	}
	ctx.Events.Emit("StakeAdded", "coldkey", coldkey.SS58(), "hotkey", hotkey.SS58(), "amount", u64s(amount))
	return nil
}

// RemoveStake moves amount rao of coldkey's stake on hotkey back to its free balance.
func RemoveStake(ctx *module.Context, coldkey, hotkey keys.PublicKey, amount uint64) error {
	if _, ok := Owner(ctx.KV, hotkey); !ok {
		return ErrHotKeyAccountNotExists
	}
	if amount == 0 {
		return module.Wrapf(ErrNotEnoughStakeToWithdraw, "unstake of 0 rao")
	}
	if err := decreaseStake(ctx.KV, hotkey, coldkey, amount); err != nil {
		return err
	}
	if err := bank.Credit(ctx.KV, coldkey, amount); err != nil {
		return module.Wrapf(ErrBalanceWithdrawalError, "%v", err)
	}
	ctx.Events.Emit("StakeRemoved", "coldkey", coldkey.SS58(), "hotkey", hotkey.SS58(), "amount", u64s(amount))
	return nil
}

// BecomeDelegate makes hotkey a delegate with the default take (classic
// become_delegate, rate-limited per coldkey by TxRateLimit).
func BecomeDelegate(ctx *module.Context, coldkey, hotkey keys.PublicKey) error {
	if !coldkeyOwnsHotkey(ctx.KV, coldkey, hotkey) {
		return ErrNonAssociatedColdKey
	}
	if IsDelegate(ctx.KV, hotkey) {
		return ErrHotKeyAlreadyDelegate
	}
	np := Network(ctx.KV)
	now := uint64(ctx.Height)
	if exceedsTxRateLimit(getU64(ctx.KV, lastTxBlockKey(coldkey)), now, np.TxRateLimit) {
		return ErrTxRateLimitExceeded
	}
	setTake(ctx.KV, hotkey, np.MaxDelegateTake)
	setU64(ctx.KV, lastTxBlockKey(coldkey), now)
	ctx.Events.Emit("DelegateAdded", "coldkey", coldkey.SS58(), "hotkey", hotkey.SS58(), "take", strconv.Itoa(int(np.MaxDelegateTake)))
	return nil
}

// exceedsTxRateLimit is the reference's exceeds_tx_rate_limit.
func exceedsTxRateLimit(prev, now, limit uint64) bool {
	return limit != 0 && prev != 0 && now-prev <= limit
}

func takeChecks(kv store.Reader, coldkey, hotkey keys.PublicKey) error {
	if _, ok := Owner(kv, hotkey); !ok {
		return ErrHotKeyAccountNotExists
	}
	if !coldkeyOwnsHotkey(kv, coldkey, hotkey) {
		return ErrNonAssociatedColdKey
	}
	return nil
}

// DecreaseTake lowers hotkey's take (no rate limit; resets the take timestamp).
func DecreaseTake(ctx *module.Context, coldkey, hotkey keys.PublicKey, take uint16) error {
	if err := takeChecks(ctx.KV, coldkey, hotkey); err != nil {
		return err
	}
	if take >= Take(ctx.KV, hotkey) {
		return module.Wrapf(ErrDelegateTakeTooLow, "new take must be below the current take")
	}
	if take < Network(ctx.KV).MinDelegateTake {
		return module.Wrapf(ErrDelegateTakeTooLow, "below the minimum take")
	}
	setTake(ctx.KV, hotkey, take)
	setU64(ctx.KV, lastTakeBlockKey(hotkey), uint64(ctx.Height))
	ctx.Events.Emit("TakeDecreased", "coldkey", coldkey.SS58(), "hotkey", hotkey.SS58(), "take", strconv.Itoa(int(take)))
	return nil
}

// IncreaseTake raises hotkey's take up to MaxDelegateTake, at most once per
// TxDelegateTakeRateLimit blocks.
func IncreaseTake(ctx *module.Context, coldkey, hotkey keys.PublicKey, take uint16) error {
	if err := takeChecks(ctx.KV, coldkey, hotkey); err != nil {
		return err
	}
	if take <= Take(ctx.KV, hotkey) {
		return module.Wrapf(ErrDelegateTakeTooLow, "new take must be above the current take")
	}
	np := Network(ctx.KV)
	if take > np.MaxDelegateTake {
		return module.Wrapf(ErrDelegateTakeTooHigh, "above the maximum take %d", np.MaxDelegateTake)
	}
	now := uint64(ctx.Height)
	if last := getU64(ctx.KV, lastTakeBlockKey(hotkey)); last != 0 && now-last <= np.TxDelegateTakeRateLimit {
		return ErrDelegateTxRateLimitExceeded
	}
	setTake(ctx.KV, hotkey, take)
	setU64(ctx.KV, lastTakeBlockKey(hotkey), now)
	ctx.Events.Emit("TakeIncreased", "coldkey", coldkey.SS58(), "hotkey", hotkey.SS58(), "take", strconv.Itoa(int(take)))
	return nil
}

func u64s(v uint64) string { return strconv.FormatUint(v, 10) }
func u16s(v uint16) string { return strconv.FormatUint(uint64(v), 10) }
