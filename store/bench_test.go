package store_test

import (
	"encoding/binary"
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/store/storetest"
)

func key(i int) []byte {
	k := make([]byte, 32)
	binary.BigEndian.PutUint64(k, uint64(i)*0x9E3779B97F4A7C15)
	return k
}

func BenchmarkCacheSet(b *testing.B) {
	v := make([]byte, 64)
	b.ReportAllocs()
	c := store.NewCache(storetest.NewModelKV())
	for i := 0; b.Loop(); i++ {
		if i%10_000 == 0 {
			c = store.NewCache(storetest.NewModelKV())
		}
		c.Set(key(i), v)
	}
}

func BenchmarkCacheGet(b *testing.B) {
	parent, err := store.Open(mem.New())
	if err != nil {
		b.Fatal(err)
	}
	defer parent.Close()
	blk := parent.Begin()
	for i := 0; i < 10_000; i++ {
		blk.Set(key(i), make([]byte, 64))
	}
	tx := store.NewCache(blk)
	for i := 0; i < 100; i++ {
		tx.Set(key(i), make([]byte, 64))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if tx.Get(key(i%10_000)) == nil {
			b.Fatal("missing")
		}
	}
}

func BenchmarkPairVector(b *testing.B) {
	k, v := make([]byte, 32), make([]byte, 64)
	b.ReportAllocs()
	b.SetBytes(int64(len(k) + len(v)))
	h := store.NewPairHasher()
	for b.Loop() {
		h.Vector(k, v)
	}
}

func BenchmarkCommitMem(b *testing.B) {
	storetest.BenchCommit(b, func(testing.TB) store.Backend { return mem.New() })
}
