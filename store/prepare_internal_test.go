package store

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"
)

// mapSnapshot is a point-read-only Snapshot over a map.
type mapSnapshot map[string][]byte

func (m mapSnapshot) Get(k []byte) []byte                  { return m[string(k)] }
func (m mapSnapshot) Has(k []byte) bool                    { return m[string(k)] != nil }
func (m mapSnapshot) Iterator(_, _ []byte) Iterator        { panic("unused") }
func (m mapSnapshot) ReverseIterator(_, _ []byte) Iterator { panic("unused") }
func (m mapSnapshot) Close() error                         { return nil }

// TestParallelDiffIsSequentialDiff: a block large enough to be split gives
// the same backend changes, in the same order, and the same accumulator as
// one sequential pass, whatever the number of goroutines.
func TestParallelDiffIsSequentialDiff(t *testing.T) {
	snap := mapSnapshot{}
	var buffered []Change
	for i := range 5 * minParallelChanges {
		k := fmt.Appendf(nil, "k%06d", i)
		switch i % 5 {
		case 0: // new key
			buffered = append(buffered, Change{Key: k, Value: []byte{byte(i)}})
		case 1: // overwrite
			snap[string(appKey(k))] = []byte("old")
			buffered = append(buffered, Change{Key: k, Value: []byte{byte(i), 1}})
		case 2: // rewrite of the same value: no change
			snap[string(appKey(k))] = []byte("same")
			buffered = append(buffered, Change{Key: k, Value: []byte("same")})
		case 3: // delete
			snap[string(appKey(k))] = []byte("gone")
			buffered = append(buffered, Change{Key: k, Delete: true})
		case 4: // delete of an absent key: no change
			buffered = append(buffered, Change{Key: k, Delete: true})
		}
	}
	var want ltHash
	wantChanges, _ := diffChunk(snap, nil, buffered, &want)
	if len(wantChanges) != 3*minParallelChanges {
		t.Fatalf("%d changes, want %d", len(wantChanges), 3*minParallelChanges)
	}
	for _, procs := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			changes, delta := diff(snap, &vectorCache{}, buffered)
			if !reflect.DeepEqual(changes, wantChanges) {
				t.Fatal("changes differ from the sequential diff")
			}
			if *delta != want {
				t.Fatal("accumulator differs from the sequential diff")
			}
		})
	}
}

// panicSnapshot fails every read, as a backend with an I/O error does.
type panicSnapshot struct{ mapSnapshot }

func (panicSnapshot) Get([]byte) []byte { panic("store: read failed") }

// TestParallelDiffReraisesPanics: a failed read in a chunk reaches the caller.
func TestParallelDiffReraisesPanics(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	buffered := make([]Change, 4*minParallelChanges)
	for i := range buffered {
		buffered[i] = Change{Key: fmt.Appendf(nil, "k%d", i), Value: []byte{1}}
	}
	defer func() {
		if r := recover(); r != "store: read failed" {
			t.Fatalf("recovered %v, want the read's panic", r)
		}
	}()
	diff(panicSnapshot{}, nil, buffered)
	t.Fatal("diff returned over failed reads")
}

// TestVectorCacheKeepsTheHash: a second block over the keys the first one
// wrote, diffed with the vectors the first one cached, gives the same
// changes and accumulator as without a cache, and stale entries (values
// that are no longer the committed ones) are not used.
func TestVectorCacheKeepsTheHash(t *testing.T) {
	snap := mapSnapshot{}
	block := func(round int) []Change {
		var out []Change
		for i := range 3 * minParallelChanges {
			k := fmt.Appendf(nil, "k%04d", i)
			switch (i + round) % 3 {
			case 0:
				out = append(out, Change{Key: k, Value: fmt.Appendf(nil, "v%d/%d", round, i)})
			case 1:
				out = append(out, Change{Key: k, Delete: true})
			default:
				out = append(out, Change{Key: k, Value: []byte("same")})
			}
		}
		return out
	}
	vc := &vectorCache{}
	for round := range 4 {
		buffered := block(round)
		var want ltHash
		wantChanges, _ := diffChunk(snap, nil, buffered, &want)
		changes, delta := diff(snap, vc, buffered)
		if !reflect.DeepEqual(changes, wantChanges) || *delta != want {
			t.Fatalf("round %d: the cache changed the diff", round)
		}
		if round == 2 {
			continue // prepared, never committed: the cache holds values the snapshot does not
		}
		for _, ch := range buffered {
			if ch.Delete {
				delete(snap, string(appKey(ch.Key)))
			} else {
				snap[string(appKey(ch.Key))] = ch.Value
			}
		}
	}
	if len(vc.m) == 0 {
		t.Fatal("nothing was cached")
	}
}

// TestVectorCacheKeepsWhatIsUsed: an entry hit between fills survives any
// number of generations; one never hit again is dropped after two.
func TestVectorCacheKeepsWhatIsUsed(t *testing.T) {
	vc := &vectorCache{}
	vec := new([ltBytes]byte)
	vc.putAll([]vectorEntry{{key: []byte("hot"), value: []byte("1"), vec: vec}, {key: []byte("cold"), value: []byte("1"), vec: vec}})
	for round := range 5 {
		if vc.get([]byte("hot"), []byte("1")) == nil {
			t.Fatalf("round %d: the hot entry was evicted", round)
		}
		fill := make([]vectorEntry, vectorCacheEntries)
		for i := range fill {
			fill[i] = vectorEntry{key: fmt.Appendf(nil, "f%d/%d", round, i), value: []byte("x"), vec: vec}
		}
		vc.putAll(fill)
	}
	if vc.get([]byte("cold"), []byte("1")) != nil {
		t.Fatal("an entry never used again outlived two generations")
	}
	if vc.get([]byte("hot"), []byte("2")) != nil {
		t.Fatal("an entry served another value")
	}
}
