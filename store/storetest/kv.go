package storetest

import (
	"bytes"

	"github.com/taonet/taonet/store"
)

// ModelKV is a store.KV over a Model, for use as the root of cache stacks
// under test. Iterators copy their range at creation.
type ModelKV struct{ M Model }

var _ store.KV = (*ModelKV)(nil)

// NewModelKV returns an empty ModelKV.
func NewModelKV() *ModelKV { return &ModelKV{M: Model{}} }

func mustKey(key []byte) {
	if len(key) == 0 {
		panic("storetest: key is empty")
	}
}

// Get implements store.Reader.
func (s *ModelKV) Get(key []byte) []byte { mustKey(key); return s.M.Get(key) }

// Has implements store.Reader.
func (s *ModelKV) Has(key []byte) bool { mustKey(key); return s.M.Get(key) != nil }

// Set implements store.KV.
func (s *ModelKV) Set(key, value []byte) {
	mustKey(key)
	if value == nil {
		panic("storetest: nil value")
	}
	s.M.Set(key, value)
}

// Delete implements store.KV.
func (s *ModelKV) Delete(key []byte) { mustKey(key); s.M.Delete(key) }

// Iterator implements store.Reader.
func (s *ModelKV) Iterator(start, end []byte) store.Iterator {
	return &SliceIterator{KVs: s.M.Range(start, end, false)}
}

// ReverseIterator implements store.Reader.
func (s *ModelKV) ReverseIterator(start, end []byte) store.Iterator {
	return &SliceIterator{KVs: s.M.Range(start, end, true)}
}

// SliceIterator iterates a fixed list of pairs.
type SliceIterator struct {
	KVs []KV
	pos int
}

// Valid implements store.Iterator.
func (it *SliceIterator) Valid() bool { return it.pos < len(it.KVs) }

// Next implements store.Iterator.
func (it *SliceIterator) Next() {
	if !it.Valid() {
		panic("storetest: Next on an invalid iterator")
	}
	it.pos++
}

// Key implements store.Iterator.
func (it *SliceIterator) Key() []byte { return bytes.Clone(it.KVs[it.pos].Key) }

// Value implements store.Iterator.
func (it *SliceIterator) Value() []byte { return bytes.Clone(it.KVs[it.pos].Value) }

// Close implements store.Iterator.
func (it *SliceIterator) Close() error { it.pos = len(it.KVs); return nil }
