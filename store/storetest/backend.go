package storetest

import (
	"bytes"
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
)

// OpenFunc returns a new, empty backend. The suite closes it.
type OpenFunc func(t testing.TB) store.Backend

// RunBackend runs the backend conformance suite against backends from open.
func RunBackend(t *testing.T, open OpenFunc) {
	t.Run("GetSetDelete", func(t *testing.T) { testGetSetDelete(t, open) })
	t.Run("Iterators", func(t *testing.T) { testIterators(t, open) })
	t.Run("Snapshot", func(t *testing.T) { testSnapshot(t, open) })
	t.Run("InvalidBatch", func(t *testing.T) { testInvalidBatch(t, open) })
	t.Run("Model", func(t *testing.T) { testBackendModel(t, open) })
	t.Run("LargeScan", func(t *testing.T) { testLargeScan(t, open) })
}

// testLargeScan scans ranges spanning many internal chunks and blocks, and
// keeps every returned slice until the end to check none is reused.
func testLargeScan(t *testing.T, open OpenFunc) {
	b := open(t)
	defer closeBackend(t, b)
	m := Model{}
	var cs []store.Change
	for i := 0; i < 2000; i++ {
		k, v := fmt.Appendf(nil, "key%05d", i*3), fmt.Appendf(nil, "value%d", i)
		cs = append(cs, store.Change{Key: k, Value: v})
		m.Set(k, v)
	}
	mustApply(t, b, cs...)
	for _, bd := range [][2]string{{"", ""}, {"key00100", "key05000"}, {"key00101", "key05001"}, {"key1", "key2"}} {
		var start, end []byte
		if bd[0] != "" {
			start, end = []byte(bd[0]), []byte(bd[1])
		}
		for _, rev := range []bool{false, true} {
			got, want := Scan(b, start, end, rev), m.Range(start, end, rev)
			if !Equal(got, want) {
				t.Errorf("scan [%s,%s) rev=%v: %d pairs, want %d", bd[0], bd[1], rev, len(got), len(want))
			}
		}
	}
}

// TB is the subset of testing.TB and *rapid.T the suite needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

