package store_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

// TestReadCacheFollowsCommits: the committed-state reader (cached) agrees
// with a model and with an uncached View after every block of random
// writes, overwrites and deletes, and a caller that modifies a value it
// read does not change what later reads see.
func TestReadCacheFollowsCommits(t *testing.T) {
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string][]byte{}
	key := func(i int) []byte { return fmt.Appendf(nil, "k%02d", i) }
	const keys = 40
	for h := int64(1); h <= 60; h++ {
		// Read every key first, so the cache holds this version (absent keys too).
		for i := range keys {
			if v := c.Reader().Get(key(i)); v != nil {
				v[0] ^= 0xff // a careless caller
			}
		}
		blk := c.Begin()
		for range 10 {
			i := rng.IntN(keys)
			switch rng.IntN(3) {
			case 0:
				blk.Delete(key(i))
				delete(model, string(key(i)))
			default:
				v := fmt.Appendf(nil, "v%d/%d", h, i)
				blk.Set(key(i), v)
				model[string(key(i))] = v
			}
		}
		p, err := c.Prepare(blk, h)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Commit(p); err != nil {
			t.Fatal(err)
		}
		view, err := c.View()
		if err != nil {
			t.Fatal(err)
		}
		for i := range keys {
			got, want := c.Reader().Get(key(i)), model[string(key(i))]
			if !bytes.Equal(got, want) || (got == nil) != (want == nil) || c.Reader().Has(key(i)) != (want != nil) {
				t.Fatalf("block %d key %s: cached read %q, model %q", h, key(i), got, want)
			}
			if fromView := view.Get(key(i)); !bytes.Equal(fromView, want) {
				t.Fatalf("block %d key %s: view %q, model %q", h, key(i), fromView, want)
			}
		}
		view.Close()
	}
}

// TestReadCacheEmptiedByRestore: keys read as absent before a restore are
// present after it.
func TestReadCacheEmptiedByRestore(t *testing.T) {
	src := source(t, 5)
	batches, version, hash := exportAll(t, src, 16)
	dst, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	probe := batches[0][0].Key
	if dst.Reader().Get(probe) != nil {
		t.Fatal("empty store has the key")
	}
	r, err := dst.BeginRestore()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := r.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Finish(version, hash); err != nil {
		t.Fatal(err)
	}
	if got, want := dst.Reader().Get(probe), src.Reader().Get(probe); want == nil || !bytes.Equal(got, want) {
		t.Fatalf("after restore %q, want %q", got, want)
	}
}
