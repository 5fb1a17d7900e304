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
// # Fees
//
// A transaction pays the chain's base fee plus its tip, taken before its
// call runs; a call that then fails still pays and still uses its nonce.
// The calls that subtensor declares Pays::No pay only their tip (they
// implement FeeExempt). The list follows pallets/subtensor/src/macros/
// dispatches.rs of opentensor/subtensor at HEAD (checked at 14bc6f9, June
// 2026) for calls that exist there with the same meaning, and the last
// version that had the call otherwise (e2b8367~1, February 2025, the
// classic calls taonet keeps):
//
//	call_index  call                 source
//	  0         set_weights          HEAD
//	 96         commit_weights       HEAD
//	 97         reveal_weights       HEAD
//	  4         serve_axon           HEAD
//	  5         serve_prometheus     HEAD
//	 65         decrease_take        HEAD
//	 66         increase_take        HEAD
//	  6         register (PoW)       Feb 2025 (at HEAD register is a burned registration without work, Pays::Yes)
//	  8         set_root_weights     Feb 2025 (removed at HEAD)
//	  1         become_delegate      Feb 2025 (removed at HEAD)
//
// Every other call pays the base fee: add_stake, remove_stake,
// burned_register, register_network, dissolve_network and root_register
// (Pays::Yes at HEAD; they were Pays::No in February 2025 and the
// reference moved them to paying), Balances transfers, and every
// AdminUtils call (no Pays::No in pallets/admin-utils at HEAD).
//
// The package is deterministic and free of I/O.
package tx
