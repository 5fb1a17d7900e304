package app

import (
	"context"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/snapshot"
)

// SetSnapshots makes the app take snapshots with m (every m.Interval()
// blocks, at Commit) and serve them to peers. Call it before the node starts.
func (a *App) SetSnapshots(m *snapshot.Manager) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.snaps = m
}

// SetRetainBlocks makes the app ask CometBFT to prune blocks older than the
// last n (0 keeps every block). Blocks above the oldest snapshot served are
// kept whatever n is. Call it before the node starts.
func (a *App) SetRetainBlocks(n int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.retainBlocks = n
}

// OnRestored registers fn to be called (synchronously, in
// ApplySnapshotChunk, under the app's lock: fn must not call the app) with
// the height of a snapshot once state sync restored it.
func (a *App) OnRestored(fn func(height int64)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.onRestored = append(a.onRestored, fn)
}

// Restoring reports whether a state-sync snapshot is being restored.
func (a *App) Restoring() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.restorer.InProgress()
}

// StateSyncHeight returns the height of the snapshot this app restored
// since it started, 0 if none.
func (a *App) StateSyncHeight() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.restorer.Restored()
}

// ListSnapshots implements abci.Application.
func (a *App) ListSnapshots(context.Context, *abci.RequestListSnapshots) (*abci.ResponseListSnapshots, error) {
	a.mu.Lock()
	m := a.snaps
	a.mu.Unlock()
	if m == nil {
		return &abci.ResponseListSnapshots{}, nil
	}
	list, err := m.List()
	if err != nil {
		return nil, fmt.Errorf("app: list snapshots: %w", err)
	}
	return &abci.ResponseListSnapshots{Snapshots: list}, nil
}

// LoadSnapshotChunk implements abci.Application. An unknown chunk is
// answered empty, which CometBFT reports to the asking peer as missing.
func (a *App) LoadSnapshotChunk(_ context.Context, req *abci.RequestLoadSnapshotChunk) (*abci.ResponseLoadSnapshotChunk, error) {
	a.mu.Lock()
	m := a.snaps
	a.mu.Unlock()
	if m == nil {
		return &abci.ResponseLoadSnapshotChunk{}, nil
	}
	b, err := m.LoadChunk(req.Height, req.Format, req.Chunk)
	if err != nil {
		return &abci.ResponseLoadSnapshotChunk{}, nil
	}
	return &abci.ResponseLoadSnapshotChunk{Chunk: b}, nil
}

// OfferSnapshot implements abci.Application: a snapshot is accepted into an
// empty store when its metadata names the app hash the light client trusts.
func (a *App) OfferSnapshot(_ context.Context, req *abci.RequestOfferSnapshot) (*abci.ResponseOfferSnapshot, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.restorer.Offer(req), nil
}

// ApplySnapshotChunk implements abci.Application. After the last chunk the
// restored state is the committed state at the snapshot's height; the
// mempool then checks against it.
func (a *App) ApplySnapshotChunk(_ context.Context, req *abci.RequestApplySnapshotChunk) (*abci.ResponseApplySnapshotChunk, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	resp, done, err := a.restorer.Apply(req)
	if err != nil {
		return nil, fmt.Errorf("app: apply snapshot chunk %d: %w", req.Index, err)
	}
	if done {
		a.pending, a.block = nil, nil
		a.check = a.db.Begin()
		a.prepareCheck(a.db.Version() + 1)
		for _, fn := range a.onRestored {
			fn(a.restorer.Restored())
		}
	}
	return resp, nil
}
