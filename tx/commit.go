package tx

import (
	"encoding/binary"

	"golang.org/x/crypto/blake2b"

	"github.com/taonet/taonet/keys"
)

// appendCompact appends SCALE's compact encoding of n.
func appendCompact(b []byte, n uint64) []byte {
	switch {
	case n < 1<<6:
		return append(b, byte(n<<2))
	case n < 1<<14:
		return binary.LittleEndian.AppendUint16(b, uint16(n<<2|1))
	case n < 1<<30:
		return binary.LittleEndian.AppendUint32(b, uint32(n<<2|2))
	default:
		var le [8]byte
		binary.LittleEndian.PutUint64(le[:], n)
		l := 8
		for l > 4 && le[l-1] == 0 {
			l--
		}
		b = append(b, byte((l-4)<<2|3))
		return append(b, le[:l]...)
	}
}

func appendU16Vec(b []byte, v []uint16) []byte {
	b = appendCompact(b, uint64(len(v)))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint16(b, x)
	}
	return b
}

// CommitPreimage is the SCALE encoding of (hotkey: AccountId, netuid: u16,
// uids: Vec<u16>, values: Vec<u16>, salt: Vec<u16>, version_key: u64) that
// the reference's get_commit_hash hashes.
func CommitPreimage(hotkey keys.PublicKey, netuid uint16, uids, values, salt []uint16, versionKey uint64) []byte {
	b := append([]byte(nil), hotkey[:]...)
	b = binary.LittleEndian.AppendUint16(b, netuid)
	b = appendU16Vec(b, uids)
	b = appendU16Vec(b, values)
	b = appendU16Vec(b, salt)
	return binary.LittleEndian.AppendUint64(b, versionKey)
}

// CommitHash is blake2b-256 of CommitPreimage: the hash commit_weights
// takes, identical to the reference's BlakeTwo256::hash_of.
func CommitHash(hotkey keys.PublicKey, netuid uint16, uids, values, salt []uint16, versionKey uint64) [32]byte {
	return blake2b.Sum256(CommitPreimage(hotkey, netuid, uids, values, salt, versionKey))
}
