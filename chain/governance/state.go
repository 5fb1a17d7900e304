package governance

import (
	"encoding/binary"
	"fmt"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Params are the committees' parameters.
type Params struct {
	// MotionDuration is the shortest voting period in blocks (reference: 3,600).
	MotionDuration uint32 `json:"motion_duration"`
	// MaxProposals bounds the motions open at once (reference: 10).
	MaxProposals uint32 `json:"max_proposals"`
	// MaxTriumvirate bounds the triumvirate (reference: 3).
	MaxTriumvirate uint32 `json:"max_triumvirate"`
	// MaxSenate bounds the senate (reference: 12).
	MaxSenate uint32 `json:"max_senate"`
}

// DefaultParams returns the reference's parameters.
func DefaultParams() Params {
	return Params{MotionDuration: 3600, MaxProposals: 10, MaxTriumvirate: 3, MaxSenate: 12}
}

func (p Params) encode() []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint32(b[0:], p.MotionDuration)
	binary.LittleEndian.PutUint32(b[4:], p.MaxProposals)
	binary.LittleEndian.PutUint32(b[8:], p.MaxTriumvirate)
	binary.LittleEndian.PutUint32(b[12:], p.MaxSenate)
	return b
}

// GetParams returns the stored parameters. A chain whose genesis predates
// the module has none and runs with DefaultParams; a record of the wrong
// size is corrupt state and panics.
func GetParams(kv store.Reader) Params {
	v := kv.Get(paramsKey())
	if v == nil {
		return DefaultParams()
	}
	if len(v) != 16 {
		module.Corrupt(paramsKey(), fmt.Errorf("params record has %d bytes, want 16", len(v)))
	}
	return Params{
		MotionDuration: binary.LittleEndian.Uint32(v[0:]),
		MaxProposals:   binary.LittleEndian.Uint32(v[4:]),
		MaxTriumvirate: binary.LittleEndian.Uint32(v[8:]),
		MaxSenate:      binary.LittleEndian.Uint32(v[12:]),
	}
}

// SetParams stores the parameters.
func SetParams(kv store.KV, p Params) { kv.Set(paramsKey(), p.encode()) }

// Motion is an open proposal.
type Motion struct {
	// Hash identifies the motion: tx.ProposalHash of Call.
	Hash [32]byte
	// Index is the motion's sequence number (the proposal count when proposed).
	Index uint32
	// Proposer is the triumvirate member who proposed it.
	Proposer keys.PublicKey
	// Call is dispatched with root origin if the motion passes.
	Call tx.Call
	// Threshold is the ayes needed, fixed at senate size / 2 + 1 when proposed.
	Threshold uint32
	// End is the last block of the voting period.
	End uint64
	// Ayes and Nays are the senate hotkeys that voted, in voting order.
	Ayes, Nays []keys.PublicKey
}

func (m *Motion) encode() []byte {
	var e tx.Encoder
	e.U32(m.Index)
	e.Key(m.Proposer)
	e.ByteSlice(tx.EncodeCall(m.Call))
	e.U32(m.Threshold)
	e.U64(m.End)
	for _, side := range [][]keys.PublicKey{m.Ayes, m.Nays} {
		e.Len(len(side))
		for _, k := range side {
			e.Key(k)
		}
	}
	return e.Bytes()
}

func decodeMotion(key, v []byte) Motion {
	d := tx.NewDecoder(v)
	var m Motion
	copy(m.Hash[:], module.KeySuffix(key, motionPrefix(), len(m.Hash)))
	m.Index = d.U32("index")
	m.Proposer = d.Key("proposer")
	raw := d.ByteSlice("call", tx.MaxProposalBytes)
	m.Threshold = d.U32("threshold")
	m.End = d.U64("end")
	sides := [2][]keys.PublicKey{}
	for i := range sides {
		n := d.Len("votes", 1<<16)
		for j := 0; j < n && d.Err() == nil; j++ {
			sides[i] = append(sides[i], d.Key("voter"))
		}
	}
	m.Ayes, m.Nays = sides[0], sides[1]
	if err := d.Finish(); err != nil {
		module.Corrupt(key, err)
	}
	c, err := tx.DecodeCall(raw)
	if err != nil {
		module.Corrupt(key, err)
	}
	m.Call = c
	return m
}

// GetMotion returns the open motion with hash.
func GetMotion(kv store.Reader, hash [32]byte) (Motion, bool) {
	k := motionKey(hash)
	v := kv.Get(k)
	if v == nil {
		return Motion{}, false
	}
	return decodeMotion(k, v), true
}

func setMotion(kv store.KV, m *Motion) { kv.Set(motionKey(m.Hash), m.encode()) }

// Motions returns the open motions in index order.
func Motions(kv store.Reader) []Motion {
	p := motionPrefix()
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []Motion
	for ; it.Valid(); it.Next() {
		out = append(out, decodeMotion(it.Key(), it.Value()))
	}
	sortMotions(out)
	return out
}

func sortMotions(ms []Motion) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Index < ms[j-1].Index; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// ProposalCount is the number of motions ever proposed (the next index).
func ProposalCount(kv store.Reader) uint32 {
	v := kv.Get(countKey())
	if v == nil {
		return 0
	}
	if len(v) != 4 {
		module.Corrupt(countKey(), fmt.Errorf("count record has %d bytes, want 4", len(v)))
	}
	return binary.LittleEndian.Uint32(v)
}

func setProposalCount(kv store.KV, n uint32) {
	kv.Set(countKey(), binary.LittleEndian.AppendUint32(nil, n))
}

func members(kv store.Reader, p []byte) []keys.PublicKey {
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []keys.PublicKey
	for ; it.Valid(); it.Next() {
		var k keys.PublicKey
		if len(it.Key()) != len(p)+len(k) {
			module.Corrupt(it.Key(), fmt.Errorf("member key has %d bytes", len(it.Key())))
		}
		copy(k[:], it.Key()[len(p):])
		out = append(out, k)
	}
	return out
}

// Triumvirate returns the triumvirate's members in key order.
func Triumvirate(kv store.Reader) []keys.PublicKey { return members(kv, triumviratePrefix()) }

// Senate returns the senate's member hotkeys in key order.
func Senate(kv store.Reader) []keys.PublicKey { return members(kv, senatePrefix()) }

// IsTriumvirate reports whether a is a triumvirate member.
func IsTriumvirate(kv store.Reader, a keys.PublicKey) bool { return kv.Has(triumvirateKey(a)) }

// IsSenator reports whether hotkey holds a senate seat.
func IsSenator(kv store.Reader, hotkey keys.PublicKey) bool { return kv.Has(senateKey(hotkey)) }
