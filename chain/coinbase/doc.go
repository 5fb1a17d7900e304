// Package coinbase mints each block's emission.
//
// Block emission follows subtensor's get_block_emission_for_issuance: 1 TAO
// per block, halved each time issuance crosses 21M·(1−2^−k). Recycled TAO
// lowers issuance and so delays halvings.
//
// Until subnets take the emission (the root-network model of specs/chain.md
// §1.4), each block's emission is minted into a chain-level pending pool
// that the subnet module drains.
//
// State: 0x03 0x01 → block emission (u64), 0x03 0x02 → pending emission (u64).
package coinbase
