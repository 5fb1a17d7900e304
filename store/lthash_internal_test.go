package store

import (
	"bytes"
	"errors"
	"testing"
)

func TestLtHashAddSubInverse(t *testing.T) {
	var h ltHash
	p := newPairHasher()
	h.add(p, []byte("a"), []byte("1"))
	h.add(p, []byte("b"), []byte("2"))
	h.sub(p, []byte("a"), []byte("1"))
	h.sub(p, []byte("b"), []byte("2"))
	if h != (ltHash{}) {
		t.Fatal("add then sub does not return to zero")
	}
}

func TestLtHashEncodingRoundTrip(t *testing.T) {
	var h, g ltHash
	h.add(newPairHasher(), []byte("k"), []byte("v"))
	g.setBytes(h.bytes())
	if g != h {
		t.Fatal("bytes/setBytes round trip failed")
	}
}

// TestPairEncodingIsInjective checks that the length prefixes separate key
// from value: moving bytes across the boundary changes the vector.
func TestPairEncodingIsInjective(t *testing.T) {
	p := newPairHasher()
	a := *p.vector([]byte("ab"), []byte("c"))
	b := *p.vector([]byte("a"), []byte("bc"))
	if a == b {
		t.Fatal("(ab,c) and (a,bc) collide")
	}
}

func TestDecodeMeta(t *testing.T) {
	var acc ltHash
	acc.add(newPairHasher(), []byte("x"), []byte("y"))
	good := encodeMeta(7, &acc)
	v, got, err := decodeMeta(good)
	if err != nil || v != 7 || *got != acc {
		t.Fatalf("decodeMeta(encodeMeta(7)) = %d, %v", v, err)
	}
	bad := map[string][]byte{
		"empty":     nil,
		"short":     good[:len(good)-1],
		"long":      append(bytes.Clone(good), 0),
		"format":    append([]byte{2}, good[1:]...),
		"version 0": encodeMeta(0, &acc),
		"negative":  append(append([]byte{1}, 0x80, 0, 0, 0, 0, 0, 0, 1), good[9:]...),
	}
	for name, b := range bad {
		if _, _, err := decodeMeta(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

func FuzzDecodeMeta(f *testing.F) {
	var acc ltHash
	acc.add(newPairHasher(), []byte("x"), []byte("y"))
	f.Add(encodeMeta(1, &acc))
	f.Add(encodeMeta(1<<62, &ltHash{}))
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		v, acc, err := decodeMeta(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		if v <= 0 {
			t.Fatalf("decoded non-positive version %d", v)
		}
		if !bytes.Equal(encodeMeta(v, acc), b) {
			t.Fatal("decode/encode round trip differs")
		}
	})
}
