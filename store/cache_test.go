package store_test

import (
	"bytes"
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/store/storetest"
)

type kvs = []storetest.KV

func kv(k, v string) storetest.KV { return storetest.KV{Key: []byte(k), Value: []byte(v)} }

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", name)
		}
	}()
	f()
}

func TestCacheInvalidUse(t *testing.T) {
	c := store.NewCache(storetest.NewModelKV())
	mustPanic(t, "Set empty key", func() { c.Set(nil, []byte("v")) })
	mustPanic(t, "Set zero-length key", func() { c.Set([]byte{}, []byte("v")) })
	mustPanic(t, "Set nil value", func() { c.Set([]byte("k"), nil) })
	mustPanic(t, "Delete empty key", func() { c.Delete(nil) })
	mustPanic(t, "Get empty key", func() { c.Get(nil) })
	mustPanic(t, "Has empty key", func() { c.Has(nil) })
	it := c.Iterator(nil, nil)
	mustPanic(t, "Next on invalid iterator", func() { it.Next() })
	it.Close()
}

func TestCacheReadsOwnWrites(t *testing.T) {
	root := storetest.NewModelKV()
	root.Set([]byte("a"), []byte("root-a"))
	root.Set([]byte("b"), []byte("root-b"))
	c := store.NewCache(root)
	c.Set([]byte("a"), []byte("cache-a"))
	c.Delete([]byte("b"))
	c.Set([]byte("c"), []byte{})
	tests := []struct {
		key  string
		want []byte
	}{
		{"a", []byte("cache-a")},
		{"b", nil},
		{"c", []byte{}},
		{"d", nil},
	}
	for _, tt := range tests {
		got := c.Get([]byte(tt.key))
		if !bytes.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("Get(%q) = %q, want %q", tt.key, got, tt.want)
		}
		if c.Has([]byte(tt.key)) != (tt.want != nil) {
			t.Errorf("Has(%q) wrong", tt.key)
		}
	}
	if got := string(root.Get([]byte("a"))); got != "root-a" {
		t.Errorf("parent changed before Write: a = %q", got)
	}
	// Set copies its arguments.
	k, v := []byte("k"), []byte("v")
	c.Set(k, v)
	k[0], v[0] = 'x', 'x'
	if got := string(c.Get([]byte("k"))); got != "v" {
		t.Errorf("Set retained caller buffers: %q", got)
	}
}

func TestCacheWriteAndDiscard(t *testing.T) {
	root := storetest.NewModelKV()
	root.Set([]byte("a"), []byte("1"))
	c := store.NewCache(root)
	c.Set([]byte("b"), []byte("2"))
	c.Delete([]byte("a"))
	c.Discard()
	if c.Len() != 0 || !root.Has([]byte("a")) || root.Has([]byte("b")) {
		t.Fatal("Discard leaked writes")
	}
	c.Set([]byte("b"), []byte("2"))
	c.Delete([]byte("a"))
	c.Write()
	if c.Len() != 0 || root.Has([]byte("a")) || string(root.Get([]byte("b"))) != "2" {
		t.Fatal("Write did not flush")
	}
	// Still usable after Write.
	c.Set([]byte("c"), []byte("3"))
	c.Write()
	if string(root.Get([]byte("c"))) != "3" {
		t.Fatal("second Write lost")
	}
}

// orderKV records the order of writes it receives.
type orderKV struct {
	*storetest.ModelKV
	log []string
}

func (o *orderKV) Set(k, v []byte) { o.log = append(o.log, "set "+string(k)); o.ModelKV.Set(k, v) }
func (o *orderKV) Delete(k []byte) { o.log = append(o.log, "del "+string(k)); o.ModelKV.Delete(k) }

func TestCacheWriteIsOrdered(t *testing.T) {
	root := &orderKV{ModelKV: storetest.NewModelKV()}
	c := store.NewCache(root)
	for _, k := range []string{"d", "b", "a", "c"} {
		c.Set([]byte(k), []byte("v"))
	}
	c.Delete([]byte("b"))
	c.Delete([]byte("e"))
	c.Write()
	want := []string{"set a", "del b", "set c", "set d", "del e"}
	if fmt.Sprint(root.log) != fmt.Sprint(want) {
		t.Errorf("write order %q, want %q", root.log, want)
	}
	ch := store.NewCache(root)
	ch.Set([]byte("y"), []byte("1"))
	ch.Delete([]byte("x"))
	got := ch.Changes()
	if len(got) != 2 || string(got[0].Key) != "x" || !got[0].Delete || string(got[1].Key) != "y" || got[1].Delete {
		t.Errorf("Changes = %+v", got)
	}
}

