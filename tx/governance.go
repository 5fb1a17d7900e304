package tx

import (
	"fmt"

	"golang.org/x/crypto/blake2b"

	"github.com/taonet/taonet/keys"
)

// Governance module indices: the reference runtime's pallet indices.
const (
	// ModuleTriumvirate holds motions (the reference's Triumvirate collective).
	ModuleTriumvirate uint8 = 8
	// ModuleTriumvirateMembers holds triumvirate membership (pallet_membership).
	ModuleTriumvirateMembers uint8 = 9
	// ModuleSudo holds the sudo key's own calls (pallet_sudo).
	ModuleSudo uint8 = 12
)

// Governance call indices (the reference's call indices in each pallet).
const (
	CallPropose      uint8 = 2  // Triumvirate.propose
	CallClose        uint8 = 6  // Triumvirate.close
	CallAddMember    uint8 = 0  // TriumvirateMembers.add_member
	CallRemoveMember uint8 = 1  // TriumvirateMembers.remove_member
	CallRemoveKey    uint8 = 4  // Sudo.remove_key
	CallVote         uint8 = 55 // SubtensorModule.vote
	CallAdjustSenate uint8 = 63 // SubtensorModule.adjust_senate
)

// MaxProposalBytes bounds the encoded call a motion carries.
const MaxProposalBytes = 16 << 10

// Propose opens a motion to dispatch Proposal with root origin, open for
// Duration blocks (Triumvirate.propose; signed by a triumvirate member).
type Propose struct {
	Proposal Call
	Duration uint32
}

// Close ends a motion (Triumvirate.close; anyone may sign it): early once
// its outcome is certain, otherwise after its voting period.
type Close struct {
	ProposalHash  [32]byte
	ProposalIndex uint32
}

// Vote records a senate member's vote on a motion (SubtensorModule.vote;
// signed by the coldkey that owns Hotkey, the senate seat).
type Vote struct {
	Hotkey        keys.PublicKey
	ProposalHash  [32]byte
	ProposalIndex uint32
	Approve       bool
}

// AdjustSenate asks for Hotkey, a root validator, to take a senate seat
// (SubtensorModule.adjust_senate; signed by its coldkey).
type AdjustSenate struct{ Hotkey keys.PublicKey }

// AddTriumvirateMember adds Who to the triumvirate (root origin).
type AddTriumvirateMember struct{ Who keys.PublicKey }

// RemoveTriumvirateMember removes Who from the triumvirate (root origin).
type RemoveTriumvirateMember struct{ Who keys.PublicKey }

// RemoveSudoKey retires the sudo key for good (Sudo.remove_key; signed by sudo).
type RemoveSudoKey struct{}

// EncodeCall returns the canonical encoding of c on its own: module, call
// index, then its fields (the tail of a transaction's sign bytes).
func EncodeCall(c Call) []byte {
	var e Encoder
	e.U8(c.Module())
	e.U8(c.Index())
	c.EncodeFields(&e)
	return e.Bytes()
}

// DecodeCall parses a call encoded by EncodeCall, rejecting trailing bytes.
func DecodeCall(b []byte) (Call, error) {
	d := NewDecoder(b)
	c := decodeCall(d)
	if err := d.Finish(); err != nil {
		return nil, err
	}
	return c, nil
}

// ProposalHash is the identity of a motion's call: BLAKE2b-256 of its
// canonical encoding (the reference hashes the SCALE-encoded call with
// BlakeTwo256).
func ProposalHash(c Call) [32]byte { return blake2b.Sum256(EncodeCall(c)) }

// decodeCall reads a nested call: module, index and fields. A decode
// failure is recorded in d.
func decodeCall(d *Decoder) Call {
	mod, idx := d.U8("module"), d.U8("call")
	if d.Err() != nil {
		return nil
	}
	spec, ok := registry[callKey(mod, idx)]
	if !ok {
		d.Fail(fmt.Errorf("%w: module %d call %d", ErrUnknownCall, mod, idx))
		return nil
	}
	return spec.decode(d)
}

// Module implements Call.
func (Propose) Module() uint8 { return ModuleTriumvirate }

// Index implements Call.
func (Propose) Index() uint8 { return CallPropose }

// Name implements Call.
func (Propose) Name() string { return "Triumvirate.propose" }

// EncodeFields implements Call: the proposal as a length-prefixed call, then the duration.
func (c Propose) EncodeFields(e *Encoder) {
	e.ByteSlice(EncodeCall(c.Proposal))
	e.U32(c.Duration)
}

// Module implements Call.
func (Close) Module() uint8 { return ModuleTriumvirate }

