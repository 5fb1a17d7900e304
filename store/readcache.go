package store

// readCacheEntries bounds the read cache; when full it starts over.
const readCacheEntries = 1 << 17

// readCache memoizes point reads of the latest committed version, absent
// keys included, so that the records a block reads again and again (a
// subnet's parameters and state, every block) skip the backend. Commit
// writes each block's changes into it and a finished restore empties it,
// so it always agrees with the committed snapshot; it never serves Views
// or iterators. Guarded by Committer.mu. Values are copied in and out: a
// caller that modifies what Get returned cannot change what others read.
type readCache struct {
	m map[string][]byte // nil value: the key is absent
}

// get returns the cached value of key and whether it was cached.
func (rc *readCache) get(key []byte) ([]byte, bool) {
	v, ok := rc.m[string(key)]
	return clone(v), ok
}

// put records key's committed value (nil: absent).
func (rc *readCache) put(key, value []byte) {
	if rc.m == nil || len(rc.m) >= readCacheEntries {
		rc.m = make(map[string][]byte, 1024)
	}
	rc.m[string(key)] = clone(value)
}

// update records a committed block's changes.
func (rc *readCache) update(changes []Change) {
	for _, ch := range changes {
		switch {
		case ch.Delete:
			rc.put(ch.Key, nil)
		case ch.Value == nil:
			rc.put(ch.Key, []byte{}) // present, empty
		default:
			rc.put(ch.Key, ch.Value)
		}
	}
}

// reset forgets everything (the committed state was replaced).
func (rc *readCache) reset() { rc.m = nil }

// cachedGet reads key from the latest committed version, through the cache.
func (c *Committer) cachedGet(key []byte) []byte {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		panic(ErrClosed)
	}
	if v, ok := c.reads.get(key); ok {
		c.mu.Unlock()
		return v
	}
	r := c.cur
	r.refs++
	c.mu.Unlock()
	v := r.s.Get(key)
	c.mu.Lock()
	if c.cur == r { // still the latest version: the value may be remembered
		c.reads.put(key, v)
	}
	c.mu.Unlock()
	c.release(r)
	return v
}

// cachedReader reads the latest committed version through the read cache
// (point reads only: Prepare's diff needs nothing else).
type cachedReader struct{ c *Committer }

func (r cachedReader) Get(key []byte) []byte { return r.c.cachedGet(key) }
func (r cachedReader) Has(key []byte) bool   { return r.c.cachedGet(key) != nil }
func (r cachedReader) Iterator(start, end []byte) Iterator {
	return liveReader(r).Iterator(start, end)
}
func (r cachedReader) ReverseIterator(start, end []byte) Iterator {
	return liveReader(r).ReverseIterator(start, end)
}
