package subtensor

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/fixed"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Childkeys: a parent hotkey lends shares of its stake weight on a subnet
// to child hotkeys, which validate with it; the child's dividends flow back
// to the parents. The rules are the reference's before dynamic TAO (the
// classic staking of specs/chain.md, subtensor of December 2024), where
// the spec is silent read there:
//
//   - set_children(hotkey, netuid, children) is signed by the coldkey that
//     owns hotkey (NonAssociatedColdKey, HotKeyAccountNotExists); not on
//     root (RegistrationNotPermittedOnRootSubnet); on an existing subnet
//     (SubnetNotExists); at most 5 children (TooManyChildren); no child
//     equal to the parent (InvalidChild) or twice (DuplicateChild); the
//     proportions (u64 fractions of u64::MAX) may not add up past u64::MAX
//     (ProportionOverflow); the parent's own stake must reach StakeThreshold
//     unless it is the subnet owner's hotkey (NotEnoughStakeToSetChildkeys);
//     one call per hotkey and subnet every SetChildrenRateLimit blocks
//     (TxRateLimitExceeded). taonet refuses any cycle: a child from which
//     the parent can be reached through the children relations on that
//     subnet (ChildParentInconsistency); the reference checks the direct
//     parent-child pair.
//   - The new children apply after PendingChildkeyCooldown blocks (7,200;
//     15 on a localnet), at the block step, replacing the old ones; an
//     empty list revokes them. A newer schedule replaces a pending one.
//   - set_childkey_take(hotkey, netuid, take): take within
//     [MinChildkeyTake, MaxChildkeyTake] = [0, 11,796] (InvalidChildkeyTake);
//     raising it is rate-limited to once per TxChildkeyTakeRateLimit blocks
//     (216,000; TxChildkeyTakeRateLimitExceeded), lowering it is not.
//   - Stake weight (get_stake_for_hotkey_on_subnet): a hotkey's stake
//     weight on a subnet is its total stake, minus ⌊stake × p / u64::MAX⌋
//     for each of its children, plus ⌊parent_stake × p / u64::MAX⌋ for each
//     of its parents (saturating); root uses total stake. The epoch (Yuma
//     stake, permits) and set_weights' StakeThreshold use it.
//   - Dividends: of a child's validator emission v, the child keeps
//     ⌊v × childkey_take / 65535⌋; each parent p receives
//     ⌊(v − take) × contribution_p / stake_weight⌋ where contribution_p =
//     ⌊parent_stake × p / u64::MAX⌋, paid as the parent's own validator
//     emission (its delegate take, then its nominators); the child keeps
//     the rest with its server emission.
//   - swap_hotkey moves every childkey record of the old hotkey, as parent
//     and as child, to the new one.

// SetChildrenRateLimit is the blocks between two set_children of one
// hotkey on one subnet (the reference's TransactionType::SetChildren).
const SetChildrenRateLimit = 150

// MaxChildren is the most children a hotkey may have on a subnet.
const MaxChildren = 5

// ChildkeyParams are the network's childkey parameters.
type ChildkeyParams struct {
	// TxChildkeyTakeRateLimit is the blocks between two raises of a childkey take.
	TxChildkeyTakeRateLimit uint64 `json:"tx_childkey_take_rate_limit"`
	// MinChildkeyTake and MaxChildkeyTake bound a childkey take (/65535).
	MinChildkeyTake uint16 `json:"min_childkey_take"`
	MaxChildkeyTake uint16 `json:"max_childkey_take"`
	// PendingChildkeyCooldown is the blocks before scheduled children apply.
	PendingChildkeyCooldown uint64 `json:"pending_childkey_cooldown"`
}

// DefaultChildkeyParams returns the reference's values.
func DefaultChildkeyParams() ChildkeyParams {
	return ChildkeyParams{TxChildkeyTakeRateLimit: 216_000, MaxChildkeyTake: 11_796, PendingChildkeyCooldown: 7_200}
}

