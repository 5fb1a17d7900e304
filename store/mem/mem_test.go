package mem_test

import (
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/store/storetest"
)

func open(testing.TB) store.Backend { return mem.New() }

func TestConformance(t *testing.T) { storetest.RunBackend(t, open) }

// reopenable keeps one DB across "reopens": Close is a no-op.
type reopenable struct{ *mem.DB }

func (reopenable) Close() error { return nil }

func TestCommitter(t *testing.T) {
	storetest.RunCommitter(t, func(testing.TB) func() store.Backend {
		db := mem.New()
		return func() store.Backend { return reopenable{db} }
	})
}

func BenchmarkBackend(b *testing.B) { storetest.BenchBackend(b, open) }
