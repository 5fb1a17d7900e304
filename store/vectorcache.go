package store

import (
	"bytes"
	"sync"
)

// vectorCacheEntries bounds each of the vector cache's two generations
// (2 KiB a vector: at most 32 MiB in all).
const vectorCacheEntries = 1 << 13

// vectorCache keeps the LtHash vectors of recently written pairs, so that
// when a key is written again its old pair's vector, needed to remove it
// from the accumulator, is not computed a second time: a subnet's state,
// balances and stakes change block after block. An entry serves only the
// exact (key, value) it was computed for, so a stale entry (a block that was
// prepared but not committed) is never used; the accumulator, and so the
// app hash, is the same with or without the cache. Used under
// Committer.wmu: looked up by Prepare's chunks together, written after them.
//
// Eviction keeps what is used: entries live in a current and a previous
// generation; when the current one fills, it becomes the previous one and
// the old previous one is dropped, and a hit in the previous generation is
// carried into the current one. Keys rewritten every few blocks (stakes
// paid by every epoch) stay; keys written once a tempo pass through.
type vectorCache struct {
	m    map[string]vectorEntry // current generation
	prev map[string]vectorEntry
	// carry are previous-generation hits to move into m (lookups run
	// concurrently and only read; putAll moves them).
	carry []vectorEntry
	mu    sync.Mutex // guards carry
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
	if e, ok := vc.m[string(key)]; ok && bytes.Equal(e.value, value) {
		return e.vec
	}
	if e, ok := vc.prev[string(key)]; ok && bytes.Equal(e.value, value) {
		vc.mu.Lock()
		vc.carry = append(vc.carry, e)
		vc.mu.Unlock()
		return e.vec
	}
	return nil
}

// putAll records fresh vectors (the values are copied: the caller's
// buffers may be reused). A nil cache keeps nothing.
func (vc *vectorCache) putAll(fresh []vectorEntry) {
	if vc == nil {
		return
	}
	vc.mu.Lock()
	carry := vc.carry
	vc.carry = nil
	vc.mu.Unlock()
	for _, e := range carry {
		vc.put(e)
	}
	for _, e := range fresh {
		e.value = clone(e.value)
		vc.put(e)
	}
}

func (vc *vectorCache) put(e vectorEntry) {
	if vc.m == nil {
		vc.m = make(map[string]vectorEntry, 1024)
	}
	if len(vc.m) >= vectorCacheEntries {
		vc.prev, vc.m = vc.m, make(map[string]vectorEntry, 1024)
	}
	vc.m[string(e.key)] = e
}
