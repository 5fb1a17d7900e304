package history

import (
	"bytes"
	"errors"
	"testing"
)

func TestKeyList(t *testing.T) {
	for _, c := range []struct {
		name string
		keys [][]byte
	}{
		{"empty", nil},
		{"one", [][]byte{[]byte("a")}},
		{"several", [][]byte{heightKey(7), snapKey(3, 99), eventKey("Transfer", 5, 2)}},
	} {
		var list []byte
		for _, k := range c.keys {
			list = appendKey(list, k)
		}
		got, err := splitKeys(list)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(got) != len(c.keys) {
			t.Fatalf("%s: %d keys back, want %d", c.name, len(got), len(c.keys))
		}
		for i := range got {
			if !bytes.Equal(got[i], c.keys[i]) {
				t.Errorf("%s: key %d = %x, want %x", c.name, i, got[i], c.keys[i])
			}
		}
	}
	if _, err := splitKeys([]byte{5, 'a'}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated list: err %v, want ErrCorrupt", err)
	}
}

// FuzzSplitKeys checks that any stored key list decodes or fails with
// ErrCorrupt, and that a decoded list re-encodes to the same bytes.
func FuzzSplitKeys(f *testing.F) {
	f.Add(appendKey(appendKey(nil, []byte("ab")), heightKey(3)))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		ks, err := splitKeys(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		var back []byte
		for _, k := range ks {
			back = appendKey(back, k)
		}
		if len(ks) > 0 && !bytes.Equal(back, b) && len(back) > len(b) {
			t.Fatalf("re-encoding grew: %x -> %x", b, back)
		}
	})
}