// LocalnetChildkeyParams are the reference's fast-runtime values
// (prod_or_fast!): a take raise every 5 blocks, children after 15.
func LocalnetChildkeyParams() ChildkeyParams {
	p := DefaultChildkeyParams()
	p.TxChildkeyTakeRateLimit, p.PendingChildkeyCooldown = 5, 15
	return p
}

// Child is one child or parent relation: the other hotkey and the share.
type Child = tx.Child

// State keys (sub-prefixes 0x38–0x3e):
//
//	0x38 ‖ netuid ‖ parent → children list     0x39 ‖ netuid ‖ child → parents list
//	0x3a ‖ netuid ‖ hotkey → childkey take (u16 BE)
//	0x3b ‖ netuid ‖ parent → pending: cooldown block (u64 BE) ‖ children list
//	0x3c ‖ netuid ‖ hotkey → block of the last set_children
//	0x3d ‖ netuid ‖ hotkey → block of the last childkey take raise
//	0x3e → ChildkeyParams (JSON; absent: the defaults)
//
// A list is a count byte then (u64 BE proportion, 32-byte hotkey) pairs.
const (
	subChildren         byte = 0x38
	subParents          byte = 0x39
	subChildkeyTake     byte = 0x3a
	subPendingChildren  byte = 0x3b
	subLastChildrenSet  byte = 0x3c
	subLastChildTakeSet byte = 0x3d
	subChildkeyParams   byte = 0x3e
)

func childrenKey(netuid uint16, h keys.PublicKey) []byte { return key(subChildren, be16(netuid), h[:]) }
func parentsKey(netuid uint16, h keys.PublicKey) []byte  { return key(subParents, be16(netuid), h[:]) }
func childkeyTakeKey(netuid uint16, h keys.PublicKey) []byte {
	return key(subChildkeyTake, be16(netuid), h[:])
}
func pendingChildrenKey(netuid uint16, h keys.PublicKey) []byte {
	return key(subPendingChildren, be16(netuid), h[:])
}
func lastChildrenSetKey(netuid uint16, h keys.PublicKey) []byte {
	return key(subLastChildrenSet, be16(netuid), h[:])
}
func lastChildTakeSetKey(netuid uint16, h keys.PublicKey) []byte {
	return key(subLastChildTakeSet, be16(netuid), h[:])
}
func childkeyParamsKey() []byte { return key(subChildkeyParams) }

// Childkeys returns the network's childkey parameters.
func Childkeys(kv store.Reader) ChildkeyParams {
	v := kv.Get(childkeyParamsKey())
	if v == nil {
		return DefaultChildkeyParams()
	}
	var p ChildkeyParams
	if err := json.Unmarshal(v, &p); err != nil {
		module.Corrupt(childkeyParamsKey(), err)
	}
	return p
}

func setChildkeys(kv store.KV, p ChildkeyParams) {
	b, _ := json.Marshal(p) // plain struct
	kv.Set(childkeyParamsKey(), b)
}

func encodeRelations(rs []Child) []byte {
	b := make([]byte, 0, 1+len(rs)*40)
	b = append(b, byte(len(rs)))
	for _, r := range rs {
		b = binary.BigEndian.AppendUint64(b, r.Proportion)
		b = append(b, r.Hotkey[:]...)
	}
	return b
}

func decodeRelations(k, v []byte) []Child {
	if len(v) < 1 || len(v) != 1+int(v[0])*40 {
		module.Corrupt(k, fmt.Errorf("childkey list of %d bytes", len(v)))
	}
	out := make([]Child, v[0])
	for i := range out {
		e := v[1+i*40:]
		out[i].Proportion = binary.BigEndian.Uint64(e)
		copy(out[i].Hotkey[:], e[8:40])
	}
	return out
}

func relations(kv store.Reader, k []byte) []Child {
	v := kv.Get(k)
	if v == nil {
		return nil
	}
	return decodeRelations(k, v)
}

