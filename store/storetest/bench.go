package storetest

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/taonet/taonet/store"
)

// benchKey returns a 32-byte key spread over the key space.
func benchKey(i int) []byte {
	k := make([]byte, 32)
	binary.BigEndian.PutUint64(k, uint64(i)*0x9E3779B97F4A7C15)
	binary.BigEndian.PutUint64(k[24:], uint64(i))
	return k
}

var benchValue = make([]byte, 64)

// BenchBackend benchmarks a backend's batch writes, point reads and scans.
func BenchBackend(b *testing.B, open OpenFunc) {
	b.Run("Apply1000", func(b *testing.B) {
		db := open(b)
		defer db.Close()
		cs := make([]store.Change, 1000)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			for j := range cs {
				cs[j] = store.Change{Key: benchKey(i*1000 + j), Value: benchValue}
			}
			if err := db.Apply(cs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/key")
	})
	const n = 100_000
	db := open(b)
	defer db.Close()
	for i := 0; i < n; i += 1000 {
		cs := make([]store.Change, 1000)
		for j := range cs {
			cs[j] = store.Change{Key: benchKey(i + j), Value: benchValue}
		}
		if err := db.Apply(cs); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("Get", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if db.Get(benchKey(i%n)) == nil {
				b.Fatal("missing key")
			}
		}
	})
	b.Run("Scan100", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			it := db.Iterator(benchKey(i%n), nil)
			for j := 0; j < 100 && it.Valid(); j++ {
				it.Next()
			}
			it.Close()
		}
	})
}

// BenchCommit benchmarks Prepare+Commit of blocks of writes over a fresh
// store from open, preloaded with 10k keys; half the writes overwrite
// existing keys.
func BenchCommit(b *testing.B, open OpenFunc) {
	for _, size := range []int{100, 1000} {
		b.Run(fmt.Sprintf("block%d", size), func(b *testing.B) {
			o := OpenCommitter(b, func() store.Backend { return open(b) })
			defer o.Close(b)
			blk := o.Begin()
			for i := 0; i < 10_000; i++ {
				blk.Set(benchKey(i), benchValue)
			}
			p, err := o.Prepare(blk, 1)
			if err != nil {
				b.Fatal(err)
			}
			if err := o.Commit(p); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				blk := o.Begin()
				for j := 0; j < size; j++ {
					blk.Set(benchKey((i*size+j)%20_000), fmt.Appendf(nil, "v%d", i))
				}
				p, err := o.Prepare(blk, o.Version()+1)
				if err != nil {
					b.Fatal(err)
				}
				if err := o.Commit(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/key")
		})
	}
}
