package ordered

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// collect drains an iterator into keys.
func collect(it *Iterator) []string {
	var out []string
	for ; it.Valid(); it.Next() {
		out = append(out, string(it.Entry().Key))
	}
	return out
}

// TestIteratorModel compares range scans over maps large enough to span
// many chunks with a sorted slice.
func TestIteratorModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 3*chunk+5).Draw(rt, "n")
		m := New()
		var keys []string
		for i := 0; i < n; i++ {
			k := fmt.Sprintf("%04d", rapid.IntRange(0, 400).Draw(rt, "k"))
			if _, ok := m.Get([]byte(k)); !ok {
				keys = append(keys, k)
			}
			m.Set(Entry{Key: []byte(k)})
		}
		slices.Sort(keys)
		bound := rapid.OneOf(rapid.Just(""), rapid.Map(rapid.IntRange(0, 401), func(i int) string { return fmt.Sprintf("%04d", i) }))
		s, e := bound.Draw(rt, "start"), bound.Draw(rt, "end")
		var sb, eb []byte
		if s != "" {
			sb = []byte(s)
		}
		if e != "" {
			eb = []byte(e)
		}
		var want []string
		for _, k := range keys {
			if (sb == nil || k >= s) && (eb == nil || k < e) {
				want = append(want, k)
			}
		}
		if got := collect(m.Iterator(sb, eb, false)); !slices.Equal(got, want) {
			rt.Fatalf("ascending [%q,%q): got %d keys %v, want %d", s, e, len(got), got, len(want))
		}
		slices.Reverse(want)
		if got := collect(m.Iterator(sb, eb, true)); !slices.Equal(got, want) {
			rt.Fatalf("descending [%q,%q): got %d keys %v, want %d", s, e, len(got), got, len(want))
		}
	})
}

// TestCloneIsolation: writes to a Map after Clone do not reach the clone.
func TestCloneIsolation(t *testing.T) {
	m := New()
	for i := 0; i < 1000; i++ {
		m.Set(Entry{Key: fmt.Appendf(nil, "%04d", i), Value: []byte("old")})
	}
	c := m.Clone()
	for i := 0; i < 1000; i += 2 {
		m.Remove(fmt.Appendf(nil, "%04d", i))
		m.Set(Entry{Key: fmt.Appendf(nil, "%04dx", i), Value: []byte("new")})
	}
	if c.Len() != 1000 {
		t.Fatalf("clone has %d entries", c.Len())
	}
	it := c.Iterator(nil, nil, false)
	for i := 0; it.Valid(); i++ {
		if e := it.Entry(); !bytes.Equal(e.Key, fmt.Appendf(nil, "%04d", i)) || string(e.Value) != "old" {
			t.Fatalf("clone entry %d = %q=%q", i, e.Key, e.Value)
		}
		it.Next()
	}
}
