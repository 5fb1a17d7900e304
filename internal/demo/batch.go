package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// batch submits transactions without waiting, numbering each signer's
// nonces locally so that one signer's calls land in order in the same
// block, then waits for all of them.
type batch struct {
	c       *client.Client
	chainID string
	nonces  map[keys.PublicKey]uint64
	pending []pendingTx
}

type pendingTx struct{ hash, what string }

func newBatch(c *client.Client, chainID string) *batch {
	return &batch{c: c, chainID: chainID, nonces: map[keys.PublicKey]uint64{}}
}

// add signs call with kp at its next nonce and submits it. what names the
// call in errors.
func (b *batch) add(ctx context.Context, kp *keys.Keypair, call tx.Call, what string) error {
	pk := kp.Public()
	n, ok := b.nonces[pk]
	if !ok {
		acct, err := b.c.Account(ctx, kp.SS58())
		if err != nil {
			return fmt.Errorf("demo: %s: %w", what, err)
		}
		n = acct.NextNonce
	}
	t := &tx.Tx{ChainID: b.chainID, Nonce: n, Call: call}
	if err := t.Sign(kp); err != nil {
		return fmt.Errorf("demo: %s: %w", what, err)
	}
	resp, err := b.c.Submit(ctx, t.Encode(), false)
	if err != nil {
		return fmt.Errorf("demo: %s: %w", what, err)
	}
	b.nonces[pk] = n + 1
	b.pending = append(b.pending, pendingTx{hash: resp.Hash, what: what})
	return nil
}

// wait polls until every submitted transaction is in a block, within
// timeout. A transaction that failed in its block is an ErrTxFailed.
func (b *batch) wait(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for _, p := range b.pending {
		for {
			info, err := b.c.Tx(ctx, p.hash)
			if err == nil {
				if !info.Result.OK() {
					return fmt.Errorf("%w: %s: %s %s", ErrTxFailed, p.what, info.Result.Error, info.Result.Log)
				}
				break
			}
			if !errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("demo: %s: %w", p.what, err)
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("demo: waiting for %s: %w", p.what, ctx.Err())
			case <-t.C:
			}
		}
	}
	b.pending = b.pending[:0]
	return nil
}
