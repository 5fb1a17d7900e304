package store

import (
	"encoding/binary"
	"io"

	"golang.org/x/crypto/blake2b"
)

// LtHash parameters. Changing any of them (or the pair encoding) changes
// every app hash: it is a consensus-breaking change.
const (
	// ltLanes is the number of uint16 lanes of an LtHash vector.
	ltLanes = 1024
	// ltBytes is the size of an encoded LtHash vector (little-endian lanes).
	ltBytes = 2 * ltLanes
	// ltDomain separates pair hashing from every other use of BLAKE2b.
	ltDomain = "taonet/store/lthash/v1"
)

// ltDomainBytes is ltDomain as bytes, converted once.
var ltDomainBytes = []byte(ltDomain)

// ltHash is a lattice multiset hash accumulator: the lane-wise sum mod 2^16
// of the vectors of the (key, value) pairs it holds. The zero value is the
// empty set. Adding and removing pairs commute, so the accumulator depends
// only on the multiset of pairs, never on the order of updates.
type ltHash [ltLanes]uint16

// pairHasher computes pair vectors, reusing its XOF and output buffer. It
// is not safe for concurrent use.
type pairHasher struct {
	x   blake2b.XOF
	n   [8]byte
	out [ltBytes]byte
}

func newPairHasher() *pairHasher {
	x, err := blake2b.NewXOF(ltBytes, nil)
	if err != nil {
		panic("store: blake2b xof: " + err.Error()) // unreachable: fixed valid size
	}
	return &pairHasher{x: x}
}

// vector returns the LtHash vector of (key, value): ltBytes bytes of the
// BLAKE2b XOF (BLAKE2X, unkeyed, output length ltBytes) over
//
//	ltDomain ‖ uint64be(len(key)) ‖ key ‖ uint64be(len(value)) ‖ value
//
// read as ltLanes little-endian uint16 lanes. The result is overwritten by
// the next call.
func (p *pairHasher) vector(key, value []byte) *[ltBytes]byte {
	p.x.Reset()
	p.x.Write(ltDomainBytes)
	binary.BigEndian.PutUint64(p.n[:], uint64(len(key)))
	p.x.Write(p.n[:])
	p.x.Write(key)
	binary.BigEndian.PutUint64(p.n[:], uint64(len(value)))
	p.x.Write(p.n[:])
	p.x.Write(value)
	if _, err := io.ReadFull(p.x, p.out[:]); err != nil {
		panic("store: blake2b xof: " + err.Error()) // unreachable: reads exactly ltBytes
	}
	return &p.out
}

// add adds the pair (key, value) to h.
func (h *ltHash) add(p *pairHasher, key, value []byte) { h.addVector(p.vector(key, value)) }

// sub removes the pair (key, value) from h.
func (h *ltHash) sub(p *pairHasher, key, value []byte) { h.subVector(p.vector(key, value)) }

// addVector adds a pair's vector to h.
func (h *ltHash) addVector(v *[ltBytes]byte) {
	for i := range h {
		h[i] += binary.LittleEndian.Uint16(v[2*i:])
	}
}

// subVector removes a pair's vector from h.
func (h *ltHash) subVector(v *[ltBytes]byte) {
	for i := range h {
		h[i] -= binary.LittleEndian.Uint16(v[2*i:])
	}
}

// bytes returns the little-endian encoding of h.
func (h *ltHash) bytes() []byte {
	b := make([]byte, ltBytes)
	for i, l := range h {
		binary.LittleEndian.PutUint16(b[2*i:], l)
	}
	return b
}

// setBytes decodes b (ltBytes long) into h.
func (h *ltHash) setBytes(b []byte) {
	for i := range h {
		h[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
}

// sum returns the app hash of h: BLAKE2b-256 of its encoding.
func (h *ltHash) sum() []byte {
	s := blake2b.Sum256(h.bytes())
	return s[:]
}
