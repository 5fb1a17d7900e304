package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

// source commits n blocks of writes and returns the committer.
func source(t *testing.T, n int) *store.Committer {
	t.Helper()
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	for h := 1; h <= n; h++ {
		blk := c.Begin()
		for i := range 50 {
			blk.Set(fmt.Appendf(nil, "k/%03d/%03d", i, h%7), fmt.Appendf(nil, "v%d", h*i))
		}
		if h > 2 {
			blk.Delete(fmt.Appendf(nil, "k/%03d/%03d", h%50, (h-1)%7))
		}
		p, err := c.Prepare(blk, int64(h))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Commit(p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func exportAll(t *testing.T, c *store.Committer, batch int) (pairs [][]store.Pair, version int64, hash []byte) {
	t.Helper()
	v, err := c.View()
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	err = v.Export(batch, func(ps []store.Pair) error {
		cp := make([]store.Pair, len(ps))
		for i, p := range ps {
			cp[i] = store.Pair{Key: bytes.Clone(p.Key), Value: bytes.Clone(p.Value)}
		}
		pairs = append(pairs, cp)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pairs, v.Version(), v.AppHash()
}

func TestRestoreRoundTrip(t *testing.T) {
	src := source(t, 20)
	batches, version, hash := exportAll(t, src, 33)
	dst, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
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
	if dst.Version() != version || !bytes.Equal(dst.AppHash(), src.AppHash()) {
		t.Fatalf("restored version %d hash %X, want %d %X", dst.Version(), dst.AppHash(), version, src.AppHash())
	}
	// The restored store keeps committing like the source.
	for _, c := range []*store.Committer{src, dst} {
		blk := c.Begin()
		blk.Set([]byte("next"), []byte("1"))
		p, err := c.Prepare(blk, version+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Commit(p); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(dst.AppHash(), src.AppHash()) {
		t.Fatal("restored store diverged after the next block")
	}
}

func TestRestoreRefusals(t *testing.T) {
	src := source(t, 5)
	batches, version, hash := exportAll(t, src, 1000)
	pairs := batches[0]

	t.Run("not empty", func(t *testing.T) {
		if _, err := src.BeginRestore(); !errors.Is(err, store.ErrNotEmpty) {
			t.Fatalf("err = %v, want ErrNotEmpty", err)
		}
	})
	t.Run("out of order", func(t *testing.T) {
		dst, _ := store.Open(mem.New())
		r, err := dst.BeginRestore()
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Add([]store.Pair{pairs[1], pairs[0]}); !errors.Is(err, store.ErrRestoreOrder) {
			t.Fatalf("err = %v, want ErrRestoreOrder", err)
		}
		if err := r.Abort(); err != nil {
			t.Fatal(err)
		}
		assertEmpty(t, dst)
	})
	t.Run("wrong hash wipes", func(t *testing.T) {
		b := mem.New()
		dst, _ := store.Open(b)
		r, err := dst.BeginRestore()
		if err != nil {
			t.Fatal(err)
		}
		tampered := append([]store.Pair{}, pairs...)
		tampered[3] = store.Pair{Key: tampered[3].Key, Value: []byte("forged")}
		if err := r.Add(tampered); err != nil {
			t.Fatal(err)
		}
		if err := r.Finish(version, hash); !errors.Is(err, store.ErrRestoreHash) {
			t.Fatalf("err = %v, want ErrRestoreHash", err)
		}
		assertEmpty(t, dst)
		// The store can restore again after a refused snapshot.
		r, err = dst.BeginRestore()
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Add(pairs); err != nil {
			t.Fatal(err)
		}
		if err := r.Finish(version, hash); err != nil {
			t.Fatal(err)
		}
	})
}

// A crash in the middle of a restore leaves a store that reopens empty.
func TestRestoreInterruptedIsWipedOnOpen(t *testing.T) {
	src := source(t, 5)
	batches, _, _ := exportAll(t, src, 10)
	b := mem.New()
	dst, _ := store.Open(b)
	r, err := dst.BeginRestore()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Add(batches[0]); err != nil {
		t.Fatal(err)
	}
	// No Finish, no Abort: the process dies here.
	reopened, err := store.Open(b)
	if err != nil {
		t.Fatalf("reopen after an interrupted restore: %v", err)
	}
	assertEmpty(t, reopened)
}

func assertEmpty(t *testing.T, c *store.Committer) {
	t.Helper()
	if c.Version() != 0 || !bytes.Equal(c.AppHash(), store.EmptyAppHash()) {
		t.Fatalf("store not empty: version %d", c.Version())
	}
	it := c.Reader().Iterator(nil, nil)
	defer it.Close()
	if it.Valid() {
		t.Fatalf("store not empty: key %q", it.Key())
	}
}
