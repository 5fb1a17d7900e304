package snapshot

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/store"
)

// Restorer restores an offered snapshot into an empty store, one chunk at
// a time, as CometBFT's state sync drives it (OfferSnapshot, then
// ApplySnapshotChunk for chunks 0, 1, … in order). It is not safe for
// concurrent use; the ABCI app calls it under its lock.
type Restorer struct {
	db *store.Committer

	snap    *abci.Snapshot
	meta    *Metadata
	appHash []byte
	r       *store.Restore
	next    uint32

	restored int64 // height of the last finished restore
}

// NewRestorer returns a restorer into db.
func NewRestorer(db *store.Committer) *Restorer { return &Restorer{db: db} }

// Restored returns the height of the snapshot restored, 0 if none.
func (r *Restorer) Restored() int64 { return r.restored }

// InProgress reports whether a snapshot was accepted and is being applied.
func (r *Restorer) InProgress() bool { return r.r != nil }

// Offer answers OfferSnapshot: it accepts a snapshot of our format whose
// metadata is sound and names the app hash the light client trusts, if the
// store is empty.
func (r *Restorer) Offer(req *abci.RequestOfferSnapshot) *abci.ResponseOfferSnapshot {
	r.abort()
	s := req.Snapshot
	if s == nil {
		return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_REJECT}
	}
	if s.Format != Format {
		return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_REJECT_FORMAT}
	}
	meta, err := DecodeMetadata(s.Metadata, s.Chunks, s.Hash)
	if err != nil || s.Height == 0 || s.Height > 1<<62 {
		return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_REJECT}
	}
	if meta.AppHash != hex.EncodeToString(req.AppHash) {
		// A snapshot of another state than the trusted one.
		return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_REJECT}
	}
	rs, err := r.db.BeginRestore()
	if err != nil {
		// Not empty: restoring cannot work on this node at all.
		return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_ABORT}
	}
	r.snap, r.meta, r.appHash, r.r, r.next = s, meta, bytes.Clone(req.AppHash), rs, 0
	return &abci.ResponseOfferSnapshot{Result: abci.ResponseOfferSnapshot_ACCEPT}
}

// ErrNoSnapshot is returned by Apply without an accepted snapshot.
var ErrNoSnapshot = errors.New("snapshot: no snapshot is being restored")

// Apply answers ApplySnapshotChunk. A chunk that does not match its hash,
// or does not decode, is refetched from another peer (its sender is
// rejected); after the last chunk the state is checked against the trusted
// app hash and, on a mismatch, the snapshot is rejected and the store
// emptied again. done reports a finished restore.
func (r *Restorer) Apply(req *abci.RequestApplySnapshotChunk) (resp *abci.ResponseApplySnapshotChunk, done bool, err error) {
	if r.r == nil {
		return nil, false, ErrNoSnapshot
	}
	if req.Index != r.next {
		// CometBFT applies chunks in order; anything else restarts the snapshot.
		r.abort()
		return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_RETRY_SNAPSHOT}, false, nil
	}
	refetch := func() *abci.ResponseApplySnapshotChunk {
		return &abci.ResponseApplySnapshotChunk{
			Result:        abci.ResponseApplySnapshotChunk_RETRY,
			RefetchChunks: []uint32{req.Index},
			RejectSenders: nonEmpty(req.Sender),
		}
	}
	if chunkHash(req.Chunk) != r.meta.ChunkHashes[req.Index] {
		return refetch(), false, nil
	}
	pairs, err := DecodeChunk(req.Chunk)
	if err != nil {
		return refetch(), false, nil
	}
	if err := r.r.Add(pairs); err != nil {
		// The chunk matched its hash, so the snapshot itself is bad
		// (unordered keys): try another one.
		r.abort()
		return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_REJECT_SNAPSHOT, RejectSenders: nonEmpty(req.Sender)}, false, nil
	}
	r.next++
	if r.next < r.snap.Chunks {
		return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_ACCEPT}, false, nil
	}
	rs := r.r
	r.r = nil
	if uint64(rs.Pairs()) != r.meta.Pairs {
		rs.Abort()
		return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_REJECT_SNAPSHOT}, false, nil
	}
	if err := rs.Finish(int64(r.snap.Height), r.appHash); err != nil {
		if errors.Is(err, store.ErrRestoreHash) {
			return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_REJECT_SNAPSHOT}, false, nil
		}
		return nil, false, fmt.Errorf("snapshot: finish restore at %d: %w", r.snap.Height, err)
	}
	r.restored = int64(r.snap.Height)
	return &abci.ResponseApplySnapshotChunk{Result: abci.ResponseApplySnapshotChunk_ACCEPT}, true, nil
}

// abort drops a restore in progress, emptying the store.
func (r *Restorer) abort() {
	if r.r != nil {
		_ = r.r.Abort()
		r.r = nil
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
