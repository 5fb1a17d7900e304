package pebble_test

import (
	"testing"

	cpebble "github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/vfs"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
	"github.com/taonet/taonet/store/storetest"
)

// openMem opens a Pebble database on an in-memory file system.
func openMem(t testing.TB) store.Backend {
	db, err := pebble.OpenWithOptions("db", &cpebble.Options{FS: vfs.NewMem()})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) { storetest.RunBackend(t, openMem) }

func TestCommitter(t *testing.T) {
	storetest.RunCommitter(t, func(t testing.TB) func() store.Backend {
		fs := vfs.NewMem()
		return func() store.Backend {
			db, err := pebble.OpenWithOptions("db", &cpebble.Options{FS: fs})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	})
}

// openDir opens a Pebble database in a fresh temporary directory: the
// benchmarks measure real fsyncs.
func openDir(t testing.TB) store.Backend {
	db, err := pebble.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func BenchmarkBackend(b *testing.B) { storetest.BenchBackend(b, openDir) }

func BenchmarkCommit(b *testing.B) { storetest.BenchCommit(b, openDir) }
