// Package tx defines taonet's wire types: the signed transaction envelope, the
// calls it carries, and their canonical binary encoding.
//
// # Encoding
//
// Every value has exactly one encoding, and decoding rejects anything else
// (truncation, trailing bytes, non-minimal varints, oversize lengths):
//
//	u8/u16/u32/u64   fixed width, little endian
//	bool             one byte, 0 or 1
//	bytes, string    uvarint length (minimal) then the bytes
//	[]u16            uvarint count then count×u16
//	public key       32 raw bytes
//
// A transaction is
//
//	version   u8 = 1
//	chain_id  string (≤ 64 bytes)
//	signer    32-byte sr25519 public key
//	nonce     u64
//	tip       u64 (rao, paid on top of the chain's base fee)
//	call      u8 module, u8 call index, then the call's fields in order
//	signature 64 bytes
//
// The signature covers every byte before it (the "sign bytes"), signed with
// sr25519 under substrate's signing context "substrate". A whole transaction
// is at most MaxTxBytes long.
//
// Module and call indices are stable: never renumber them. Calls of the
// SubtensorModule keep subtensor's call_index.
//
// The package is deterministic and free of I/O.
package tx