func setRelations(kv store.KV, k []byte, rs []Child) {
	if len(rs) == 0 {
		kv.Delete(k)
		return
	}
	kv.Set(k, encodeRelations(rs))
}

// Children returns hotkey's children on netuid, in the order set.
func Children(kv store.Reader, hotkey keys.PublicKey, netuid uint16) []Child {
	return relations(kv, childrenKey(netuid, hotkey))
}

// Parents returns hotkey's parents on netuid with the shares they lend it.
func Parents(kv store.Reader, hotkey keys.PublicKey, netuid uint16) []Child {
	return relations(kv, parentsKey(netuid, hotkey))
}

// ChildkeyTake returns hotkey's childkey take on netuid (/65535).
func ChildkeyTake(kv store.Reader, hotkey keys.PublicKey, netuid uint16) uint16 {
	k := childkeyTakeKey(netuid, hotkey)
	v := kv.Get(k)
	if v == nil {
		return 0
	}
	if len(v) != 2 {
		module.Corrupt(k, fmt.Errorf("childkey take of %d bytes", len(v)))
	}
	return binary.BigEndian.Uint16(v)
}

// PendingChildren returns hotkey's scheduled children on netuid and the
// block they apply at (ok false: none scheduled).
func PendingChildren(kv store.Reader, hotkey keys.PublicKey, netuid uint16) (children []Child, at uint64, ok bool) {
	k := pendingChildrenKey(netuid, hotkey)
	v := kv.Get(k)
	if v == nil {
		return nil, 0, false
	}
	if len(v) < 9 {
		module.Corrupt(k, fmt.Errorf("pending children of %d bytes", len(v)))
	}
	return decodeRelations(k, v[8:]), binary.BigEndian.Uint64(v), true
}

// share is ⌊stake × proportion / u64::MAX⌋.
func share(stake, proportion uint64) uint64 {
	v, _ := fixed.MulDivU64(stake, proportion, math.MaxUint64) // ≤ stake
	return v
}

// StakeWeight is hotkey's stake weight on netuid: its total stake minus
// what it lends its children plus what its parents lend it (see the file's
// rules). Without childkeys it is the total stake.
func StakeWeight(kv store.Reader, hotkey keys.PublicKey, netuid uint16) uint64 {
	total := TotalHotkeyStake(kv, hotkey)
	if netuid == RootNetUID {
		return total
	}
	var toChildren, fromParents uint64
	for _, c := range Children(kv, hotkey, netuid) {
		toChildren = satAdd(toChildren, share(total, c.Proportion))
	}
	for _, p := range Parents(kv, hotkey, netuid) {
		fromParents = satAdd(fromParents, share(TotalHotkeyStake(kv, p.Hotkey), p.Proportion))
	}
	w := total - min(total, toChildren)
	return satAdd(w, fromParents)
}

