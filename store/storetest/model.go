package storetest

import (
	"bytes"
	"sort"

	"github.com/taonet/taonet/store"
)

// Model is the reference ordered store: a map with sorted scans. It is
// deliberately naive; it is what the real stores are checked against.
type Model map[string][]byte

// Set stores a copy of value under key.
func (m Model) Set(key, value []byte) { m[string(key)] = bytes.Clone(value) }

// Delete removes key.
func (m Model) Delete(key []byte) { delete(m, string(key)) }

// Get returns the value under key or nil.
func (m Model) Get(key []byte) []byte { return m[string(key)] }

// Clone returns a copy of m.
func (m Model) Clone() Model {
	out := make(Model, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// KV is one key-value pair.
type KV struct{ Key, Value []byte }

// Range returns the pairs with keys in [start, end) (nil = unbounded),
// ascending or descending.
func (m Model) Range(start, end []byte, reverse bool) []KV {
	var out []KV
	for k, v := range m {
		kb := []byte(k)
		if start != nil && bytes.Compare(kb, start) < 0 {
			continue
		}
		if end != nil && bytes.Compare(kb, end) >= 0 {
			continue
		}
		out = append(out, KV{kb, v})
	}
	sort.Slice(out, func(i, j int) bool {
		c := bytes.Compare(out[i].Key, out[j].Key)
		if reverse {
			return c > 0
		}
		return c < 0
	})
	return out
}

// Collect drains it into pairs and closes it.
func Collect(it store.Iterator) []KV {
	var out []KV
	for ; it.Valid(); it.Next() {
		out = append(out, KV{it.Key(), it.Value()})
	}
	if err := it.Close(); err != nil {
		panic(err)
	}
	return out
}

// Scan returns the pairs of r in [start, end) in the given direction.
func Scan(r store.Reader, start, end []byte, reverse bool) []KV {
	if reverse {
		return Collect(r.ReverseIterator(start, end))
	}
	return Collect(r.Iterator(start, end))
}

// Equal reports whether two pair lists are equal.
func Equal(a, b []KV) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i].Key, b[i].Key) || !bytes.Equal(a[i].Value, b[i].Value) {
			return false
		}
		if (a[i].Value == nil) != (b[i].Value == nil) {
			return false
		}
	}
	return true
}
