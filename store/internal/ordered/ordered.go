package ordered

import (
	"bytes"

	"github.com/google/btree"
)

// degree is the B-tree degree: nodes hold between degree-1 and 2*degree-1 entries.
const degree = 32

// chunk is how many entries an iterator copies out of the tree per refill.
const chunk = 64

// Entry is one key in a Map. Tombstone marks a buffered delete (used by the
// cache layer); backends never store tombstones.
type Entry struct {
	Key       []byte
	Value     []byte
	Tombstone bool
}

func less(a, b Entry) bool { return bytes.Compare(a.Key, b.Key) < 0 }

// Map is a sorted map from byte keys to entries. Keys and values handed to
// Set are retained, not copied: the caller gives up ownership.
type Map struct {
	t *btree.BTreeG[Entry]
}

// New returns an empty Map.
func New() *Map { return &Map{t: btree.NewG(degree, less)} }

// Len returns the number of entries (tombstones included).
func (m *Map) Len() int { return m.t.Len() }

// Get returns the entry stored under key.
func (m *Map) Get(key []byte) (Entry, bool) { return m.t.Get(Entry{Key: key}) }

// Set stores e, replacing any entry with the same key.
func (m *Map) Set(e Entry) { m.t.ReplaceOrInsert(e) }

// Remove deletes the entry under key, if any.
func (m *Map) Remove(key []byte) { m.t.Delete(Entry{Key: key}) }

// Clone returns an O(1) copy-on-write copy of m. See the package comment for
// the concurrency contract.
func (m *Map) Clone() *Map { return &Map{t: m.t.Clone()} }

// Ascend calls fn for each entry in ascending key order until fn returns false.
func (m *Map) Ascend(fn func(Entry) bool) { m.t.Ascend(fn) }

// Iterator returns an iterator over the entries of m with keys in
// [start, end) (nil = unbounded), ascending or, if reverse, descending.
// The bounds are copied. The iterator reads m directly: m must not be
// written while the iterator is in use. Callers that need to keep writing
// iterate a Clone.
func (m *Map) Iterator(start, end []byte, reverse bool) *Iterator {
	it := &Iterator{m: m, start: cloneBound(start), end: cloneBound(end), reverse: reverse}
	it.fill()
	return it
}

// Iterator is a pull iterator over a Map, refilled chunk by chunk.
type Iterator struct {
	m          *Map
	start, end []byte
	reverse    bool
	buf        []Entry
	pos        int
	last       []byte // key of the last entry of the previous chunk
	started    bool
	done       bool // the tree holds nothing beyond buf
}

// fill loads the next chunk of entries after it.last.
func (it *Iterator) fill() {
	it.buf = it.buf[:0]
	it.pos = 0
	if it.done {
		return
	}
	collect := func(e Entry) bool {
		if it.started && bytes.Equal(e.Key, it.last) {
			return true // resume point, already returned
		}
		if !it.reverse {
			if it.end != nil && bytes.Compare(e.Key, it.end) >= 0 {
				it.done = true
				return false
			}
		} else {
			if bytes.Compare(e.Key, it.end) >= 0 && it.end != nil {
				return true // only the pivot itself can be skipped here
			}
			if it.start != nil && bytes.Compare(e.Key, it.start) < 0 {
				it.done = true
				return false
			}
		}
		it.buf = append(it.buf, e)
		return len(it.buf) < chunk
	}
	switch {
	case !it.reverse && it.started:
		it.m.t.AscendGreaterOrEqual(Entry{Key: it.last}, collect)
	case !it.reverse && it.start != nil:
		it.m.t.AscendGreaterOrEqual(Entry{Key: it.start}, collect)
	case !it.reverse:
		it.m.t.Ascend(collect)
	case it.started:
		it.m.t.DescendLessOrEqual(Entry{Key: it.last}, collect)
	case it.end != nil:
		it.m.t.DescendLessOrEqual(Entry{Key: it.end}, collect)
	default:
		it.m.t.Descend(collect)
	}
	if len(it.buf) < chunk {
		it.done = true
	}
	if len(it.buf) > 0 {
		it.last = it.buf[len(it.buf)-1].Key
		it.started = true
	}
}

// Valid reports whether the iterator is positioned at an entry.
func (it *Iterator) Valid() bool { return it.pos < len(it.buf) }

// Entry returns the current entry. It must only be called when Valid.
func (it *Iterator) Entry() Entry { return it.buf[it.pos] }

// Next advances the iterator. It must only be called when Valid.
func (it *Iterator) Next() {
	it.pos++
	if it.pos == len(it.buf) {
		it.fill()
	}
}

// cloneBound copies a bound, keeping nil (unbounded) nil.
func cloneBound(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