// SetChildren schedules hotkey's children on netuid (set_children).
func SetChildren(ctx *module.Context, signer, hotkey keys.PublicKey, netuid uint16, children []Child) error {
	kv := ctx.KV
	now := uint64(ctx.Height)
	if err := ownsHotkey(kv, signer, hotkey); err != nil {
		return err
	}
	if netuid == RootNetUID {
		return ErrRegistrationNotPermittedOnRootSubnet
	}
	if !SubnetExists(kv, netuid) {
		return module.Wrapf(ErrSubnetNotExists, "netuid %d", netuid)
	}
	if last := getU64(kv, lastChildrenSetKey(netuid, hotkey)); last != 0 && now-last < SetChildrenRateLimit {
		return module.Wrapf(ErrTxRateLimitExceeded, "children of this hotkey were set at block %d; next from %d", last, last+SetChildrenRateLimit)
	}
	if len(children) > MaxChildren {
		return module.Wrapf(ErrTooManyChildren, "%d children", len(children))
	}
	var sum uint64
	for i, c := range children {
		if c.Hotkey == hotkey {
			return module.Wrapf(ErrInvalidChild, "a hotkey cannot be its own child")
		}
		for _, d := range children[:i] {
			if d.Hotkey == c.Hotkey {
				return module.Wrapf(ErrDuplicateChild, "%s", c.Hotkey.SS58())
			}
		}
		if sum+c.Proportion < sum {
			return ErrProportionOverflow
		}
		sum += c.Proportion
		if reaches(kv, c.Hotkey, hotkey, netuid) {
			return module.Wrapf(ErrChildParentInconsistency, "%s is %s's parent or ancestor on subnet %d", c.Hotkey.SS58(), hotkey.SS58(), netuid)
		}
	}
	st := State(kv, netuid)
	if !(st.HasOwner() && st.OwnerHotkey == hotkey) && TotalHotkeyStake(kv, hotkey) < Network(kv).StakeThreshold {
		return module.Wrapf(ErrNotEnoughStakeToSetChildkeys, "stake %d below the threshold %d", TotalHotkeyStake(kv, hotkey), Network(kv).StakeThreshold)
	}
	at := now + Childkeys(kv).PendingChildkeyCooldown
	kv.Set(pendingChildrenKey(netuid, hotkey), append(be64(at), encodeRelations(children)...))
	setU64(kv, lastChildrenSetKey(netuid, hotkey), now)
	ctx.Events.Emit("SetChildrenScheduled", "hotkey", hotkey.SS58(), "netuid", u16s(netuid), "cooldown_block", u64s(at), "children", formatChildren(children))
	return nil
}

// ownsHotkey checks that coldkey owns hotkey.
func ownsHotkey(kv store.Reader, coldkey, hotkey keys.PublicKey) error {
	owner, ok := Owner(kv, hotkey)
	if !ok {
		return module.Wrapf(ErrHotKeyAccountNotExists, "%s", hotkey.SS58())
	}
	if owner != coldkey {
		return module.Wrapf(ErrNonAssociatedColdKey, "%s is not owned by the signer", hotkey.SS58())
	}
	return nil
}

// reaches reports whether to can be reached from from through children
// relations on netuid (from == to included).
func reaches(kv store.Reader, from, to keys.PublicKey, netuid uint16) bool {
	seen := map[keys.PublicKey]bool{}
	stack := []keys.PublicKey{from}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if h == to {
			return true
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		for _, c := range Children(kv, h, netuid) {
			stack = append(stack, c.Hotkey)
		}
	}
	return false
}

func formatChildren(cs []Child) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s:%d", c.Hotkey.SS58(), c.Proportion)
	}
	return strings.Join(parts, ",")
}

// applyPendingChildren applies the children whose cooldown ends at or
// before now, in key order. Children that would now close a cycle (the
// relations changed during the cooldown) are dropped with an event.
func applyPendingChildren(ctx *module.Context, now uint64) {
	kv := ctx.KV
	pre := key(subPendingChildren)
	it := kv.Iterator(pre, store.PrefixEnd(pre))
	type due struct {
		netuid   uint16
		parent   keys.PublicKey
		children []Child
	}
	var ready []due
	for ; it.Valid(); it.Next() {
		suffix := module.KeySuffix(it.Key(), pre, 34)
		v := it.Value()
		if len(v) < 9 {
			it.Close()
			module.Corrupt(it.Key(), fmt.Errorf("pending children of %d bytes", len(v)))
		}
		if binary.BigEndian.Uint64(v) > now {
			continue
		}
		d := due{netuid: binary.BigEndian.Uint16(suffix), children: decodeRelations(it.Key(), v[8:])}
		copy(d.parent[:], suffix[2:])
		ready = append(ready, d)
	}
	it.Close()
	for _, d := range ready {
		kv.Delete(pendingChildrenKey(d.netuid, d.parent))
		if !SubnetExists(kv, d.netuid) {
			continue
		}
		cyclic := false
		for _, c := range d.children {
			cyclic = cyclic || reaches(kv, c.Hotkey, d.parent, d.netuid)
		}
		if cyclic {
			ctx.Events.Emit("SetChildrenFailed", "hotkey", d.parent.SS58(), "netuid", u16s(d.netuid), "error", ErrChildParentInconsistency.Name)
			continue
		}
		setChildren(kv, d.parent, d.netuid, d.children)
		ctx.Events.Emit("SetChildren", "hotkey", d.parent.SS58(), "netuid", u16s(d.netuid), "children", formatChildren(d.children))
	}
}

