package faultsuite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taonet/taonet/client"
)

// WaitHeight waits until every running node of nodes is at least at h
// and returns the lowest height they report.
func WaitHeight(ctx context.Context, nodes []*Node, h int64, timeout time.Duration) (int64, error) {
	deadline := time.Now().Add(timeout)
	for {
		low, ok := int64(-1), true
		for _, n := range nodes {
			st, err := n.Client().Status(ctx)
			if err != nil || st.Height < h {
				ok = false
				break
			}
			if low < 0 || st.Height < low {
				low = st.Height
			}
		}
		if ok {
			return low, nil
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("faultsuite: nodes not all at height %d within %s", h, timeout)
		}
		sleep(ctx, 200*time.Millisecond)
	}
}

// WaitCaughtUp waits until n reports "caught_up".
func WaitCaughtUp(ctx context.Context, n *Node, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		st, err := n.Client().Status(ctx)
		if err == nil && st.Sync == "caught_up" {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("faultsuite: %s not caught up within %s (last status %+v, err %v)", n.Name, timeout, st, err)
		}
		sleep(ctx, 200*time.Millisecond)
	}
}

// Observe reads each node's blocks up to height upTo, the balances of
// addrs and the total issuance. The load must have stopped and every node
// must be at upTo or above with no transaction after it.
func Observe(ctx context.Context, nodes []*Node, upTo int64, addrs []string) ([]NodeView, error) {
	var views []NodeView
	for _, n := range nodes {
		c := n.Client()
		v := NodeView{Name: n.Name, Blocks: map[int64]BlockView{}, Balances: map[string]uint64{}}
		for h := upTo; h >= 1; h-- {
			b, err := c.Block(ctx, h)
			if err != nil {
				var ae *client.APIError
				if errors.As(err, &ae) && ae.Status == 404 {
					break // below the node's base
				}
				return nil, fmt.Errorf("faultsuite: %s block %d: %w", n.Name, h, err)
			}
			bv := BlockView{Hash: b.Hash, AppHash: b.AppHash}
			for _, t := range b.Txs {
				bv.Txs = append(bv.Txs, t.Hash)
			}
			v.Blocks[h] = bv
			v.Base = h
		}
		for _, a := range addrs {
			bal, err := c.Balance(ctx, a)
			if err != nil {
				return nil, fmt.Errorf("faultsuite: %s balance: %w", n.Name, err)
			}
			v.Balances[a] = bal
		}
		st, err := c.Status(ctx)
		if err != nil {
			return nil, err
		}
		v.TotalIssuance = st.TotalIssuance
		for _, h := range sortedHeights(v.Blocks) {
			for _, hash := range v.Blocks[h].Txs {
				if t, err := c.Tx(ctx, hash); err != nil || t.Height != h {
					v.Unindexed = append(v.Unindexed, hash)
				}
			}
		}
		views = append(views, v)
	}
	return views, nil
}