func TestCacheMergedIterators(t *testing.T) {
	root := storetest.NewModelKV()
	for _, k := range []string{"a", "b", "c", "d", "e", "f"} {
		root.Set([]byte(k), []byte("p"+k))
	}
	mid := store.NewCache(root)
	mid.Delete([]byte("a"))            // delete first parent key
	mid.Set([]byte("b"), []byte("mb")) // overwrite
	mid.Set([]byte("bb"), []byte("mbb"))
	mid.Delete([]byte("d"))
	mid.Delete([]byte("zz")) // delete of an absent key
	top := store.NewCache(mid)
	top.Set([]byte("a"), []byte("ta")) // resurrect
	top.Delete([]byte("bb"))
	top.Delete([]byte("f")) // delete last parent key
	top.Set([]byte("g"), []byte("tg"))

	tests := []struct {
		name       string
		r          store.Reader
		start, end string
		want       kvs
	}{
		{"mid all", mid, "", "", kvs{kv("b", "mb"), kv("bb", "mbb"), kv("c", "pc"), kv("e", "pe"), kv("f", "pf")}},
		{"top all", top, "", "", kvs{kv("a", "ta"), kv("b", "mb"), kv("c", "pc"), kv("e", "pe"), kv("g", "tg")}},
		{"top [b,e)", top, "b", "e", kvs{kv("b", "mb"), kv("c", "pc")}},
		{"top [bb,d)", top, "bb", "d", kvs{kv("c", "pc")}},
		{"top [f,h)", top, "f", "h", kvs{kv("g", "tg")}},
		{"top [d,e)", top, "d", "e", nil},
		{"top [e,b) empty", top, "e", "b", nil},
	}
	bound := func(s string) []byte {
		if s == "" {
			return nil
		}
		return []byte(s)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := storetest.Scan(tt.r, bound(tt.start), bound(tt.end), false)
			if !storetest.Equal(got, tt.want) {
				t.Errorf("ascending = %q, want %q", got, tt.want)
			}
			rev := make(kvs, len(tt.want))
			for i := range tt.want {
				rev[len(rev)-1-i] = tt.want[i]
			}
			got = storetest.Scan(tt.r, bound(tt.start), bound(tt.end), true)
			if !storetest.Equal(got, rev) {
				t.Errorf("descending = %q, want %q", got, rev)
			}
		})
	}
}

func TestCacheIteratorIsPointInTime(t *testing.T) {
	c := store.NewCache(storetest.NewModelKV())
	for i := 0; i < 300; i++ { // more than one iterator chunk
		c.Set(fmt.Appendf(nil, "k%03d", i), []byte("v"))
	}
	// Delete while iterating: allowed, and the iterator is unaffected.
	it := c.Iterator(nil, nil)
	n := 0
	for ; it.Valid(); it.Next() {
		c.Delete(it.Key())
		c.Set(append(it.Key(), 'x'), []byte("new"))
		n++
	}
	it.Close()
	if n != 300 {
		t.Fatalf("iterated %d keys, want 300", n)
	}
	got := storetest.Scan(c, nil, nil, false)
	if len(got) != 300 || string(got[0].Key) != "k000x" {
		t.Fatalf("after delete-while-iterating: %d keys, first %q", len(got), got[0].Key)
	}
}

// TestCacheIteratorIgnoresWritesAhead writes ahead of open iterators (past
// the entries they have loaded so far) and checks that they still see the
// buffer as it was at their creation, in both directions.
func TestCacheIteratorIgnoresWritesAhead(t *testing.T) {
	for _, rev := range []bool{false, true} {
		c := store.NewCache(storetest.NewModelKV())
		want := storetest.Model{}
		const n = 500
		for i := 0; i < n; i++ {
			k := fmt.Appendf(nil, "k%03d", i)
			c.Set(k, []byte("old"))
			want.Set(k, []byte("old"))
		}
		var it store.Iterator
		if rev {
			it = c.ReverseIterator(nil, nil)
		} else {
			it = c.Iterator(nil, nil)
		}
		var got kvs
		for i := 0; it.Valid(); i++ {
			got = append(got, storetest.KV{Key: it.Key(), Value: it.Value()})
			ahead := i + 200 // far ahead of what the iterator has loaded
			if rev {
				ahead = n - 1 - 200 - i
			}
			if ahead >= 0 && ahead < n {
				c.Delete(fmt.Appendf(nil, "k%03d", ahead))
				c.Set(fmt.Appendf(nil, "k%03dx", ahead), []byte("new"))
				c.Set(fmt.Appendf(nil, "k%03d", (ahead+1)%n), []byte("changed"))
			}
			it.Next()
		}
		it.Close()
		if w := want.Range(nil, nil, rev); !storetest.Equal(got, w) {
			t.Errorf("rev=%v: iterator saw writes made after its creation (%d pairs, want %d)", rev, len(got), len(w))
		}
	}
}

