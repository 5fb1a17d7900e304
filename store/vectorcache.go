package store

import "bytes"

// vectorCacheEntries bounds the vector cache (2 KiB a vector: 32 MiB);
// when full it starts over.
const vectorCacheEntries = 1 << 14

// vectorCache keeps the LtHash vectors of recently written pairs, so that
// when a key is written again its old pair's vector, needed to remove it
// from the accumulator, is not computed a second time: a subnet's state,
// balances and stakes change block after block. An entry serves only the
// exact (key, value) it was computed for, so a stale entry (a block that was
// prepared but not committed) is never used; the accumulator, and so the
// app hash, is the same with or without the cache. Used under
// Committer.wmu: looked up by Prepare's chunks together, written after them.
type vectorCache struct {
	m map[string]vectorEntry
}

// vectorEntry is one pair and its vector.
type vectorEntry struct {
	key, value []byte
	vec        *[ltBytes]byte
}

// get returns the vector of (key, value), nil if not cached. A nil cache has nothing.
func (vc *vectorCache) get(key, value []byte) *[ltBytes]byte {
	if vc == nil {
		return nil
	}
	e, ok := vc.m[string(key)]
	if !ok || !bytes.Equal(e.value, value) {
		return nil
	}
	return e.vec
}

// putAll records fresh vectors (the values are copied: the caller's
// buffers may be reused). A nil cache keeps nothing.
func (vc *vectorCache) putAll(fresh []vectorEntry) {
	if vc == nil {
		return
	}
	for _, e := range fresh {
		if vc.m == nil || len(vc.m) >= vectorCacheEntries {
			vc.m = make(map[string]vectorEntry, 1024)
		}
		e.value = clone(e.value)
		vc.m[string(e.key)] = e
	}
}
