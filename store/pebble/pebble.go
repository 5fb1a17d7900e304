package pebble

import (
	"errors"
	"fmt"
	"io"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/bloom"

	"github.com/taonet/taonet/store"
)

// ErrInvalid is returned by Apply for a batch with an empty key or a nil
// value; nothing is written.
var ErrInvalid = errors.New("store/pebble: invalid change")

// DB is a store.Backend over a Pebble database. It is safe for concurrent
// use by readers and one writer.
type DB struct {
	db *pebble.DB
	reader
}

var (
	_ store.Backend  = (*DB)(nil)
	_ store.Snapshot = (*snapshot)(nil)
	_ store.Iterator = (*iterator)(nil)
)

// Open opens (creating if needed) the Pebble database in dir with
// DefaultOptions and a 64 MiB block cache.
func Open(dir string) (*DB, error) {
	opts := DefaultOptions()
	cache := pebble.NewCache(64 << 20)
	defer cache.Unref() // the DB holds its own reference
	opts.Cache = cache
	return OpenWithOptions(dir, opts)
}

// DefaultOptions returns the options Open starts from: Pebble's defaults
// plus a bloom filter (10 bits per key) on every level, so point reads of
// absent keys, which the state machine does often, skip most tables.
func DefaultOptions() *pebble.Options {
	opts := &pebble.Options{Levels: make([]pebble.LevelOptions, 7)}
	for i := range opts.Levels {
		opts.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		opts.Levels[i].FilterType = pebble.TableFilter
	}
	opts.Logger = quietLogger{}
	return opts
}

// quietLogger drops Pebble's informational messages (WAL replay notes on
// every open) and keeps its fatal ones.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}

func (quietLogger) Fatalf(format string, args ...any) { pebble.DefaultLogger.Fatalf(format, args...) }

// OpenWithOptions opens the Pebble database in dir with opts (for example an
// in-memory vfs.FS in tests, or a custom cache and logger). opts is used by
// Pebble and must not be reused.
func OpenWithOptions(dir string, opts *pebble.Options) (*DB, error) {
	db, err := pebble.Open(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("store/pebble: open %s: %w", dir, err)
	}
	return &DB{db: db, reader: reader{r: db}}, nil
}

// Apply implements store.Backend: one Pebble batch committed with Sync.
func (d *DB) Apply(changes []store.Change) error {
	b := d.db.NewBatch()
	defer b.Close()
	for _, c := range changes {
		if len(c.Key) == 0 {
			return fmt.Errorf("%w: empty key", ErrInvalid)
		}
		var err error
		if c.Delete {
			err = b.Delete(c.Key, nil)
		} else {
			if c.Value == nil {
				return fmt.Errorf("%w: nil value (use Delete)", ErrInvalid)
			}
			err = b.Set(c.Key, c.Value, nil)
		}
		if err != nil {
			return fmt.Errorf("store/pebble: apply: %w", err)
		}
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("store/pebble: apply: %w", err)
	}
	return nil
}

// Snapshot implements store.Backend with a Pebble snapshot, which must be
// closed.
func (d *DB) Snapshot() store.Snapshot {
	s := d.db.NewSnapshot()
	return &snapshot{s: s, reader: reader{r: s}}
}

// Close implements store.Backend. Snapshots and iterators must be closed
// first.
func (d *DB) Close() error {
	if err := d.db.Close(); err != nil {
		return fmt.Errorf("store/pebble: close: %w", err)
	}
	return nil
}

// Pebble returns the underlying database, for metrics and maintenance.
func (d *DB) Pebble() *pebble.DB { return d.db }

type snapshot struct {
	s *pebble.Snapshot
	reader
}

func (s *snapshot) Close() error {
	if err := s.s.Close(); err != nil {
		return fmt.Errorf("store/pebble: close snapshot: %w", err)
	}
	return nil
}

// source is what *pebble.DB and *pebble.Snapshot have in common.
type source interface {
	Get(key []byte) ([]byte, io.Closer, error)
	NewIter(o *pebble.IterOptions) (*pebble.Iterator, error)
}

// reader implements store.Reader over a source.
type reader struct{ r source }

func (r reader) Get(key []byte) []byte {
	if len(key) == 0 {
		panic("store/pebble: key is empty")
	}
	v, closer, err := r.r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil
	}
	if err != nil {
		panic(fmt.Errorf("store/pebble: get: %w", err))
	}
	out := append(make([]byte, 0, len(v)), v...)
	if err := closer.Close(); err != nil {
		panic(fmt.Errorf("store/pebble: get: %w", err))
	}
	return out
}

func (r reader) Has(key []byte) bool { return r.Get(key) != nil }

func (r reader) Iterator(start, end []byte) store.Iterator {
	return r.newIterator(start, end, false)
}

func (r reader) ReverseIterator(start, end []byte) store.Iterator {
	return r.newIterator(start, end, true)
}

func (r reader) newIterator(start, end []byte, reverse bool) *iterator {
	// Pebble keeps the bounds for the iterator's lifetime; the caller may
	// reuse its slices, so copy them.
	it, err := r.r.NewIter(&pebble.IterOptions{LowerBound: cloneBound(start), UpperBound: cloneBound(end)})
	if err != nil {
		panic(fmt.Errorf("store/pebble: new iterator: %w", err))
	}
	i := &iterator{it: it, reverse: reverse}
	if reverse {
		it.Last()
	} else {
		it.First()
	}
	i.load()
	return i
}

// iterator wraps a Pebble iterator, copying the current key and value.
type iterator struct {
	it         *pebble.Iterator
	reverse    bool
	valid      bool
	key, value []byte
}

// load copies the current entry, or checks for an error at the end.
func (i *iterator) load() {
	i.valid = i.it.Valid()
	if !i.valid {
		if err := i.it.Error(); err != nil {
			panic(fmt.Errorf("store/pebble: iterate: %w", err))
		}
		i.key, i.value = nil, nil
		return
	}
	i.key = append(make([]byte, 0, len(i.it.Key())), i.it.Key()...)
	v := i.it.Value()
	i.value = append(make([]byte, 0, len(v)), v...)
}

func (i *iterator) Valid() bool { return i.valid }

func (i *iterator) Next() {
	if !i.valid {
		panic("store/pebble: Next on an invalid iterator")
	}
	if i.reverse {
		i.it.Prev()
	} else {
		i.it.Next()
	}
	i.load()
}

func (i *iterator) Key() []byte {
	if !i.valid {
		panic("store/pebble: Key on an invalid iterator")
	}
	return i.key
}

func (i *iterator) Value() []byte {
	if !i.valid {
		panic("store/pebble: Value on an invalid iterator")
	}
	return i.value
}

func (i *iterator) Close() error {
	if i.it == nil {
		return nil
	}
	i.valid = false
	err := i.it.Close()
	i.it = nil
	if err != nil {
		return fmt.Errorf("store/pebble: close iterator: %w", err)
	}
	return nil
}

// cloneBound copies an iterator bound, keeping nil (unbounded) nil.
func cloneBound(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