func mustApply(t TB, b store.Backend, changes ...store.Change) {
	t.Helper()
	if err := b.Apply(changes); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

func set(k, v string) store.Change { return store.Change{Key: []byte(k), Value: []byte(v)} }
func del(k string) store.Change    { return store.Change{Key: []byte(k), Delete: true} }

func closeBackend(t testing.TB, b store.Backend) {
	if err := b.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

func testGetSetDelete(t *testing.T, open OpenFunc) {
	b := open(t)
	defer closeBackend(t, b)
	if b.Get([]byte("a")) != nil || b.Has([]byte("a")) {
		t.Fatal("empty backend has a")
	}
	mustApply(t, b, set("a", "1"), set("b", ""), set("c", "3"), set("a", "2"), del("c"))
	tests := []struct {
		key  string
		want []byte
	}{
		{"a", []byte("2")},
		{"b", []byte{}},
		{"c", nil},
		{"d", nil},
	}
	for _, tt := range tests {
		got := b.Get([]byte(tt.key))
		if !bytes.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("Get(%q) = %q (nil %v), want %q (nil %v)", tt.key, got, got == nil, tt.want, tt.want == nil)
		}
		if has := b.Has([]byte(tt.key)); has != (tt.want != nil) {
			t.Errorf("Has(%q) = %v", tt.key, has)
		}
	}
	// Returned slices are not affected by later writes.
	v := b.Get([]byte("a"))
	mustApply(t, b, set("a", "9"))
	if string(v) != "2" {
		t.Errorf("earlier Get result changed to %q", v)
	}
	// Apply does not retain the caller's slices.
	k, val := []byte("k"), []byte("v")
	mustApply(t, b, store.Change{Key: k, Value: val})
	k[0], val[0] = 'x', 'x'
	if got := b.Get([]byte("k")); string(got) != "v" {
		t.Errorf("Get(k) = %q after caller reused buffers", got)
	}
}

func testIterators(t *testing.T, open OpenFunc) {
	b := open(t)
	defer closeBackend(t, b)
	m := Model{}
	var cs []store.Change
	for _, k := range []string{"a", "aa", "ab", "b", "ba", "c", "\xff", "\xff\xff"} {
		cs = append(cs, set(k, "v"+k))
		m.Set([]byte(k), []byte("v"+k))
	}
	mustApply(t, b, cs...)
	bounds := []struct{ start, end []byte }{
		{nil, nil},
		{[]byte("a"), nil},
		{nil, []byte("b")},
		{[]byte("a"), []byte("b")},
		{[]byte("aa"), []byte("ba")},
		{[]byte("a\x00"), []byte("ab\x00")},
		{[]byte("b"), []byte("b")},
		{[]byte("c"), []byte("a")},
		{[]byte("d"), nil},
		{[]byte("\xff"), nil},
		{nil, []byte("\x00")},
		{store.PrefixEnd([]byte("a")), nil},
	}
	for _, bd := range bounds {
		for _, rev := range []bool{false, true} {
			got, want := Scan(b, bd.start, bd.end, rev), m.Range(bd.start, bd.end, rev)
			if !Equal(got, want) {
				t.Errorf("scan [%q,%q) reverse=%v = %q, want %q", bd.start, bd.end, rev, got, want)
			}
		}
	}
	// An iterator sees the state at its creation, and its results stay
	// valid after Next and Close.
	it := b.Iterator(nil, nil)
	first := it.Key()
	mustApply(t, b, del("aa"), set("a0", "new"))
	got := Collect(it)
	if !Equal(got, m.Range(nil, nil, false)) {
		t.Errorf("iterator saw writes made after its creation: %q", got)
	}
	if string(first) != "a" {
		t.Errorf("first key changed to %q", first)
	}
	// The caller may reuse its bound slices once the iterator exists.
	for _, rev := range []bool{false, true} {
		start, end := []byte("a0"), []byte("b")
		var it store.Iterator
		if rev {
			it = b.ReverseIterator(start, end)
		} else {
			it = b.Iterator(start, end)
		}
		start[0], end[0] = 0x00, 0xff
		want := []KV{{[]byte("a0"), []byte("new")}, {[]byte("ab"), []byte("vab")}}
		if rev {
			want[0], want[1] = want[1], want[0]
		}
		if got := Collect(it); !Equal(got, want) {
			t.Errorf("rev=%v: after the caller changed the bounds: %q, want %q", rev, got, want)
		}
	}
}

func testSnapshot(t *testing.T, open OpenFunc) {
	b := open(t)
	defer closeBackend(t, b)
	mustApply(t, b, set("a", "1"), set("b", "2"))
	s := b.Snapshot()
	mustApply(t, b, set("a", "x"), del("b"), set("c", "3"))
	if got := string(s.Get([]byte("a"))); got != "1" {
		t.Errorf("snapshot Get(a) = %q", got)
	}
	if s.Has([]byte("c")) || !s.Has([]byte("b")) {
		t.Error("snapshot sees later writes")
	}
	want := []KV{{[]byte("b"), []byte("2")}, {[]byte("a"), []byte("1")}}
	if got := Scan(s, nil, nil, true); !Equal(got, want) {
		t.Errorf("snapshot scan = %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := string(b.Get([]byte("a"))); got != "x" {
		t.Errorf("Get(a) = %q", got)
	}
}

func testInvalidBatch(t *testing.T, open OpenFunc) {
	b := open(t)
	defer closeBackend(t, b)
	mustApply(t, b, set("a", "1"))
	bad := [][]store.Change{
		{set("b", "2"), {Key: nil, Value: []byte("x")}},
		{set("b", "2"), {Key: []byte("c"), Value: nil}},
	}
	for i, cs := range bad {
		if err := b.Apply(cs); err == nil {
			t.Errorf("batch %d: Apply succeeded", i)
		}
		if b.Has([]byte("b")) {
			t.Errorf("batch %d: partially applied", i)
		}
	}
	// The backend keeps working after a rejected batch.
	mustApply(t, b, set("b", "2"))
	if !b.Has([]byte("b")) {
		t.Error("write after rejected batch lost")
	}
}

// Keys drawn from a small alphabet so that operations collide often and
// prefixes nest.
func genKey() *rapid.Generator[[]byte] {
	return rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 0x01, 'a', 'b', 0xff}), 1, 4)
}

func genValue() *rapid.Generator[[]byte] {
	return rapid.SliceOfN(rapid.Byte(), 0, 6)
}

func genBound() *rapid.Generator[[]byte] {
	return rapid.OneOf(rapid.Just[[]byte](nil), genKey())
}

func testBackendModel(t *testing.T, open OpenFunc) {
	rapid.Check(t, func(rt *rapid.T) {
		b := open(t)
		defer closeBackend(t, b)
		m := Model{}
		for i := rapid.IntRange(1, 20).Draw(rt, "batches"); i > 0; i-- {
			n := rapid.IntRange(0, 8).Draw(rt, "n")
			var cs []store.Change
			for j := 0; j < n; j++ {
				k := genKey().Draw(rt, "key")
				if rapid.Bool().Draw(rt, "delete") {
					cs = append(cs, store.Change{Key: k, Delete: true})
					m.Delete(k)
				} else {
					v := genValue().Draw(rt, "value")
					cs = append(cs, store.Change{Key: k, Value: v})
					m.Set(k, v)
				}
			}
			mustApply(rt, b, cs...)
			k := genKey().Draw(rt, "get")
			if got, want := b.Get(k), m.Get(k); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
				rt.Fatalf("Get(%q) = %q, want %q", k, got, want)
			}
			start, end := genBound().Draw(rt, "start"), genBound().Draw(rt, "end")
			rev := rapid.Bool().Draw(rt, "reverse")
			if got, want := Scan(b, start, end, rev), m.Range(start, end, rev); !Equal(got, want) {
				rt.Fatalf("scan [%q,%q) rev=%v:\n got %s\nwant %s", start, end, rev, fmtKVs(got), fmtKVs(want))
			}
		}
	})
}

func fmtKVs(kvs []KV) string {
	var buf bytes.Buffer
	for _, kv := range kvs {
		fmt.Fprintf(&buf, "%x=%x ", kv.Key, kv.Value)
	}
	return buf.String()
}
