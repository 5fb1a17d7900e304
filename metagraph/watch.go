package metagraph

import (
	"context"
	"time"
)

// WatchOptions configure Watch.
type WatchOptions struct {
	// Every is the number of blocks between syncs: Watch re-syncs when a
	// committed block is at least Every blocks past the snapshot (0 means 1,
	// every block).
	Every uint64
	// Lite syncs without weights and bonds.
	Lite bool
	// OnSync, if set, is called after every sync attempt with the new
	// snapshot or the error (the previous snapshot stays in place).
	OnSync func(s *Snapshot, err error)
	// RetryMin and RetryMax bound the backoff before resubscribing when the
	// block stream fails or ends (defaults 500ms and 30s).
	RetryMin, RetryMax time.Duration
}

// Watch keeps m in sync until ctx ends: it subscribes to committed blocks
// and re-syncs when a block is Every blocks past the current snapshot (and
// once at the start). When the stream breaks it resubscribes with
// exponential backoff. It returns ctx's error.
func (m *Metagraph) Watch(ctx context.Context, o WatchOptions) error {
	every := max(o.Every, 1)
	lo, hi := o.RetryMin, o.RetryMax
	if lo <= 0 {
		lo = 500 * time.Millisecond
	}
	if hi < lo {
		hi = max(30*time.Second, lo)
	}
	sync := func() {
		err := m.Sync(ctx, o.Lite)
		if o.OnSync != nil && ctx.Err() == nil {
			o.OnSync(m.Snapshot(), err)
		}
	}
	backoff := lo
	for {
		blocks, err := m.src.Subscribe(ctx)
		if err == nil {
			backoff = lo
			sync() // catch up on what happened while not subscribed
			for b := range blocks {
				if b.Height >= m.Block()+int64(every) {
					sync()
				}
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		backoff = min(2*backoff, hi)
	}
}
