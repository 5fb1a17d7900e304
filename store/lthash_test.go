package store_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

var rewrite = flag.Bool("rewrite", false, "rewrite golden files in testdata")

// goldenCases are fixed states whose app hashes are pinned in
// testdata/apphash.golden. A change to any of these hashes is a consensus
// break and needs a deliberate -rewrite.
func goldenCases() []struct {
	name  string
	pairs [][2][]byte
} {
	many := make([][2][]byte, 1000)
	for i := range many {
		many[i] = [2][]byte{fmt.Appendf(nil, "key%04d", i), fmt.Appendf(nil, "val%04d", i)}
	}
	p := func(k, v string) [2][]byte { return [2][]byte{[]byte(k), []byte(v)} }
	return []struct {
		name  string
		pairs [][2][]byte
	}{
		{"empty", nil},
		{"one", [][2][]byte{p("a", "1")}},
		{"two", [][2][]byte{p("a", "1"), p("b", "2")}},
		{"empty-value", [][2][]byte{p("a", "")}},
		{"binary", [][2][]byte{p("\x00", "\xff"), p("\xff\xff", "\x00\x00"), p("\x00meta", "not metadata")}},
		{"thousand", many},
	}
}

// commitState commits pairs as one block on a fresh mem store and returns
// its app hash.
func commitState(t testing.TB, pairs [][2][]byte) []byte {
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	blk := c.Begin()
	for _, p := range pairs {
		blk.Set(p[0], p[1])
	}
	pend, err := c.Prepare(blk, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Commit(pend); err != nil {
		t.Fatal(err)
	}
	return c.AppHash()
}

func TestAppHashGolden(t *testing.T) {
	path := filepath.Join("testdata", "apphash.golden")
	var out strings.Builder
	out.WriteString("# name app-hash (BLAKE2b-256 of the LtHash accumulator); regenerate with go test -run TestAppHashGolden -rewrite\n")
	fmt.Fprintf(&out, "pairvector(a,1)[:32] %x\n", store.PairVector([]byte("a"), []byte("1"))[:32])
	for _, tc := range goldenCases() {
		h := commitState(t, tc.pairs)
		if !bytes.Equal(h, store.AccumulatorHash(tc.pairs)) {
			t.Errorf("%s: committed hash differs from the accumulator computed from scratch", tc.name)
		}
		fmt.Fprintf(&out, "%s %x\n", tc.name, h)
	}
	if got := commitState(t, nil); !bytes.Equal(got, store.EmptyAppHash()) {
		t.Errorf("EmptyAppHash %x differs from a fresh store's %x", store.EmptyAppHash(), got)
	}
	if *rewrite {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -rewrite to create)", err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("app hashes changed (a consensus break):\n got:\n%s\nwant:\n%s", got, want)
	}
	// Every hash line is 32 bytes of hex.
	sc := bufio.NewScanner(bytes.NewReader(want))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] != "#" && !strings.HasPrefix(f[0], "pairvector") {
			if b, err := hex.DecodeString(f[1]); err != nil || len(b) != 32 {
				t.Errorf("golden line %q is not a 32-byte hash", sc.Text())
			}
		}
	}
}

// TestAppHashSensitivity: changing any key or value, adding or removing a
// pair, changes the hash.
func TestAppHashSensitivity(t *testing.T) {
	p := func(k, v string) [2][]byte { return [2][]byte{[]byte(k), []byte(v)} }
	base := [][2][]byte{p("a", "1"), p("b", "2")}
	variants := map[string][][2][]byte{
		"value":       {p("a", "1"), p("b", "3")},
		"key":         {p("a", "1"), p("c", "2")},
		"extra":       {p("a", "1"), p("b", "2"), p("c", "")},
		"missing":     {p("a", "1")},
		"empty value": {p("a", "1"), p("b", "")},
		"swap":        {p("a", "2"), p("b", "1")},
		"boundary":    {p("a", "1"), p("b2", "")},
	}
	h := store.AccumulatorHash(base)
	for name, v := range variants {
		if bytes.Equal(h, store.AccumulatorHash(v)) {
			t.Errorf("%s: hash unchanged", name)
		}
	}
}

// TestAppHashOrderIndependent: the accumulator depends on the set of pairs
// only, not on insertion order.
func TestAppHashOrderIndependent(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 20).Draw(rt, "n")
		pairs := make([][2][]byte, n)
		for i := range pairs {
			pairs[i] = [2][]byte{fmt.Appendf(nil, "k%d", i), rapid.SliceOfN(rapid.Byte(), 0, 4).Draw(rt, "v")}
		}
		perm := rapid.Permutation(pairs).Draw(rt, "perm")
		if !bytes.Equal(store.AccumulatorHash(pairs), store.AccumulatorHash(perm)) {
			rt.Fatal("hash depends on order")
		}
	})
}