// TestCacheModel checks a stack of nested caches against a stack of models
// under random operations: set, delete, push a branch, write a branch into
// its parent, discard a branch, and reads and scans at every level.
func TestCacheModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		root := storetest.NewModelKV()
		stores := []store.KV{root}
		models := []storetest.Model{{}}
		// A scan opened earlier must keep returning what the store held then.
		type pending struct {
			it   store.Iterator
			want kvs
		}
		var open []pending
		top := func() int { return len(stores) - 1 }
		key := rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 'a', 'b', 0xff}), 1, 3)
		bound := rapid.OneOf(rapid.Just[[]byte](nil), key)
		for step := rapid.IntRange(1, 60).Draw(rt, "steps"); step > 0; step-- {
			switch rapid.IntRange(0, 10).Draw(rt, "op") {
			case 10:
				if len(open) > 0 {
					i := rapid.IntRange(0, len(open)-1).Draw(rt, "consume")
					if got := storetest.Collect(open[i].it); !storetest.Equal(got, open[i].want) {
						rt.Fatalf("iterator = %q, want %q", got, open[i].want)
					}
					open = append(open[:i], open[i+1:]...)
				}
			case 0, 1, 2:
				k, v := key.Draw(rt, "k"), rapid.SliceOfN(rapid.Byte(), 0, 3).Draw(rt, "v")
				stores[top()].Set(k, v)
				models[top()].Set(k, v)
			case 3:
				k := key.Draw(rt, "k")
				stores[top()].Delete(k)
				models[top()].Delete(k)
			case 4:
				models = append(models, models[top()].Clone())
				stores = append(stores, store.NewCache(stores[top()]))
			case 5:
				if top() > 0 {
					stores[top()].(*store.Cache).Write()
					models[top()-1] = models[top()]
					stores, models = stores[:top()], models[:top()]
				}
			case 6:
				if top() > 0 {
					if rapid.Bool().Draw(rt, "explicit") {
						stores[top()].(*store.Cache).Discard()
					}
					stores, models = stores[:top()], models[:top()]
				}
			case 7:
				s, e, rev := bound.Draw(rt, "start"), bound.Draw(rt, "end"), rapid.Bool().Draw(rt, "rev")
				var it store.Iterator
				if rev {
					it = stores[top()].ReverseIterator(s, e)
				} else {
					it = stores[top()].Iterator(s, e)
				}
				open = append(open, pending{it, models[top()].Range(s, e, rev)})
			default:
				lvl := rapid.IntRange(0, top()).Draw(rt, "level")
				k := key.Draw(rt, "k")
				got, want := stores[lvl].Get(k), models[lvl].Get(k)
				if !bytes.Equal(got, want) || (got == nil) != (want == nil) || stores[lvl].Has(k) != (want != nil) {
					rt.Fatalf("level %d Get(%x) = %x, want %x", lvl, k, got, want)
				}
				s, e, rev := bound.Draw(rt, "start"), bound.Draw(rt, "end"), rapid.Bool().Draw(rt, "rev")
				if got, want := storetest.Scan(stores[lvl], s, e, rev), models[lvl].Range(s, e, rev); !storetest.Equal(got, want) {
					rt.Fatalf("level %d scan [%x,%x) rev=%v = %q, want %q", lvl, s, e, rev, got, want)
				}
			}
		}
		// Iterators opened along the way still see their point in time.
		// Only those opened over caches are point-in-time; ModelKV copies too.
		for i, p := range open {
			if got := storetest.Collect(p.it); !storetest.Equal(got, p.want) {
				rt.Fatalf("iterator %d = %q, want %q", i, got, p.want)
			}
		}
	})
}

// TestCacheOverBackends runs the cache model check over real backends via
// the Committer's block branch, so the merge code meets backend iterators.
func TestCacheOverMemCommitter(t *testing.T) {
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	blk := c.Begin()
	for i := 0; i < 200; i++ {
		blk.Set(fmt.Appendf(nil, "%03d", i), []byte("v"))
	}
	p, err := c.Prepare(blk, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(p); err != nil {
		t.Fatal(err)
	}
	blk = c.Begin()
	m := storetest.Model{}
	for i := 0; i < 200; i++ {
		m.Set(fmt.Appendf(nil, "%03d", i), []byte("v"))
	}
	for i := 0; i < 200; i += 3 {
		blk.Delete(fmt.Appendf(nil, "%03d", i))
		m.Delete(fmt.Appendf(nil, "%03d", i))
		blk.Set(fmt.Appendf(nil, "%03da", i), []byte("w"))
		m.Set(fmt.Appendf(nil, "%03da", i), []byte("w"))
	}
	for _, rev := range []bool{false, true} {
		if got, want := storetest.Scan(blk, []byte("010"), []byte("150"), rev), m.Range([]byte("010"), []byte("150"), rev); !storetest.Equal(got, want) {
			t.Errorf("rev=%v: got %d pairs, want %d", rev, len(got), len(want))
		}
	}
}
