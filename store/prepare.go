package store

import (
	"bytes"
	"runtime"
	"sync"
)

// minParallelChanges is the fewest changes a goroutine of Prepare takes
// on: each costs two pair vectors (~5 µs each) and a read, so even a quiet
// block's ~150 changes are worth splitting, while a handful are not.
const minParallelChanges = 32

// diff turns a block's buffered changes into backend changes and the
// accumulator's update: for each change it reads the committed value from
// s, drops changes that change nothing, and adds (subtracts) the vectors of
// the new (old) pairs into delta.
//
// Large blocks are split into contiguous chunks diffed in parallel, each
// with its own hasher and partial accumulator; the partial accumulators are
// summed lane-wise (mod 2^16, which commutes) and the chunks' changes are
// concatenated in input order, so the result is identical to a sequential
// diff on every machine. A panic in a chunk (a failed read) is re-raised
// in the caller.
func diff(s Reader, vc *vectorCache, buffered []Change) ([]Change, *ltHash) {
	workers := min(runtime.GOMAXPROCS(0), len(buffered)/minParallelChanges)
	if workers <= 1 {
		var delta ltHash
		changes, fresh := diffChunk(s, vc, buffered, &delta)
		vc.putAll(fresh)
		return changes, &delta
	}
	type part struct {
		changes []Change
		fresh   []vectorEntry
		delta   ltHash
		panic   any
	}
	parts := make([]part, workers)
	size := (len(buffered) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*size, min((w+1)*size, len(buffered))
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { parts[w].panic = recover() }()
			parts[w].changes, parts[w].fresh = diffChunk(s, vc, buffered[lo:hi], &parts[w].delta)
		}()
	}
	wg.Wait()
	var delta ltHash
	out := make([]Change, 0, len(buffered)+1)
	for w := range parts {
		if p := parts[w].panic; p != nil {
			panic(p)
		}
		out = append(out, parts[w].changes...)
		delta.merge(&parts[w].delta)
		vc.putAll(parts[w].fresh)
	}
	return out, &delta
}

// diffChunk diffs buffered against s into delta (see diff), taking the
// vectors of old pairs from vc when it has them; it returns the vectors of
// the new pairs for vc (vc is only read here, so chunks may run together).
func diffChunk(s Reader, vc *vectorCache, buffered []Change, delta *ltHash) ([]Change, []vectorEntry) {
	ph := newPairHasher()
	changes := make([]Change, 0, len(buffered))
	var fresh []vectorEntry
	sub := func(key, old []byte) {
		if v := vc.get(key, old); v != nil {
			delta.subVector(v)
		} else {
			delta.subVector(ph.vector(key, old))
		}
	}
	for _, ch := range buffered {
		k := appKey(ch.Key)
		old := s.Get(k)
		if ch.Delete {
			if old == nil {
				continue
			}
			sub(ch.Key, old)
			changes = append(changes, Change{Key: k, Delete: true})
			continue
		}
		if old != nil && bytes.Equal(old, ch.Value) {
			continue
		}
		if old != nil {
			sub(ch.Key, old)
		}
		v := ph.vector(ch.Key, ch.Value)
		delta.addVector(v)
		if vc != nil {
			vec := new([ltBytes]byte)
			*vec = *v
			fresh = append(fresh, vectorEntry{key: ch.Key, value: ch.Value, vec: vec})
		}
		changes = append(changes, Change{Key: k, Value: ch.Value})
	}
	return changes, fresh
}

// merge adds o into h lane-wise (mod 2^16).
func (h *ltHash) merge(o *ltHash) {
	for i := range h {
		h[i] += o[i]
	}
}
