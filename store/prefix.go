package store

// PrefixEnd returns the smallest key greater than every key that starts with
// prefix, or nil if there is none (prefix is empty or all 0xff bytes). The
// result is a new slice. Use it as the exclusive end of a prefix scan:
// Iterator(prefix, PrefixEnd(prefix)).
func PrefixEnd(prefix []byte) []byte {
	end := clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// prefixStore is a view of the keys of a parent that start with prefix, with
// the prefix stripped.
type prefixStore struct {
	parent Reader
	kv     KV // parent as a KV, nil for a read-only view
	prefix []byte
}

var _ KV = (*prefixStore)(nil)

// NewPrefix returns the KV of parent's keys that start with prefix, with the
// prefix stripped from keys going out and added to keys coming in. prefix is
// copied. Keys of the prefix store must be non-empty like any key. The
// returned KV has the concurrency properties of parent.
func NewPrefix(parent KV, prefix []byte) KV {
	return &prefixStore{parent: parent, kv: parent, prefix: clone(prefix)}
}

// NewPrefixReader is NewPrefix for a read-only parent.
func NewPrefixReader(parent Reader, prefix []byte) Reader {
	return &prefixStore{parent: parent, prefix: clone(prefix)}
}

func (s *prefixStore) key(key []byte) []byte {
	mustKey(key)
	k := make([]byte, 0, len(s.prefix)+len(key))
	return append(append(k, s.prefix...), key...)
}

func (s *prefixStore) Get(key []byte) []byte { return s.parent.Get(s.key(key)) }
func (s *prefixStore) Has(key []byte) bool   { return s.parent.Has(s.key(key)) }

func (s *prefixStore) Set(key, value []byte) {
	mustValue(value)
	if s.kv == nil {
		panic("store: write to a read-only prefix view")
	}
	s.kv.Set(s.key(key), value)
}

func (s *prefixStore) Delete(key []byte) {
	if s.kv == nil {
		panic("store: write to a read-only prefix view")
	}
	s.kv.Delete(s.key(key))
}

// bounds maps [start, end) in the prefix store's key space to the parent's.
func (s *prefixStore) bounds(start, end []byte) ([]byte, []byte) {
	var ps []byte
	switch {
	case len(start) > 0:
		ps = append(clone(s.prefix), start...)
	case len(s.prefix) > 0:
		// Skip a parent key equal to the bare prefix: it would map to the
		// invalid empty key.
		ps = append(clone(s.prefix), 0)
	}
	var pe []byte
	if end == nil {
		pe = PrefixEnd(s.prefix)
	} else {
		pe = append(clone(s.prefix), end...)
	}
	return ps, pe
}

func (s *prefixStore) Iterator(start, end []byte) Iterator {
	ps, pe := s.bounds(start, end)
	return &prefixIterator{it: s.parent.Iterator(ps, pe), n: len(s.prefix)}
}

func (s *prefixStore) ReverseIterator(start, end []byte) Iterator {
	ps, pe := s.bounds(start, end)
	return &prefixIterator{it: s.parent.ReverseIterator(ps, pe), n: len(s.prefix)}
}

// prefixIterator strips an n-byte prefix from the keys of it.
type prefixIterator struct {
	it Iterator
	n  int
}

func (p *prefixIterator) Valid() bool   { return p.it.Valid() }
func (p *prefixIterator) Next()         { p.it.Next() }
func (p *prefixIterator) Key() []byte   { return p.it.Key()[p.n:] }
func (p *prefixIterator) Value() []byte { return p.it.Value() }
func (p *prefixIterator) Close() error  { return p.it.Close() }
