package store

import (
	"bytes"

	"github.com/taonet/taonet/store/internal/ordered"
)

// Cache is a branch of a parent KV. Writes are buffered in key order; reads
// see the branch's own writes over the parent; iterators merge both. Write
// flushes the buffer to the parent in ascending key order; Discard (or simply
// dropping the Cache) leaves the parent unchanged. Caches nest: a Cache over a
// Cache is a branch of a branch.
//
// A Cache does not cache parent reads, so a parent that changes underneath it
// shows through for keys the branch has not written. A Cache is not safe for
// concurrent use.
type Cache struct {
	parent KV
	buf    *ordered.Map
	// shared counts the open iterators that read buf itself. While it is
	// non-zero the next write first switches buf to a copy-on-write clone,
	// leaving the old map to the iterators (gen tells them apart).
	shared int
	gen    uint64
}

var _ KV = (*Cache)(nil)

// NewCache returns an empty branch over parent.
func NewCache(parent KV) *Cache {
	return &Cache{parent: parent, buf: ordered.New()}
}

// Parent returns the KV the cache writes to.
func (c *Cache) Parent() KV { return c.parent }

// Get implements Reader.
func (c *Cache) Get(key []byte) []byte {
	mustKey(key)
	if e, ok := c.buf.Get(key); ok {
		if e.Tombstone {
			return nil
		}
		return e.Value
	}
	return c.parent.Get(key)
}

// Has implements Reader.
func (c *Cache) Has(key []byte) bool {
	mustKey(key)
	if e, ok := c.buf.Get(key); ok {
		return !e.Tombstone
	}
	return c.parent.Has(key)
}

// Set implements KV. It panics on an empty key or a nil value.
func (c *Cache) Set(key, value []byte) {
	mustKey(key)
	mustValue(value)
	c.writable().Set(ordered.Entry{Key: clone(key), Value: clone(value)})
}

// Delete implements KV. It panics on an empty key.
func (c *Cache) Delete(key []byte) {
	mustKey(key)
	c.writable().Set(ordered.Entry{Key: clone(key), Tombstone: true})
}

// Iterator implements Reader. The iterator merges the buffer with a parent
// iterator. The Cache may be written while it is open: the first write then
// switches the Cache to an O(1) copy-on-write clone of the buffer, so close
// iterators promptly to avoid copying.
func (c *Cache) Iterator(start, end []byte) Iterator {
	return c.newIterator(start, end, false)
}

// ReverseIterator implements Reader.
func (c *Cache) ReverseIterator(start, end []byte) Iterator {
	return c.newIterator(start, end, true)
}

func (c *Cache) newIterator(start, end []byte, reverse bool) Iterator {
	var p Iterator
	if reverse {
		p = c.parent.ReverseIterator(start, end)
	} else {
		p = c.parent.Iterator(start, end)
	}
	if c.buf.Len() == 0 {
		return p
	}
	c.shared++
	gen := c.gen
	it := newMergeIterator(p, c.buf.Iterator(start, end, reverse), reverse)
	it.release = func() {
		if c.gen == gen {
			c.shared--
		}
	}
	return it
}

// writable returns buf ready for a write: if open iterators read it, buf is
// first replaced by an O(1) copy-on-write clone that only the Cache writes.
func (c *Cache) writable() *ordered.Map {
	if c.shared > 0 {
		c.buf = c.buf.Clone()
		c.shared = 0
		c.gen++
	}
	return c.buf
}

// reset empties the buffer; open iterators keep the old one.
func (c *Cache) reset() {
	c.buf = ordered.New()
	c.shared = 0
	c.gen++
}

// Write flushes the buffered writes to the parent in ascending key order and
// empties the buffer; the Cache stays usable.
func (c *Cache) Write() {
	if p, ok := c.parent.(*Cache); ok {
		// Entries are immutable once buffered: hand them over without
		// copying.
		dst := p.writable()
		c.buf.Ascend(func(e ordered.Entry) bool {
			dst.Set(e)
			return true
		})
		c.reset()
		return
	}
	c.buf.Ascend(func(e ordered.Entry) bool {
		if e.Tombstone {
			c.parent.Delete(e.Key)
		} else {
			c.parent.Set(e.Key, e.Value)
		}
		return true
	})
	c.reset()
}

// Discard drops the buffered writes; the Cache stays usable.
func (c *Cache) Discard() { c.reset() }

// Len returns the number of buffered writes (sets and deletes).
func (c *Cache) Len() int { return c.buf.Len() }

// Changes returns the buffered writes in ascending key order. The returned
// slices are owned by the Cache and must not be modified.
func (c *Cache) Changes() []Change {
	out := make([]Change, 0, c.buf.Len())
	c.buf.Ascend(func(e ordered.Entry) bool {
		out = append(out, Change{Key: e.Key, Value: e.Value, Delete: e.Tombstone})
		return true
	})
	return out
}

// mergeIterator merges a parent iterator with a buffer iterator; on equal
// keys the buffer wins, and buffered tombstones hide parent keys.
type mergeIterator struct {
	parent  Iterator
	buf     *ordered.Iterator
	reverse bool
	release func() // run once by Close
	// current position
	key, value []byte
	valid      bool
}

func newMergeIterator(parent Iterator, buf *ordered.Iterator, reverse bool) *mergeIterator {
	it := &mergeIterator{parent: parent, buf: buf, reverse: reverse}
	it.settle()
	return it
}

// cmp compares a and b in iteration order.
func (it *mergeIterator) cmp(a, b []byte) int {
	if it.reverse {
		return bytes.Compare(b, a)
	}
	return bytes.Compare(a, b)
}

// settle positions the iterator on the next visible entry, consuming input
// from whichever side comes first.
func (it *mergeIterator) settle() {
	for {
		pv, bv := it.parent.Valid(), it.buf.Valid()
		switch {
		case !pv && !bv:
			it.valid = false
			return
		case pv && !bv:
			it.key, it.value, it.valid = it.parent.Key(), it.parent.Value(), true
			it.parent.Next()
			return
		}
		e := it.buf.Entry()
		if pv {
			switch c := it.cmp(it.parent.Key(), e.Key); {
			case c < 0:
				it.key, it.value, it.valid = it.parent.Key(), it.parent.Value(), true
				it.parent.Next()
				return
			case c == 0:
				it.parent.Next() // shadowed by the buffer
			}
		}
		it.buf.Next()
		if !e.Tombstone {
			it.key, it.value, it.valid = e.Key, e.Value, true
			return
		}
	}
}

func (it *mergeIterator) Valid() bool { return it.valid }

func (it *mergeIterator) Next() {
	if !it.valid {
		panic("store: Next on an invalid iterator")
	}
	it.settle()
}

func (it *mergeIterator) Key() []byte {
	if !it.valid {
		panic("store: Key on an invalid iterator")
	}
	return it.key
}

func (it *mergeIterator) Value() []byte {
	if !it.valid {
		panic("store: Value on an invalid iterator")
	}
	return it.value
}

func (it *mergeIterator) Close() error {
	it.valid = false
	if it.release != nil {
		it.release()
		it.release = nil
	}
	return it.parent.Close()
}
