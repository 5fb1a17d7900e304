package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
)

// StorageFunc creates a new, empty storage location and returns a function
// that opens a Backend over it. The suite closes each Backend before opening
// the next, so a reopened Backend must see what earlier ones committed.
type StorageFunc func(t testing.TB) (open func() store.Backend)

// RunCommitter runs the Committer suite over backends from storage.
func RunCommitter(t *testing.T, storage StorageFunc) {
	t.Run("Fresh", func(t *testing.T) { testFresh(t, storage) })
	t.Run("PrepareWithoutCommit", func(t *testing.T) { testPrepareWithoutCommit(t, storage) })
	t.Run("Reopen", func(t *testing.T) { testReopen(t, storage) })
	t.Run("Errors", func(t *testing.T) { testCommitterErrors(t, storage) })
	t.Run("MetadataIsolation", func(t *testing.T) { testMetadataIsolation(t, storage) })
	t.Run("ConcurrentReaders", func(t *testing.T) { testConcurrentReaders(t, storage) })
	t.Run("HistoryIndependence", func(t *testing.T) { testHistoryIndependence(t, storage) })
	t.Run("Model", func(t *testing.T) { testCommitterModel(t, storage) })
}

// Opened is a Committer with the Backend under it.
type Opened struct {
	*store.Committer
	Backend store.Backend
}

// OpenCommitter opens a Committer over open().
func OpenCommitter(t TB, open func() store.Backend) Opened {
	t.Helper()
	b := open()
	c, err := store.Open(b)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	return Opened{c, b}
}

// Close closes the Committer and then its Backend.
func (o Opened) Close(t TB) {
	t.Helper()
	if err := o.Committer.Close(); err != nil {
		t.Fatalf("committer close: %v", err)
	}
	if err := o.Backend.Close(); err != nil {
		t.Fatalf("backend close: %v", err)
	}
}

// CommitBlock applies writes (value Del = delete) as the next version and
// returns the new app hash.
func CommitBlock(t TB, c *store.Committer, writes ...[2]string) []byte {
	t.Helper()
	blk := c.Begin()
	for _, w := range writes {
		if w[1] == "\x00nil" {
			blk.Delete([]byte(w[0]))
		} else {
			blk.Set([]byte(w[0]), []byte(w[1]))
		}
	}
	p, err := c.Prepare(blk, c.Version()+1)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	if err := c.Commit(p); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if !bytes.Equal(p.AppHash(), c.AppHash()) {
		t.Fatalf("committed hash %x differs from prepared %x", c.AppHash(), p.AppHash())
	}
	return c.AppHash()
}

// Del is the CommitBlock value meaning "delete".
const Del = "\x00nil"

func testFresh(t *testing.T, storage StorageFunc) {
	o := OpenCommitter(t, storage(t))
	defer o.Close(t)
	if o.Version() != 0 || !bytes.Equal(o.AppHash(), store.EmptyAppHash()) {
		t.Fatalf("fresh store: version %d hash %x", o.Version(), o.AppHash())
	}
	if got := Scan(o.Reader(), nil, nil, false); len(got) != 0 {
		t.Fatalf("fresh store has keys %q", got)
	}
}