// setChildren replaces parent's children on netuid and keeps the children's
// parent lists in step.
func setChildren(kv store.KV, parent keys.PublicKey, netuid uint16, children []Child) {
	for _, old := range Children(kv, parent, netuid) {
		ps := Parents(kv, old.Hotkey, netuid)
		out := ps[:0]
		for _, p := range ps {
			if p.Hotkey != parent {
				out = append(out, p)
			}
		}
		setRelations(kv, parentsKey(netuid, old.Hotkey), out)
	}
	setRelations(kv, childrenKey(netuid, parent), children)
	for _, c := range children {
		ps := append(Parents(kv, c.Hotkey, netuid), Child{Proportion: c.Proportion, Hotkey: parent})
		setRelations(kv, parentsKey(netuid, c.Hotkey), ps)
	}
}

// SetChildkeyTake sets hotkey's childkey take on netuid (set_childkey_take).
func SetChildkeyTake(ctx *module.Context, signer, hotkey keys.PublicKey, netuid uint16, take uint16) error {
	kv := ctx.KV
	now := uint64(ctx.Height)
	if err := ownsHotkey(kv, signer, hotkey); err != nil {
		return err
	}
	if !SubnetExists(kv, netuid) {
		return module.Wrapf(ErrSubnetNotExists, "netuid %d", netuid)
	}
	p := Childkeys(kv)
	if take < p.MinChildkeyTake || take > p.MaxChildkeyTake {
		return module.Wrapf(ErrInvalidChildkeyTake, "take %d not in [%d, %d]", take, p.MinChildkeyTake, p.MaxChildkeyTake)
	}
	if take > ChildkeyTake(kv, hotkey, netuid) {
		if last := getU64(kv, lastChildTakeSetKey(netuid, hotkey)); last != 0 && now-last < p.TxChildkeyTakeRateLimit {
			return module.Wrapf(ErrTxChildkeyTakeRateLimitExceeded, "raised at block %d; next raise from %d", last, last+p.TxChildkeyTakeRateLimit)
		}
		setU64(kv, lastChildTakeSetKey(netuid, hotkey), now)
	}
	if take == 0 {
		kv.Delete(childkeyTakeKey(netuid, hotkey))
	} else {
		kv.Set(childkeyTakeKey(netuid, hotkey), binary.BigEndian.AppendUint16(nil, take))
	}
	ctx.Events.Emit("ChildKeyTakeSet", "hotkey", hotkey.SS58(), "netuid", u16s(netuid), "take", u16s(take))
	return nil
}

// SudoChildkey applies a root-origin childkey setter.
func SudoChildkey(ctx *module.Context, signer keys.PublicKey, c tx.ChildkeySudo) error {
	if !isSudo(ctx, signer) {
		return ErrBadOrigin
	}
	kv := ctx.KV
	p := Childkeys(kv)
	var event string
	switch c.Call {
	case tx.CallSudoSetTxChildkeyTakeRateLimit:
		p.TxChildkeyTakeRateLimit, event = c.Value, "TxChildKeyTakeRateLimitSet"
	case tx.CallSudoSetMinChildkeyTake:
		if c.Value > uint64(p.MaxChildkeyTake) {
			return module.Wrapf(ErrInvalidChildkeyTake, "minimum %d above the maximum %d", c.Value, p.MaxChildkeyTake)
		}
		p.MinChildkeyTake, event = uint16(c.Value), "MinChildKeyTakeSet"
	case tx.CallSudoSetMaxChildkeyTake:
		if c.Value < uint64(p.MinChildkeyTake) || c.Value > math.MaxUint16 {
			return module.Wrapf(ErrInvalidChildkeyTake, "maximum %d below the minimum %d", c.Value, p.MinChildkeyTake)
		}
		p.MaxChildkeyTake, event = uint16(c.Value), "MaxChildKeyTakeSet"
	case tx.CallSudoSetPendingChildkeyCooldown:
		p.PendingChildkeyCooldown, event = c.Value, "PendingChildKeyCooldownSet"
	default:
		return ErrBadOrigin
	}
	setChildkeys(kv, p)
	ctx.Events.Emit(event, "value", u64s(c.Value))
	return nil
}

