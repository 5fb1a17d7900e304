// Package authority keeps the consensus validator set (CometBFT's
// validators: ed25519 consensus keys with voting power) in chain state, and
// changes it by root-origin calls, as subtensor's AdminUtils.swap_authorities
// changes Aura's authorities.
//
// The set in state is the target set: a change made in block H is emitted
// at the end of H as one ValidatorUpdate event per key whose power changed
// (the app hands them to CometBFT, which applies them from H+2). CometBFT's
// rules are enforced when the change is made, so that CometBFT never
// refuses an update: keys are ed25519 public keys, powers positive, no key
// twice, the set never empty and its total power at most MaxTotalPower.
//
// State (prefix 0x30):
//
//	0x30 0x01 ‖ key(32) → power (u64 big-endian): the set
//	0x30 0x02 ‖ key(32) → power before this block's first change (u64 BE), cleared at EndBlock
package authority

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"filippo.io/edwards25519"

	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Prefix is the module's state prefix.
const Prefix byte = 0x30

const (
	subSet     byte = 0x01
	subTouched byte = 0x02
)

// MaxTotalPower bounds the set's total voting power (CometBFT's
// MaxTotalVotingPower, math.MaxInt64 / 8).
const MaxTotalPower = uint64(1<<63-1) / 8

// EventValidatorUpdate is the type of the end-of-block event carrying one
// change for CometBFT; attributes "key" (hex) and "power" (0: removed).
const EventValidatorUpdate = "ValidatorUpdate"

// CodespaceAuthority is the codespace of the module's errors.
const CodespaceAuthority = "authority"

// Errors of authority changes.
var (
	// ErrDuplicateAuthority is returned when the key is already in the set.
	ErrDuplicateAuthority = module.NewError(CodespaceAuthority, 1, "DuplicateAuthority", "the consensus key is already an authority")
	// ErrUnknownAuthority is returned when removing a key that is not in the set.
	ErrUnknownAuthority = module.NewError(CodespaceAuthority, 2, "UnknownAuthority", "the consensus key is not an authority")
	// ErrEmptyAuthoritySet is returned when a removal would leave no validator.
	ErrEmptyAuthoritySet = module.NewError(CodespaceAuthority, 3, "EmptyAuthoritySet", "the validator set may never be empty")
	// ErrAuthorityPowerBound is returned when the set's total power would exceed MaxTotalPower.
	ErrAuthorityPowerBound = module.NewError(CodespaceAuthority, 4, "AuthorityPowerBound", "the validator set's total power would exceed its bound")
	// ErrInvalidAuthority is returned for a zero power or a key that is not an ed25519 point.
	ErrInvalidAuthority = module.NewError(CodespaceAuthority, 5, "InvalidAuthority", "invalid consensus key or power")
)

// Authority is one validator of the set.
type Authority struct {
	Key   [32]byte
	Power uint64
}

func setKey(k [32]byte) []byte     { return append([]byte{Prefix, subSet}, k[:]...) }
func touchedKey(k [32]byte) []byte { return append([]byte{Prefix, subTouched}, k[:]...) }

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// decodePower decodes a stored power; corrupt state panics (the node halts).
func decodePower(k, v []byte) uint64 {
	if len(v) != 8 {
		module.Corrupt(k, fmt.Errorf("authority power of %d bytes", len(v)))
	}
	return binary.BigEndian.Uint64(v)
}

// Power returns key's power in the set, 0 if it is not a member.
func Power(r store.Reader, key [32]byte) uint64 {
	v := r.Get(setKey(key))
	if v == nil {
		return 0
	}
	return decodePower(setKey(key), v)
}

// Set returns the validator set in key order.
func Set(r store.Reader) []Authority {
	pre := []byte{Prefix, subSet}
	it := r.Iterator(pre, store.PrefixEnd(pre))
	defer it.Close()
	var out []Authority
	for ; it.Valid(); it.Next() {
		var a Authority
		copy(a.Key[:], module.KeySuffix(it.Key(), pre, 32))
		a.Power = decodePower(it.Key(), it.Value())
		out = append(out, a)
	}
	return out
}

// TotalPower returns the set's total power.
func TotalPower(r store.Reader) uint64 {
	var t uint64
	for _, a := range Set(r) {
		t += a.Power // bounded by MaxTotalPower when written
	}
	return t
}

// InitGenesis records the genesis validators (CometBFT's, from InitChain).
// It checks the same rules as a change.
func InitGenesis(kv store.KV, set []Authority) error {
	var total uint64
	seen := map[[32]byte]bool{}
	for _, a := range set {
		if err := validate(a.Key, a.Power); err != nil {
			return err
		}
		if seen[a.Key] {
			return module.Wrapf(ErrDuplicateAuthority, "genesis key %X", a.Key)
		}
		seen[a.Key] = true
		total += a.Power
		if total > MaxTotalPower {
			return ErrAuthorityPowerBound
		}
		kv.Set(setKey(a.Key), u64(a.Power))
	}
	return nil
}

