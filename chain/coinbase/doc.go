// Package coinbase schedules and mints each block's emission.
//
// Block emission follows subtensor's get_block_emission_for_issuance: 1 TAO
// per block, halved each time issuance crosses 21M·(1−2^−k). Recycled TAO
// lowers issuance and so delays halvings.
//
// BeginBlock only records the block's scheduled emission. The subnet module
// credits it to subnets' pending emission by their emission values (the
// root-network model of specs/chain.md §1.4) and calls Mint for exactly
// what it credited: emission that no subnet can receive is never issued,
// so a chain without receiving subnets keeps a constant total issuance.
// The pending pool holds issued emission not yet credited to a subnet; it
// is non-zero only when a genesis (an export of an older chain) sets it.
//
// State: 0x03 0x01 → scheduled block emission (u64), 0x03 0x02 → pending pool (u64).
package coinbase
