package mem

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/internal/ordered"
)

var (
	// ErrClosed is returned by Apply after Close.
	ErrClosed = errors.New("store/mem: closed")
	// ErrInvalid is returned by Apply for a batch with an empty key or a
	// nil value; nothing is written.
	ErrInvalid = errors.New("store/mem: invalid change")
)

// DB is an in-memory store.Backend. It is safe for concurrent use: reads and
// snapshots are lock-free over the last published version, and Apply
// publishes a new version atomically. Returned slices are never mutated.
type DB struct {
	wmu    sync.Mutex   // serializes writers
	w      *ordered.Map // the writer's private tree
	snap   atomic.Pointer[ordered.Map]
	closed atomic.Bool
}

var (
	_ store.Backend  = (*DB)(nil)
	_ store.Snapshot = (*snapshot)(nil)
	_ store.Iterator = (*iterator)(nil)
)

// New returns an empty DB.
func New() *DB {
	db := &DB{w: ordered.New()}
	db.snap.Store(db.w.Clone())
	return db
}

// Get implements store.Reader.
func (db *DB) Get(key []byte) []byte { return get(db.snap.Load(), key) }

// Has implements store.Reader.
func (db *DB) Has(key []byte) bool { return get(db.snap.Load(), key) != nil }

// Iterator implements store.Reader; the iterator reads the version current
// at its creation.
func (db *DB) Iterator(start, end []byte) store.Iterator {
	return newIterator(db.snap.Load(), start, end, false)
}

// ReverseIterator implements store.Reader.
func (db *DB) ReverseIterator(start, end []byte) store.Iterator {
	return newIterator(db.snap.Load(), start, end, true)
}

// Apply implements store.Backend: all changes become visible at once. An
// empty key or a nil value in a set fails the whole batch with ErrInvalid.
func (db *DB) Apply(changes []store.Change) error {
	for _, c := range changes {
		if len(c.Key) == 0 {
			return fmt.Errorf("%w: empty key", ErrInvalid)
		}
		if !c.Delete && c.Value == nil {
			return fmt.Errorf("%w: nil value (use Delete)", ErrInvalid)
		}
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	if db.closed.Load() {
		return ErrClosed
	}
	for _, c := range changes {
		if c.Delete {
			db.w.Remove(c.Key)
		} else {
			db.w.Set(ordered.Entry{Key: clone(c.Key), Value: clone(c.Value)})
		}
	}
	db.snap.Store(db.w.Clone())
	return nil
}

// Snapshot implements store.Backend. Snapshots cost O(1) and need no
// cleanup; Close is a no-op.
func (db *DB) Snapshot() store.Snapshot { return &snapshot{m: db.snap.Load()} }

// Close implements store.Backend; later Applies fail with ErrClosed. Reads
// keep working (there is nothing to release).
func (db *DB) Close() error {
	db.closed.Store(true)
	return nil
}

// Len returns the number of keys.
func (db *DB) Len() int { return db.snap.Load().Len() }

type snapshot struct{ m *ordered.Map }

func (s *snapshot) Get(key []byte) []byte { return get(s.m, key) }
func (s *snapshot) Has(key []byte) bool   { return get(s.m, key) != nil }
func (s *snapshot) Iterator(start, end []byte) store.Iterator {
	return newIterator(s.m, start, end, false)
}
func (s *snapshot) ReverseIterator(start, end []byte) store.Iterator {
	return newIterator(s.m, start, end, true)
}
func (s *snapshot) Close() error { return nil }

func get(m *ordered.Map, key []byte) []byte {
	if len(key) == 0 {
		panic("store/mem: key is empty")
	}
	e, ok := m.Get(key)
	if !ok {
		return nil
	}
	return e.Value
}

// iterator adapts ordered.Iterator (over an immutable published tree) to
// store.Iterator.
type iterator struct {
	it     *ordered.Iterator
	closed bool
}

func newIterator(m *ordered.Map, start, end []byte, reverse bool) *iterator {
	return &iterator{it: m.Iterator(start, end, reverse)}
}

func (it *iterator) Valid() bool { return !it.closed && it.it.Valid() }

func (it *iterator) Next() {
	if !it.Valid() {
		panic("store/mem: Next on an invalid iterator")
	}
	it.it.Next()
}

func (it *iterator) Key() []byte {
	if !it.Valid() {
		panic("store/mem: Key on an invalid iterator")
	}
	return it.it.Entry().Key
}

func (it *iterator) Value() []byte {
	if !it.Valid() {
		panic("store/mem: Value on an invalid iterator")
	}
	return it.it.Entry().Value
}

func (it *iterator) Close() error {
	it.closed = true
	return nil
}

func clone(b []byte) []byte { return append(make([]byte, 0, len(b)), b...) }