// validate checks a key and a power against CometBFT's rules.
func validate(key [32]byte, power uint64) error {
	if power == 0 || power > MaxTotalPower {
		return module.Wrapf(ErrInvalidAuthority, "power %d: want 1..%d", power, MaxTotalPower)
	}
	if !isEd25519Point(key) {
		return module.Wrapf(ErrInvalidAuthority, "key %X is not an ed25519 public key", key)
	}
	return nil
}

// Handle executes the module's calls; it reports false for other calls.
func Handle(ctx *module.Context, call tx.Call) (bool, error) {
	switch c := call.(type) {
	case tx.AddAuthority:
		return true, add(ctx, c.Key, c.Power)
	case tx.RemoveAuthority:
		return true, remove(ctx, c.Key)
	}
	return false, nil
}

// touch records key's power before this block's first change to it.
func touch(kv store.KV, key [32]byte) {
	if !kv.Has(touchedKey(key)) {
		kv.Set(touchedKey(key), u64(Power(kv, key)))
	}
}

func add(ctx *module.Context, key [32]byte, power uint64) error {
	kv := ctx.KV
	if !governance.RootOrigin(ctx) {
		return governance.ErrBadOrigin
	}
	if err := validate(key, power); err != nil {
		return err
	}
	if Power(kv, key) != 0 {
		return module.Wrapf(ErrDuplicateAuthority, "%X", key)
	}
	if total := TotalPower(kv); total+power > MaxTotalPower {
		return module.Wrapf(ErrAuthorityPowerBound, "total %d + %d > %d", total, power, MaxTotalPower)
	}
	touch(kv, key)
	kv.Set(setKey(key), u64(power))
	ctx.Events.Emit("AuthorityAdded", "key", hex.EncodeToString(key[:]), "power", strconv.FormatUint(power, 10))
	return nil
}

func remove(ctx *module.Context, key [32]byte) error {
	kv := ctx.KV
	if !governance.RootOrigin(ctx) {
		return governance.ErrBadOrigin
	}
	if Power(kv, key) == 0 {
		return module.Wrapf(ErrUnknownAuthority, "%X", key)
	}
	if len(Set(kv)) == 1 {
		return ErrEmptyAuthoritySet
	}
	touch(kv, key)
	kv.Delete(setKey(key))
	ctx.Events.Emit("AuthorityRemoved", "key", hex.EncodeToString(key[:]))
	return nil
}

// EndBlock emits one EventValidatorUpdate per key whose power differs from
// its power at the start of the block (a key added and removed in one block
// emits nothing), in key order, and clears the block's record.
func EndBlock(ctx *module.Context) error {
	kv := ctx.KV
	pre := []byte{Prefix, subTouched}
	it := kv.Iterator(pre, store.PrefixEnd(pre))
	type touched struct {
		key    [32]byte
		before uint64
	}
	var ts []touched
	for ; it.Valid(); it.Next() {
		var t touched
		copy(t.key[:], module.KeySuffix(it.Key(), pre, 32))
		t.before = decodePower(it.Key(), it.Value())
		ts = append(ts, t)
	}
	it.Close()
	for _, t := range ts {
		kv.Delete(touchedKey(t.key))
		if now := Power(kv, t.key); now != t.before {
			ctx.Events.Emit(EventValidatorUpdate, "key", hex.EncodeToString(t.key[:]), "power", strconv.FormatUint(now, 10))
		}
	}
	return nil
}

// Update is one change of the set for CometBFT: a key's new power (0: removed).
type Update struct {
	Key   [32]byte
	Power int64
}

// ErrMalformedUpdate is returned by Updates for an EventValidatorUpdate that
// does not decode; EndBlock never emits one, so the caller halts.
var ErrMalformedUpdate = errors.New("authority: malformed validator update event")

// Updates reads the EventValidatorUpdate events among end (other events are
// skipped), in order. A malformed one is an error, never skipped: CometBFT
// would otherwise run with a set that differs from the chain state.
func Updates(end []module.Event) ([]Update, error) {
	var out []Update
	for i, e := range end {
		if e.Type != EventValidatorUpdate {
			continue
		}
		if len(e.Attrs) != 2 || e.Attrs[0].Key != "key" || e.Attrs[1].Key != "power" {
			return nil, fmt.Errorf("%w: event %d has attributes %v", ErrMalformedUpdate, i, e.Attrs)
		}
		b, err := hex.DecodeString(e.Attrs[0].Value)
		if err != nil || len(b) != 32 {
			return nil, fmt.Errorf("%w: event %d key %q", ErrMalformedUpdate, i, e.Attrs[0].Value)
		}
		p, err := strconv.ParseInt(e.Attrs[1].Value, 10, 64)
		if err != nil || p < 0 {
			return nil, fmt.Errorf("%w: event %d power %q", ErrMalformedUpdate, i, e.Attrs[1].Value)
		}
		var u Update
		copy(u.Key[:], b)
		u.Power = p
		out = append(out, u)
	}
	return out, nil
}

// isEd25519Point reports whether key is the encoding of a point of the
// ed25519 curve (CometBFT refuses other public keys).
func isEd25519Point(key [32]byte) bool {
	_, err := new(edwards25519.Point).SetBytes(key[:])
	return err == nil
}
