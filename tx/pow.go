package tx

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math/bits"

	"golang.org/x/crypto/sha3"

	"github.com/taonet/taonet/keys"
)

// SealHash is the reference's create_seal_hash:
// keccak256(sha256(nonce_le ‖ keccak256(block_hash ‖ hotkey))).
func SealHash(blockHash []byte, hotkey keys.PublicKey, nonce uint64) [32]byte {
	return NewSealer(blockHash, hotkey).Seal(nonce)
}

// Sealer computes SealHash for one block hash and hotkey over many nonces,
// hashing keccak256(block_hash ‖ hotkey) once. A solver keeps one per
// goroutine: a Sealer is not safe for concurrent use.
type Sealer struct {
	full [40]byte // nonce_le ‖ keccak256(block_hash ‖ hotkey)
	k    hash.Hash
}

// NewSealer returns a Sealer for blockHash and hotkey.
func NewSealer(blockHash []byte, hotkey keys.PublicKey) *Sealer {
	s := &Sealer{k: sha3.NewLegacyKeccak256()}
	s.k.Write(blockHash)
	s.k.Write(hotkey[:])
	s.k.Sum(s.full[8:8])
	return s
}

// Seal returns SealHash(blockHash, hotkey, nonce).
func (s *Sealer) Seal(nonce uint64) (out [32]byte) {
	binary.LittleEndian.PutUint64(s.full[:8], nonce)
	h := sha256.Sum256(s.full[:])
	s.k.Reset()
	s.k.Write(h[:])
	s.k.Sum(out[:0])
	return out
}

// MeetsDifficulty is the reference's hash_meets_difficulty: the seal read as
// a big-endian 256-bit integer (U256::from(&[u8]), byte 0 highest, as
// bittensor's solver's int.from_bytes(seal, "big")) times difficulty must
// not overflow 2^256.
func MeetsDifficulty(seal [32]byte, difficulty uint64) bool {
	var carry uint64
	for i := range 4 { // least significant 64-bit limb first: the seal's last 8 bytes
		limb := binary.BigEndian.Uint64(seal[24-8*i:])
		hi, lo := bits.Mul64(limb, difficulty)
		var c uint64
		_, c = bits.Add64(lo, carry, 0)
		carry = hi + c
	}
	return carry == 0
}

// SolvePow searches nonces from start for a seal meeting difficulty, trying
// at most tries nonces. It is for tools and tests (the chain only verifies).
func SolvePow(blockHash []byte, hotkey keys.PublicKey, difficulty, start, tries uint64) (nonce uint64, seal [32]byte, ok bool) {
	sealer := NewSealer(blockHash, hotkey)
	for n := start; n < start+tries; n++ {
		s := sealer.Seal(n)
		if MeetsDifficulty(s, difficulty) {
			return n, s, true
		}
	}
	return 0, [32]byte{}, false
}
