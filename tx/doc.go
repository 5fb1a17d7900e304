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
// Every transaction pays the chain's base fee plus its tip, except the
// calls the reference (classic 2024 runtime) dispatches with Pays::No,
// which pay only their tip and rely on rate limits, registration and
// proof of work instead:
//
//	SubtensorModule  set_weights, commit_weights, reveal_weights,
//	                 set_root_weights, become_delegate, decrease_take,
//	                 increase_take, add_stake, remove_stake, serve_axon,
//	                 serve_prometheus, register (PoW), burned_register,
//	                 root_register, register_network, dissolve_network,
//	                 swap_hotkey, swap_coldkey
//	AdminUtils       sudo_set_tx_rate_limit, sudo_set_adjustment_alpha,
//	                 sudo_set_network_registration_allowed,
//	                 sudo_set_network_pow_registration_allowed,
//	                 sudo_set_subnet_owner_cut, sudo_set_network_rate_limit,
//	                 sudo_set_network_immunity_period,
//	                 sudo_set_network_min_lock_cost, sudo_set_subnet_limit,
//	                 sudo_set_lock_reduction_interval,
//	                 sudo_set_stake_threshold (weights_min_stake),
//	                 sudo_set_tx_delegate_take_rate_limit,
//	                 sudo_set_min_delegate_take,
//	                 sudo_set_coldkey_swap_schedule_duration,
//	                 sudo_set_liquid_alpha_enabled, sudo_set_alpha_values
//
// Everything else pays: transfers, the other AdminUtils setters, and the
// committees' calls (propose, close, vote, adjust_senate, membership,
// Sudo.remove_key). tx.PaysFee answers for a call.
//
// Provenance: the list is the Pays::No set of opentensor/subtensor's
// pallets/subtensor/src/macros/dispatches.rs and pallets/admin-utils/src/lib.rs
// at 28780d9 (December 2024) and 8f39a58 (February 2025, the last runtime
// with set_root_weights and become_delegate); both give the same set for
// the calls above (schedule_dissolve_network, schedule_swap_coldkey,
// adjust_senate and vote are Pays::Yes there). The reference has since moved on: at 14bc6f9 (June
// 2026) add_stake, remove_stake, register (no longer proof of work),
// burned_register, root_register, register_network and dissolve_network
// pay, and no AdminUtils call is Pays::No. taonet keeps the classic set,
// matching the classic calls it implements; following HEAD instead would
// be a fee-schedule change (a hard fork once a network has history).
//
// A transaction that passes the ante (decode, chain id, nonce, signature,
// fee) and then fails in its call is still included: it pays its fee, uses
// its nonce and records its error and an ExtrinsicFailed event; only the
// call's own writes are dropped. The mempool refuses such a transaction
// whole, so it reaches a block only when an earlier transaction of the
// same block made it fail.
//
// The package is deterministic and free of I/O.
package tx