func testPrepareWithoutCommit(t *testing.T, storage StorageFunc) {
	open := storage(t)
	o := OpenCommitter(t, open)
	h1 := CommitBlock(t, o.Committer, [2]string{"a", "1"}, [2]string{"b", "2"})
	blk := o.Begin()
	blk.Set([]byte("a"), []byte("changed"))
	blk.Delete([]byte("b"))
	blk.Set([]byte("c"), []byte("3"))
	p, err := o.Prepare(blk, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(p.AppHash(), h1) || p.Version() != 2 {
		t.Fatalf("pending hash %x version %d", p.AppHash(), p.Version())
	}
	check := func(c *store.Committer) {
		t.Helper()
		if c.Version() != 1 || !bytes.Equal(c.AppHash(), h1) {
			t.Fatalf("after Prepare: version %d hash %x, want 1 %x", c.Version(), c.AppHash(), h1)
		}
		want := []KV{{[]byte("a"), []byte("1")}, {[]byte("b"), []byte("2")}}
		if got := Scan(c.Reader(), nil, nil, false); !Equal(got, want) {
			t.Fatalf("after Prepare: state %q, want %q", got, want)
		}
	}
	check(o.Committer)
	// The same block prepared twice gives the same hash.
	p2, err := o.Prepare(blk, 2)
	if err != nil || !bytes.Equal(p2.AppHash(), p.AppHash()) {
		t.Fatalf("second Prepare: %v, %x vs %x", err, p2.AppHash(), p.AppHash())
	}
	o.Close(t) // "crash" between Prepare and Commit
	o = OpenCommitter(t, open)
	defer o.Close(t)
	check(o.Committer)
}

func testReopen(t *testing.T, storage StorageFunc) {
	open := storage(t)
	o := OpenCommitter(t, open)
	m := Model{}
	for v := 1; v <= 5; v++ {
		var ws [][2]string
		for i := 0; i < 20; i++ {
			k, val := fmt.Sprintf("k%02d", (i*7+v)%30), fmt.Sprintf("v%d.%d", v, i)
			if i%5 == 0 {
				ws = append(ws, [2]string{k, Del})
				m.Delete([]byte(k))
			} else {
				ws = append(ws, [2]string{k, val})
				m.Set([]byte(k), []byte(val))
			}
		}
		CommitBlock(t, o.Committer, ws...)
	}
	version, hash := o.Info()
	o.Close(t)
	o = OpenCommitter(t, open)
	defer o.Close(t)
	if o.Version() != version || !bytes.Equal(o.AppHash(), hash) || version != 5 {
		t.Fatalf("reopened at %d %x, want %d %x", o.Version(), o.AppHash(), version, hash)
	}
	if got, want := Scan(o.Reader(), nil, nil, false), m.Range(nil, nil, false); !Equal(got, want) {
		t.Fatalf("reopened state %q, want %q", got, want)
	}
	// And it continues from there.
	CommitBlock(t, o.Committer, [2]string{"z", "6"})
	if o.Version() != 6 {
		t.Fatalf("version after reopen+commit = %d", o.Version())
	}
}

func testCommitterErrors(t *testing.T, storage StorageFunc) {
	o := OpenCommitter(t, storage(t))
	defer o.Close(t)
	other := OpenCommitter(t, storage(t))
	defer other.Close(t)

	// A fresh store accepts any positive first version (initial height).
	blk := o.Begin()
	blk.Set([]byte("a"), []byte("1"))
	for _, v := range []int64{0, -1} {
		if _, err := o.Prepare(blk, v); !errors.Is(err, store.ErrVersion) {
			t.Errorf("Prepare(version %d) on fresh store: %v, want ErrVersion", v, err)
		}
	}
	p, err := o.Prepare(blk, 10)
	if err != nil {
		t.Fatalf("initial height 10: %v", err)
	}
	stale := o.Begin()
	if err := o.Commit(p); err != nil {
		t.Fatal(err)
	}
	if err := o.Commit(p); !errors.Is(err, store.ErrStale) {
		t.Errorf("second Commit of one Pending: %v, want ErrStale", err)
	}
	if _, err := o.Prepare(stale, 11); !errors.Is(err, store.ErrStale) {
		t.Errorf("Prepare of a branch from before the last Commit: %v, want ErrStale", err)
	}
	for _, v := range []int64{10, 12, 9} {
		if _, err := o.Prepare(o.Begin(), v); !errors.Is(err, store.ErrVersion) {
			t.Errorf("Prepare(version %d) after 10: %v, want ErrVersion", v, err)
		}
	}
	if _, err := o.Prepare(store.NewCache(NewModelKV()), 11); !errors.Is(err, store.ErrForeign) {
		t.Errorf("Prepare of a foreign cache: %v, want ErrForeign", err)
	}
	if _, err := o.Prepare(store.NewCache(o.Begin()), 11); !errors.Is(err, store.ErrForeign) {
		t.Errorf("Prepare of a nested cache: %v, want ErrForeign", err)
	}
	if _, err := other.Prepare(o.Begin(), 1); !errors.Is(err, store.ErrForeign) {
		t.Errorf("Prepare of another committer's branch: %v, want ErrForeign", err)
	}
	po, err := other.Prepare(other.Begin(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Commit(po); !errors.Is(err, store.ErrForeign) {
		t.Errorf("Commit of another committer's pending: %v, want ErrForeign", err)
	}
	// Writing the block branch itself into committed state is refused.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Write on the block branch did not panic")
			}
		}()
		b := o.Begin()
		b.Set([]byte("x"), []byte("y"))
		b.Write()
	}()
	// After Close.
	c2 := OpenCommitter(t, storage(t))
	p2, err := c2.Prepare(c2.Begin(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := c2.Committer.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c2.Committer.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := c2.Commit(p2); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Commit after Close: %v, want ErrClosed", err)
	}
	if _, err := c2.Prepare(c2.Begin(), 1); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Prepare after Close: %v, want ErrClosed", err)
	}
	if _, err := c2.View(); !errors.Is(err, store.ErrClosed) {
		t.Errorf("View after Close: %v, want ErrClosed", err)
	}
	if err := c2.Backend.Close(); err != nil {
		t.Fatal(err)
	}
}

