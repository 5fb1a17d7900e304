// Package faultsuite runs a taonet network as separate OS processes on
// loopback and breaks it under load: four validators and a full node from
// "taonet testnet init", a steady load of signed transfers spread over
// every node, and three faults:
//
//  1. kill -9 one validator mid-load and restart it;
//  2. replace the full node by one that joins by state sync ("taonet join
//     --state-sync"), kill -9 it during state sync, restart it;
//  3. kill -9 every node at once and restart them all.
//
// After each fault the load is drained and Check verifies, on every node,
// that every transaction any node accepted is committed exactly once, that
// the balances add up to the total issuance and that all nodes agree on
// the block and app hash at every height they share.
//
// The load behaves as a careful wallet: one transaction in flight per
// sender, resubmitted as the same signed bytes (never re-signed) to
// another node until it is seen committed, so a transaction lost with a
// killed node's mempool is not lost to its sender.
//
// The short form runs in "go test ./internal/faultsuite" (skipped with
// -short); -fault.long (or TAONET_FAULT_LONG=1) runs more load and more
// rounds of each fault, as scripts/faults.sh does. docs/faults.md has the
// measured figures.
package faultsuite
