package store_test

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
)

func TestPrefixEnd(t *testing.T) {
	tests := []struct {
		prefix, want []byte
	}{
		{nil, nil},
		{[]byte{}, nil},
		{[]byte{0xff}, nil},
		{[]byte{0xff, 0xff}, nil},
		{[]byte{0x00}, []byte{0x01}},
		{[]byte("ab"), []byte("ac")},
		{[]byte{0x01, 0xff}, []byte{0x02}},
		{[]byte{0x01, 0xfe, 0xff, 0xff}, []byte{0x01, 0xff}},
	}
	for _, tt := range tests {
		in := bytes.Clone(tt.prefix)
		got := store.PrefixEnd(in)
		if !bytes.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("PrefixEnd(%x) = %x, want %x", tt.prefix, got, tt.want)
		}
		if !bytes.Equal(in, tt.prefix) {
			t.Errorf("PrefixEnd modified its argument: %x", in)
		}
	}
}

func TestPrefixStore(t *testing.T) {
	root := storetest.NewModelKV()
	for _, k := range []string{"a", "b", "b\x00", "ba", "bb", "b\xff", "c"} {
		root.Set([]byte(k), []byte("v"+k))
	}
	p := store.NewPrefix(root, []byte("b"))
	if got := string(p.Get([]byte("a"))); got != "vba" {
		t.Errorf("Get(a) = %q", got)
	}
	if p.Has([]byte("c")) {
		t.Error("prefix store sees a key outside its prefix")
	}
	want := kvs{kv("\x00", "vb\x00"), kv("a", "vba"), kv("b", "vbb"), kv("\xff", "vb\xff")}
	if got := storetest.Scan(p, nil, nil, false); !storetest.Equal(got, want) {
		t.Errorf("scan = %q, want %q (the bare prefix key must not show)", got, want)
	}
	if got := storetest.Scan(p, []byte("a"), []byte("b"), true); !storetest.Equal(got, kvs{kv("a", "vba")}) {
		t.Errorf("reverse [a,b) = %q", got)
	}
	p.Set([]byte("z"), []byte("1"))
	p.Delete([]byte("a"))
	if string(root.Get([]byte("bz"))) != "1" || root.Has([]byte("ba")) {
		t.Error("writes not mapped to the parent")
	}
	mustPanic(t, "empty key", func() { p.Set(nil, []byte("x")) })
	mustPanic(t, "nil value", func() { p.Set([]byte("x"), nil) })

	// A 0xff prefix has no PrefixEnd: its scan is unbounded above.
	ff := store.NewPrefix(root, []byte{0xff})
	root.Set([]byte{0xff, 0xff, 0x01}, []byte("x"))
	if got := storetest.Scan(ff, nil, nil, true); !storetest.Equal(got, kvs{kv("\xff\x01", "x")}) {
		t.Errorf("0xff prefix scan = %q", got)
	}
	// Read-only views reject writes.
	ro := store.NewPrefixReader(root, []byte("b")).(store.KV)
	mustPanic(t, "read-only Set", func() { ro.Set([]byte("q"), []byte("1")) })
}

// TestPrefixModel checks nested prefix stores over a cache against a model
// of the un-prefixed key space.
func TestPrefixModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		alpha := rapid.SampledFrom([]byte{0x00, 'a', 0xff})
		key := rapid.SliceOfN(alpha, 1, 3)
		prefix := rapid.SliceOfN(alpha, 0, 2).Draw(rt, "prefix")
		root := storetest.NewModelKV()
		c := store.NewCache(root)
		p := store.NewPrefix(c, prefix)
		m := storetest.Model{}
		for i := rapid.IntRange(1, 30).Draw(rt, "n"); i > 0; i-- {
			k := key.Draw(rt, "k")
			if rapid.Bool().Draw(rt, "outside") {
				c.Set(k, []byte("o")) // raw write, may or may not fall in the prefix
				if bytes.HasPrefix(k, prefix) && len(k) > len(prefix) {
					m.Set(k[len(prefix):], []byte("o"))
				}
				continue
			}
			if rapid.Bool().Draw(rt, "del") {
				p.Delete(k)
				m.Delete(k)
			} else {
				p.Set(k, []byte{byte(i)})
				m.Set(k, []byte{byte(i)})
			}
		}
		bound := rapid.OneOf(rapid.Just[[]byte](nil), key)
		s, e, rev := bound.Draw(rt, "start"), bound.Draw(rt, "end"), rapid.Bool().Draw(rt, "rev")
		if got, want := storetest.Scan(p, s, e, rev), m.Range(s, e, rev); !storetest.Equal(got, want) {
			rt.Fatalf("scan [%x,%x) rev=%v = %q, want %q", s, e, rev, got, want)
		}
	})
}
