package store

import (
	"bytes"
	"errors"
	"fmt"
)

// restoreKey marks a restore in progress: application keys were written by
// a Restore that has not finished. It lives in the metadata range, out of
// reach of application writes; Finish deletes it in the same batch that
// writes the metadata, so a store holds either a finished restore or a
// marker.
var restoreKey = []byte{0x00, 'r', 's', 't'}

// restoreBatch is the number of keys written per backend batch when a
// restore is wiped.
const restoreBatch = 4096

// Errors returned by restores.
var (
	// ErrNotEmpty is returned by BeginRestore on a store that has committed
	// state: a snapshot is only restored into an empty store.
	ErrNotEmpty = errors.New("store: restore needs an empty store")
	// ErrRestoreHash is returned by Restore.Finish when the restored pairs
	// do not hash to the expected app hash.
	ErrRestoreHash = errors.New("store: restored state does not match the app hash")
	// ErrRestoreOrder is returned by Restore.Add for keys that are not in
	// strictly increasing order across the whole restore, or empty.
	ErrRestoreOrder = errors.New("store: restored keys must be non-empty and strictly increasing")
)

// Pair is one application (key, value) pair, as exported by a View and
// imported by a Restore.
type Pair struct {
	Key, Value []byte
}

// Restore writes a complete application state into an empty store, for
// state sync. Add the pairs in increasing key order, then Finish with the
// version and the app hash they must have; Abort (or a crash) removes them.
// A Restore holds the Committer's write lock side from BeginRestore to
// Finish or Abort: no block may be prepared or committed meanwhile.
type Restore struct {
	c    *Committer
	acc  ltHash
	ph   *pairHasher
	last []byte
	n    int
	done bool
}

// BeginRestore starts restoring into c, which must be empty (version 0, no
// application keys). It writes the restore marker first, so that a crash
// before Finish leaves a store that Open wipes back to empty.
func (c *Committer) BeginRestore() (*Restore, error) {
	c.wmu.Lock()
	ok := false
	defer func() {
		if !ok {
			c.wmu.Unlock()
		}
	}()
	c.mu.Lock()
	closed, v := c.closed, c.version
	c.mu.Unlock()
	if closed {
		return nil, ErrClosed
	}
	if v != 0 {
		return nil, fmt.Errorf("%w: committed version %d", ErrNotEmpty, v)
	}
	if hasAppKeys(c.b) {
		return nil, fmt.Errorf("%w: application keys present", ErrNotEmpty)
	}
	if err := c.b.Apply([]Change{{Key: restoreKey, Value: []byte{1}}}); err != nil {
		return nil, fmt.Errorf("store: begin restore: %w", err)
	}
	ok = true
	return &Restore{c: c, ph: newPairHasher()}, nil
}

// Add writes pairs, which continue the restore's increasing key order.
func (r *Restore) Add(pairs []Pair) error {
	if r.done {
		return errors.New("store: restore already finished")
	}
	changes := make([]Change, 0, len(pairs))
	for _, p := range pairs {
		if len(p.Key) == 0 || (r.last != nil && bytes.Compare(p.Key, r.last) <= 0) || p.Value == nil {
			return fmt.Errorf("%w: pair %d of this batch", ErrRestoreOrder, r.n)
		}
		r.acc.add(r.ph, p.Key, p.Value)
		changes = append(changes, Change{Key: appKey(p.Key), Value: p.Value})
		r.last = clone(p.Key)
		r.n++
	}
	if err := r.c.b.Apply(changes); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	return nil
}

// Pairs returns the number of pairs added so far.
func (r *Restore) Pairs() int { return r.n }

// Finish checks the restored state against appHash and, if it matches,
// commits it as version: afterwards the Committer reads it like any
// committed block. On a mismatch it wipes what was written and returns
// ErrRestoreHash; the store is empty again.
func (r *Restore) Finish(version int64, appHash []byte) error {
	if r.done {
		return errors.New("store: restore already finished")
	}
	c := r.c
	if version <= 0 {
		r.abort()
		return fmt.Errorf("%w: restore version %d", ErrVersion, version)
	}
	if got := r.acc.sum(); !bytes.Equal(got, appHash) {
		if err := r.abort(); err != nil {
			return err
		}
		return fmt.Errorf("%w: got %X, want %X", ErrRestoreHash, got, appHash)
	}
	r.done = true
	defer c.wmu.Unlock()
	err := c.b.Apply([]Change{
		{Key: metaKey, Value: encodeMeta(version, &r.acc)},
		{Key: restoreKey, Delete: true},
	})
	if err != nil {
		return fmt.Errorf("store: finish restore: %w", err)
	}
	s := c.b.Snapshot()
	c.mu.Lock()
	old := c.cur
	c.cur = &snapRef{s: s, refs: 1}
	c.version, c.acc, c.hash = version, r.acc, r.acc.sum()
	c.reads.reset()
	c.mu.Unlock()
	c.release(old)
	return nil
}

// Abort removes everything the restore wrote; the store is empty again.
func (r *Restore) Abort() error {
	if r.done {
		return nil
	}
	return r.abort()
}

func (r *Restore) abort() error {
	r.done = true
	defer r.c.wmu.Unlock()
	return wipeRestore(r.c.b)
}

// wipeRestore deletes every application key and the restore marker.
func wipeRestore(b Backend) error {
	for {
		s := b.Snapshot()
		it := s.Iterator(appPrefix, PrefixEnd(appPrefix))
		var changes []Change
		for ; it.Valid() && len(changes) < restoreBatch; it.Next() {
			changes = append(changes, Change{Key: clone(it.Key()), Delete: true})
		}
		it.Close()
		s.Close()
		if len(changes) == 0 {
			break
		}
		if err := b.Apply(changes); err != nil {
			return fmt.Errorf("store: wipe restore: %w", err)
		}
	}
	if err := b.Apply([]Change{{Key: restoreKey, Delete: true}}); err != nil {
		return fmt.Errorf("store: wipe restore: %w", err)
	}
	return nil
}

// hasAppKeys reports whether b holds any application key.
func hasAppKeys(b Reader) bool {
	it := b.Iterator(appPrefix, PrefixEnd(appPrefix))
	defer it.Close()
	return it.Valid()
}

// Export calls fn with the view's application pairs in increasing key
// order, in batches of at most batch pairs; it stops at fn's first error.
// The slices passed to fn are owned by the store (see the package comment).
func (v *View) Export(batch int, fn func([]Pair) error) error {
	if batch <= 0 {
		batch = 1
	}
	it := v.Iterator(nil, nil)
	defer it.Close()
	buf := make([]Pair, 0, batch)
	for ; it.Valid(); it.Next() {
		buf = append(buf, Pair{Key: it.Key(), Value: it.Value()})
		if len(buf) == batch {
			if err := fn(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		return fn(buf)
	}
	return nil
}
