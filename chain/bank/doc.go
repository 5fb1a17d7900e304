// Package bank keeps free balances in rao and the total issuance, and
// executes the Balances calls (transfer_allow_death, transfer_keep_alive)
// with substrate's existential-deposit rules.
//
// State (prefix 0x01, see keys.go):
//
//	0x01 0x01 ‖ account(32) → free balance, u64 LE (absent = 0)
//	0x01 0x02              → total issuance, u64 LE
//	0x01 0x03              → existential deposit, u64 LE
//
// Invariant: total issuance equals the sum of all balances plus everything
// other modules hold on the chain's books (stake, pending emission, locks);
// those modules move value with Mint, Recycle, Debit and Credit only.
package bank
