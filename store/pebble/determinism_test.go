package pebble_test

import (
	"bytes"
	"testing"

	cpebble "github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/vfs"
	"pgregory.net/rapid"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/store/pebble"
	"github.com/taonet/taonet/store/storetest"
)

// TestBackendsAgree runs the same random block sequence on a Pebble and a
// memory Committer: at every height both must report the same app hash and
// the same state (the app hash may not depend on the backend).
func TestBackendsAgree(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		pdb, err := pebble.OpenWithOptions("db", &cpebble.Options{FS: vfs.NewMem()})
		if err != nil {
			rt.Fatal(err)
		}
		p := storetest.OpenCommitter(rt, func() store.Backend { return pdb })
		defer p.Close(rt)
		m := storetest.OpenCommitter(rt, func() store.Backend { return mem.New() })
		defer m.Close(rt)
		key := rapid.SliceOfN(rapid.SampledFrom([]byte{0x00, 'a', 0xff}), 1, 3)
		for h := int64(1); h <= int64(rapid.IntRange(1, 8).Draw(rt, "blocks")); h++ {
			bp, bm := p.Begin(), m.Begin()
			for n := rapid.IntRange(0, 10).Draw(rt, "writes"); n > 0; n-- {
				k := key.Draw(rt, "k")
				if rapid.Bool().Draw(rt, "del") {
					bp.Delete(k)
					bm.Delete(k)
				} else {
					v := rapid.SliceOfN(rapid.Byte(), 0, 4).Draw(rt, "v")
					bp.Set(k, v)
					bm.Set(k, v)
				}
			}
			pp, err := p.Prepare(bp, h)
			if err != nil {
				rt.Fatal(err)
			}
			pm, err := m.Prepare(bm, h)
			if err != nil {
				rt.Fatal(err)
			}
			if !bytes.Equal(pp.AppHash(), pm.AppHash()) {
				rt.Fatalf("height %d: pebble %x, mem %x", h, pp.AppHash(), pm.AppHash())
			}
			if err := p.Commit(pp); err != nil {
				rt.Fatal(err)
			}
			if err := m.Commit(pm); err != nil {
				rt.Fatal(err)
			}
			if !storetest.Equal(storetest.Scan(p.Reader(), nil, nil, false), storetest.Scan(m.Reader(), nil, nil, false)) {
				rt.Fatalf("height %d: states differ", h)
			}
		}
	})
}