// routeDividends pays an epoch's emission of hotkey on netuid: parents
// take their contribution's share of the validator emission after the
// childkey take (as their own validator emission), hotkey keeps the rest.
func routeDividends(kv store.KV, hotkey keys.PublicKey, netuid uint16, server, validator uint64) error {
	parents := Parents(kv, hotkey, netuid)
	if len(parents) == 0 || validator == 0 {
		return payHotkey(kv, hotkey, server, validator)
	}
	weight := StakeWeight(kv, hotkey, netuid)
	take, _ := fixed.MulDivU64(validator, uint64(ChildkeyTake(kv, hotkey, netuid)), 65535)
	rest := validator - take
	var toParents uint64
	for _, p := range parents {
		contribution := share(TotalHotkeyStake(kv, p.Hotkey), p.Proportion)
		if weight == 0 || contribution == 0 {
			continue
		}
		part, _ := fixed.MulDivU64(rest, min(contribution, weight), weight)
		if part == 0 {
			continue
		}
		if err := payHotkey(kv, p.Hotkey, 0, part); err != nil {
			return err
		}
		toParents += part
	}
	return payHotkey(kv, hotkey, server, validator-toParents)
}

// swapChildkeys moves every childkey record of old to new on every subnet
// (swap_hotkey): its children and parents, the lists that name it, its
// take, its pending children (and pending lists naming it) and its rate
// limit blocks.
func swapChildkeys(kv store.KV, old, new keys.PublicKey) {
	rename := func(rs []Child) ([]Child, bool) {
		changed := false
		for i := range rs {
			if rs[i].Hotkey == old {
				rs[i].Hotkey, changed = new, true
			}
		}
		return rs, changed
	}
	for _, netuid := range Netuids(kv) {
		for _, c := range Children(kv, old, netuid) {
			if ps, ok := rename(Parents(kv, c.Hotkey, netuid)); ok {
				setRelations(kv, parentsKey(netuid, c.Hotkey), ps)
			}
		}
		for _, p := range Parents(kv, old, netuid) {
			if cs, ok := rename(Children(kv, p.Hotkey, netuid)); ok {
				setRelations(kv, childrenKey(netuid, p.Hotkey), cs)
			}
		}
		for _, k := range [][]byte{childrenKey(netuid, old), parentsKey(netuid, old), childkeyTakeKey(netuid, old),
			pendingChildrenKey(netuid, old), lastChildrenSetKey(netuid, old), lastChildTakeSetKey(netuid, old)} {
			if v := kv.Get(k); v != nil {
				nk := append(append([]byte(nil), k[:len(k)-32]...), new[:]...)
				kv.Set(nk, v)
				kv.Delete(k)
			}
		}
	}
	// Pending lists of other parents that name old as a child.
	pre := key(subPendingChildren)
	it := kv.Iterator(pre, store.PrefixEnd(pre))
	var fix [][2][]byte
	for ; it.Valid(); it.Next() {
		v := it.Value()
		if len(v) < 9 || !bytes.Contains(v[8:], old[:]) {
			continue
		}
		cs, changed := rename(decodeRelations(it.Key(), v[8:]))
		if changed {
			fix = append(fix, [2][]byte{append([]byte(nil), it.Key()...), append(append([]byte(nil), v[:8]...), encodeRelations(cs)...)})
		}
	}
	it.Close()
	for _, f := range fix {
		kv.Set(f[0], f[1])
	}
}
