package store

// Reader reads an ordered key space. Keys are compared bytewise.
//
// Returned slices are owned by the store: the caller must not modify them,
// and they stay valid indefinitely. Implementations in this module are safe
// for concurrent use only where their documentation says so.
type Reader interface {
	// Get returns the value stored under key, or nil if key is absent.
	Get(key []byte) []byte
	// Has reports whether key is present.
	Has(key []byte) bool
	// Iterator returns an ascending iterator over keys in [start, end).
	// A nil start or end means unbounded on that side; start >= end is an
	// empty range. The bounds are copied. The caller must Close the
	// iterator. The iterator sees the store as of its creation:
	// writes made while it is open are allowed and are not visible to it.
	Iterator(start, end []byte) Iterator
	// ReverseIterator is Iterator in descending key order over [start, end).
	ReverseIterator(start, end []byte) Iterator
}

// KV is a readable and writable ordered store.
//
// An empty (nil or zero-length) key is invalid and makes Set, Delete and
// the reads panic; a nil value is invalid for Set (use Delete). An empty
// non-nil value is valid and distinct from absence.
type KV interface {
	Reader
	// Set stores value under key. key and value are copied.
	Set(key, value []byte)
	// Delete removes key; deleting an absent key is a no-op.
	Delete(key []byte)
}

// Iterator walks a range of keys in order. It starts positioned at the
// first key of its range (or is invalid if the range is empty).
//
// Key and Value may only be called while Valid; their results follow the
// Reader slice-ownership rules and stay valid after Next and Close. An
// iterator is not safe for concurrent use. Close releases its resources (for
// backends, a pinned snapshot) and must always be called.
type Iterator interface {
	// Valid reports whether the iterator is positioned at a key.
	Valid() bool
	// Next moves to the following key. It panics if !Valid.
	Next()
	// Key returns the current key.
	Key() []byte
	// Value returns the current value (never nil).
	Value() []byte
	// Close releases the iterator. It is safe to call more than once.
	Close() error
}

// Change is one write in a Backend batch: Set Key to Value or, if Delete,
// remove Key.
type Change struct {
	Key    []byte
	Value  []byte
	Delete bool
}

// Snapshot is a consistent read-only view of a Backend at one point in time.
// It is safe for concurrent use by multiple goroutines, and must be closed
// once no reader or iterator uses it any more.
type Snapshot interface {
	Reader
	// Close releases the snapshot. Iterators created from it must be
	// closed first.
	Close() error
}

// Backend is a persistent ordered key space with atomic batch writes
// (store/pebble on disk, store/mem in memory).
//
// Backends are safe for concurrent readers with one writer. Reader methods
// panic on I/O failure (see the package comment).
type Backend interface {
	Reader
	// Apply writes all changes atomically and durably (fsync for Pebble),
	// or none of them, in slice order (a later change to the same key
	// wins). A change with an empty key, or a set with a nil value, fails
	// the whole batch with an error. Apply does not retain the slices.
	Apply(changes []Change) error
	// Snapshot returns a consistent view of the current contents.
	Snapshot() Snapshot
	// Close closes the backend. Snapshots and iterators must be closed
	// first.
	Close() error
}

// mustKey panics unless key is a valid key.
func mustKey(key []byte) {
	if len(key) == 0 {
		panic("store: key is empty")
	}
}

// mustValue panics unless value is a valid value.
func mustValue(value []byte) {
	if value == nil {
		panic("store: value is nil (use Delete)")
	}
}

// clone returns a copy of b that keeps nil-ness (nil stays nil, empty
// stays non-nil empty).
func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
