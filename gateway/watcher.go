package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
)

// Watcher credits deposits from the node's committed blocks.
type Watcher struct {
	Ledger *Ledger
	Node   *client.Client
	Log    *slog.Logger
}

// Process credits the successful transfers of one committed block to the
// deposit addresses they paid. A failed transaction (its call reverted)
// carries no Transfer event and is never credited.
func (w *Watcher) Process(height int64, txs []apitypes.TxOutcome) error {
	for _, t := range txs {
		if !t.Result.OK() {
			continue
		}
		for _, e := range t.Result.Events {
			if e.Type != "Transfer" {
				continue
			}
			from, to, amount := attr(e, "from"), attr(e, "to"), attr(e, "amount")
			if !w.Ledger.IsDeposit(to) {
				continue
			}
			v, err := strconv.ParseUint(amount, 10, 64)
			if err != nil {
				return fmt.Errorf("gateway: block %d tx %s: transfer amount %q: %w", height, t.Hash, amount, err)
			}
			ok, err := w.Ledger.Credit(Deposit{TxHash: t.Hash, From: from, Amount: v, Height: height}, to)
			if err != nil {
				return err
			}
			if ok && w.Log != nil {
				w.Log.Info("deposit credited", "tx", t.Hash, "to", to, "rao", v, "height", height)
			}
		}
	}
	return w.Ledger.SetHeight(height)
}

func attr(e apitypes.Event, key string) string {
	for _, a := range e.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// catchUp processes the committed blocks after the ledger's height up to
// (not including) next, from the node's API.
func (w *Watcher) catchUp(ctx context.Context, next int64) error {
	for h := w.Ledger.Height() + 1; h < next; h++ {
		b, err := w.Node.Block(ctx, h)
		if err != nil {
			var ae *client.APIError
			if errors.As(err, &ae) && ae.Status == 404 {
				// Pruned or not yet there: skip ahead (deposits in pruned
				// blocks must be claimed by hand).
				continue
			}
			return err
		}
		txs := make([]apitypes.TxOutcome, len(b.Txs))
		for i, t := range b.Txs {
			txs[i] = apitypes.TxOutcome{Hash: t.Hash, Result: t.Result}
		}
		if err := w.Process(h, txs); err != nil {
			return err
		}
	}
	return nil
}

// Run follows the node until ctx ends: it subscribes to committed blocks,
// fills any gap since the last processed block from the API (after a
// restart or a dropped connection), and reconnects with backoff.
func (w *Watcher) Run(ctx context.Context) error {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := w.follow(ctx)
		if ctx.Err() != nil {
			break
		}
		if w.Log != nil {
			w.Log.Warn("block stream ended; reconnecting", "err", err, "in", backoff)
		}
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
	return ctx.Err()
}

func (w *Watcher) follow(ctx context.Context) error {
	blocks, err := w.Node.Subscribe(ctx)
	if err != nil {
		return err
	}
	first := true
	for b := range blocks {
		if first && w.Ledger.Height() == 0 {
			// A new ledger: no account existed before this block.
			if err := w.Ledger.SetHeight(b.Height - 1); err != nil {
				return err
			}
		}
		if first || b.Height > w.Ledger.Height()+1 {
			if err := w.catchUp(ctx, b.Height); err != nil {
				return err
			}
			first = false
		}
		if b.Height <= w.Ledger.Height() {
			continue
		}
		if err := w.Process(b.Height, b.Txs); err != nil {
			return err
		}
	}
	return errors.New("gateway: block stream closed")
}