func testMetadataIsolation(t *testing.T, storage StorageFunc) {
	o := OpenCommitter(t, storage(t))
	defer o.Close(t)
	// Application keys that look like internal keys stay application keys.
	CommitBlock(t, o.Committer, [2]string{"\x00meta", "x"}, [2]string{"\x00", "y"}, [2]string{"\x01", "z"}, [2]string{"\xff", "w"})
	CommitBlock(t, o.Committer, [2]string{"\x00meta", Del})
	if o.Version() != 2 {
		t.Fatalf("version = %d", o.Version())
	}
	want := []KV{{[]byte("\x00"), []byte("y")}, {[]byte("\x01"), []byte("z")}, {[]byte("\xff"), []byte("w")}}
	if got := Scan(o.Reader(), nil, nil, false); !Equal(got, want) {
		t.Fatalf("reader = %q, want %q", got, want)
	}
	if got := Scan(o.Reader(), nil, nil, true); len(got) != 3 || string(got[0].Key) != "\xff" {
		t.Fatalf("reverse reader = %q", got)
	}
}

// testConcurrentReaders commits blocks that set every key to the block's
// version while readers check that each view and each iterator sees a
// single version. Run it with -race.
func testConcurrentReaders(t *testing.T, storage StorageFunc) {
	o := OpenCommitter(t, storage(t))
	defer o.Close(t)
	const keys, blocks = 10, 40
	write := func(v int) {
		var ws [][2]string
		for i := 0; i < keys; i++ {
			ws = append(ws, [2]string{fmt.Sprintf("k%d", i), fmt.Sprint(v)})
		}
		CommitBlock(t, o.Committer, ws...)
	}
	write(1)
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				view, err := o.View()
				if err != nil {
					errs <- err
					return
				}
				got := Scan(view, nil, nil, false)
				want := fmt.Sprint(view.Version())
				view.Close()
				for _, kv := range got {
					if string(kv.Value) != want {
						errs <- fmt.Errorf("view at %s saw %s=%s", want, kv.Key, kv.Value)
						return
					}
				}
				got = Scan(o.Reader(), nil, nil, true)
				for _, kv := range got {
					if !bytes.Equal(kv.Value, got[0].Value) {
						errs <- fmt.Errorf("reader iterator mixed versions: %q", got)
						return
					}
				}
				if len(got) != keys {
					errs <- fmt.Errorf("reader saw %d keys", len(got))
					return
				}
			}
		}()
	}
	for v := 2; v <= blocks; v++ {
		write(v)
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func testHistoryIndependence(t *testing.T, storage StorageFunc) {
	// History A: many small blocks with overwrites and deletes.
	a := OpenCommitter(t, storage(t))
	defer a.Close(t)
	CommitBlock(t, a.Committer, [2]string{"x", "0"}, [2]string{"y", "0"}, [2]string{"gone", "1"})
	CommitBlock(t, a.Committer, [2]string{"x", "1"}, [2]string{"gone", Del})
	CommitBlock(t, a.Committer, [2]string{"z", "2"}, [2]string{"y", "2"}, [2]string{"temp", "t"})
	hA := CommitBlock(t, a.Committer, [2]string{"temp", Del}, [2]string{"y", "0"})
	// History B: the final state written at once, in another order.
	b := OpenCommitter(t, storage(t))
	defer b.Close(t)
	hB := CommitBlock(t, b.Committer, [2]string{"z", "2"}, [2]string{"y", "0"}, [2]string{"x", "1"})
	if !bytes.Equal(hA, hB) {
		t.Fatalf("same state, different hashes: %x vs %x", hA, hB)
	}
	// Deleting everything returns to the empty-state hash.
	h := CommitBlock(t, b.Committer, [2]string{"x", Del}, [2]string{"y", Del}, [2]string{"z", Del})
	if !bytes.Equal(h, store.EmptyAppHash()) {
		t.Fatalf("empty again: %x, want %x", h, store.EmptyAppHash())
	}
}

// testCommitterModel drives a Committer with random blocks made of nested
// per-transaction branches (some dropped), random Prepare-only blocks and
// reopens, and checks the committed state against a model; at the end the
// app hash must equal that of the model's state committed in one block.
func testCommitterModel(t *testing.T, storage StorageFunc) {
	rapid.Check(t, func(rt *rapid.T) {
		open := storage(t)
		o := OpenCommitter(rt, open)
		defer func() { o.Close(rt) }()
		committed := Model{}
		for blocks := rapid.IntRange(1, 6).Draw(rt, "blocks"); blocks > 0; blocks-- {
			blk := o.Begin()
			m := committed.Clone()
			for txs := rapid.IntRange(0, 4).Draw(rt, "txs"); txs > 0; txs-- {
				tx := store.NewCache(blk)
				tm := m.Clone()
				for ops := rapid.IntRange(0, 5).Draw(rt, "ops"); ops > 0; ops-- {
					k := genKey().Draw(rt, "k")
					if rapid.Bool().Draw(rt, "del") {
						tx.Delete(k)
						tm.Delete(k)
					} else {
						v := genValue().Draw(rt, "v")
						tx.Set(k, v)
						tm.Set(k, v)
					}
				}
				if rapid.IntRange(0, 3).Draw(rt, "fail") > 0 {
					tx.Write()
					m = tm
				}
			}
			p, err := o.Prepare(blk, o.Version()+1)
			if err != nil {
				rt.Fatalf("prepare: %v", err)
			}
			switch rapid.IntRange(0, 4).Draw(rt, "end") {
			case 0: // prepared, never committed
			case 1: // committed, then reopened
				if err := o.Commit(p); err != nil {
					rt.Fatalf("commit: %v", err)
				}
				committed = m
				o.Close(rt)
				o = OpenCommitter(rt, open)
			default:
				if err := o.Commit(p); err != nil {
					rt.Fatalf("commit: %v", err)
				}
				committed = m
			}
			if got, want := Scan(o.Reader(), nil, nil, false), committed.Range(nil, nil, false); !Equal(got, want) {
				rt.Fatalf("committed state:\n got %s\nwant %s", fmtKVs(got), fmtKVs(want))
			}
		}
		fresh := OpenCommitter(rt, storage(t))
		defer fresh.Close(rt)
		blk := fresh.Begin()
		for _, kv := range committed.Range(nil, nil, false) {
			blk.Set(kv.Key, kv.Value)
		}
		p, err := fresh.Prepare(blk, 1)
		if err != nil {
			rt.Fatal(err)
		}
		if !bytes.Equal(p.AppHash(), o.AppHash()) {
			rt.Fatalf("app hash %x differs from the hash of the same state built at once %x", o.AppHash(), p.AppHash())
		}
	})
}