// Index implements Call.
func (Close) Index() uint8 { return CallClose }

// Name implements Call.
func (Close) Name() string { return "Triumvirate.close" }

// EncodeFields implements Call.
func (c Close) EncodeFields(e *Encoder) { e.Fixed(c.ProposalHash[:]); e.U32(c.ProposalIndex) }

// Module implements Call.
func (Vote) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (Vote) Index() uint8 { return CallVote }

// Name implements Call.
func (Vote) Name() string { return "SubtensorModule.vote" }

// EncodeFields implements Call.
func (c Vote) EncodeFields(e *Encoder) {
	e.Key(c.Hotkey)
	e.Fixed(c.ProposalHash[:])
	e.U32(c.ProposalIndex)
	e.Bool(c.Approve)
}

// Module implements Call.
func (AdjustSenate) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (AdjustSenate) Index() uint8 { return CallAdjustSenate }

// Name implements Call.
func (AdjustSenate) Name() string { return "SubtensorModule.adjust_senate" }

// EncodeFields implements Call.
func (c AdjustSenate) EncodeFields(e *Encoder) { e.Key(c.Hotkey) }

// Module implements Call.
func (AddTriumvirateMember) Module() uint8 { return ModuleTriumvirateMembers }

// Index implements Call.
func (AddTriumvirateMember) Index() uint8 { return CallAddMember }

// Name implements Call.
func (AddTriumvirateMember) Name() string { return "TriumvirateMembers.add_member" }

// EncodeFields implements Call.
func (c AddTriumvirateMember) EncodeFields(e *Encoder) { e.Key(c.Who) }

// Module implements Call.
func (RemoveTriumvirateMember) Module() uint8 { return ModuleTriumvirateMembers }

// Index implements Call.
func (RemoveTriumvirateMember) Index() uint8 { return CallRemoveMember }

// Name implements Call.
func (RemoveTriumvirateMember) Name() string { return "TriumvirateMembers.remove_member" }

// EncodeFields implements Call.
func (c RemoveTriumvirateMember) EncodeFields(e *Encoder) { e.Key(c.Who) }

// Module implements Call.
func (RemoveSudoKey) Module() uint8 { return ModuleSudo }

// Index implements Call.
func (RemoveSudoKey) Index() uint8 { return CallRemoveKey }

// Name implements Call.
func (RemoveSudoKey) Name() string { return "Sudo.remove_key" }

// EncodeFields implements Call (no fields).
func (RemoveSudoKey) EncodeFields(*Encoder) {}

func init() {
	Register(ModuleTriumvirate, CallPropose, Propose{}.Name(), func(d *Decoder) Call {
		raw := d.ByteSlice("proposal", MaxProposalBytes)
		dur := d.U32("duration")
		if d.Err() != nil {
			return Propose{}
		}
		inner, err := DecodeCall(raw)
		if err != nil {
			d.Fail(fmt.Errorf("proposal: %w", err))
			return Propose{}
		}
		if _, nested := inner.(Propose); nested {
			d.Fail(fmt.Errorf("%w: a proposal may not propose", ErrUnknownCall))
			return Propose{}
		}
		return Propose{Proposal: inner, Duration: dur}
	})
	Register(ModuleTriumvirate, CallClose, Close{}.Name(), func(d *Decoder) Call {
		var c Close
		copy(c.ProposalHash[:], d.Fixed("proposal_hash", 32))
		c.ProposalIndex = d.U32("index")
		return c
	})
	Register(ModuleSubtensor, CallVote, Vote{}.Name(), func(d *Decoder) Call {
		var c Vote
		c.Hotkey = d.Key("hotkey")
		copy(c.ProposalHash[:], d.Fixed("proposal_hash", 32))
		c.ProposalIndex = d.U32("index")
		c.Approve = d.Bool("approve")
		return c
	})
	Register(ModuleSubtensor, CallAdjustSenate, AdjustSenate{}.Name(), func(d *Decoder) Call {
		return AdjustSenate{Hotkey: d.Key("hotkey")}
	})
	Register(ModuleTriumvirateMembers, CallAddMember, AddTriumvirateMember{}.Name(), func(d *Decoder) Call {
		return AddTriumvirateMember{Who: d.Key("who")}
	})
	Register(ModuleTriumvirateMembers, CallRemoveMember, RemoveTriumvirateMember{}.Name(), func(d *Decoder) Call {
		return RemoveTriumvirateMember{Who: d.Key("who")}
	})
	Register(ModuleSudo, CallRemoveKey, RemoveSudoKey{}.Name(), func(*Decoder) Call { return RemoveSudoKey{} })
}
