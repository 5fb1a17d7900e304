package faultsuite

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrFault is returned by Check when the network broke a promise.
var ErrFault = errors.New("faultsuite: fault found")

// NodeView is what one node reports: its blocks from its lowest available
// height, its balances and its total issuance, read once the load stopped.
type NodeView struct {
	Name string
	// Base is the node's lowest block (1, or the height after a restored snapshot).
	Base int64
	// Blocks are the node's blocks from Base on, by height.
	Blocks map[int64]BlockView
	// Balances are the balances of the accounts the suite knows, by address.
	Balances map[string]uint64
	// TotalIssuance is the chain's total issuance.
	TotalIssuance uint64
	// Unindexed are txs of the node's blocks its GET /v1/tx does not find.
	Unindexed []string
}

// BlockView is one block as a node serves it.
type BlockView struct {
	Hash, AppHash string
	Txs           []string // tx hashes in block order
}

// Check verifies the promises over views, for the transactions in
// accepted (hashes any node accepted). Every node must hold every accepted
// tx exactly once: in its own blocks, or, for a node whose history starts
// later (state sync), in a block below its base on the nodes that have it.
// Balances must be equal on every node and add up to the total issuance
// (the network's only TAO is in the accounts the suite knows). Every
// height two nodes share must have the same block and app hash.
func Check(accepted []string, views []NodeView) error {
	var problems []string
	fail := func(format string, args ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	// Agreement on every shared height.
	type first struct{ node, hash, app string }
	seen := map[int64]first{}
	for _, v := range views {
		for _, h := range sortedHeights(v.Blocks) {
			b := v.Blocks[h]
			if f, ok := seen[h]; ok {
				if f.hash != b.Hash || f.app != b.AppHash {
					fail("height %d: %s has block %s app %s, %s has block %s app %s", h, f.node, short(f.hash), short(f.app), v.Name, short(b.Hash), short(b.AppHash))
				}
				continue
			}
			seen[h] = first{v.Name, b.Hash, b.AppHash}
		}
	}
	// Where each tx is committed, by the node with the fullest history.
	committedAt := map[string]int64{}
	for _, v := range views {
		for h, b := range v.Blocks {
			for _, tx := range b.Txs {
				if old, ok := committedAt[tx]; !ok || h < old {
					committedAt[tx] = h
				}
			}
		}
	}
	for _, v := range views {
		count := map[string]int{}
		for _, b := range v.Blocks {
			for _, tx := range b.Txs {
				count[tx]++
			}
		}
		for tx, n := range count {
			if n > 1 {
				fail("%s: tx %s committed %d times", v.Name, short(tx), n)
			}
		}
		for _, tx := range v.Unindexed {
			fail("%s: tx %s is in a block but GET /v1/tx does not find it", v.Name, short(tx))
		}
		for _, tx := range accepted {
			if count[tx] == 1 {
				continue
			}
			if h, ok := committedAt[tx]; ok && h < v.Base {
				continue // below this node's restored snapshot
			}
			fail("%s: accepted tx %s is not committed", v.Name, short(tx))
		}
	}
	// Balances.
	for i, v := range views {
		var sum uint64
		for _, b := range v.Balances {
			sum += b
		}
		if sum != v.TotalIssuance {
			fail("%s: balances add up to %d, total issuance is %d", v.Name, sum, v.TotalIssuance)
		}
		if i == 0 {
			continue
		}
		for addr, b := range v.Balances {
			if w := views[0].Balances[addr]; w != b {
				fail("%s: balance of %s is %d, %s says %d", v.Name, short(addr), b, views[0].Name, w)
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w:\n  %s", ErrFault, strings.Join(problems, "\n  "))
	}
	return nil
}

func sortedHeights(m map[int64]BlockView) []int64 {
	out := make([]int64, 0, len(m))
	for h := range m {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
