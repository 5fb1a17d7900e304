package pebble_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	cpebble "github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/vfs"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
	"github.com/taonet/taonet/store/storetest"
)

// crashFS is a strict in-memory file system: a "crash" discards every write
// not yet synced, as power loss would.
type crashFS struct{ fs *vfs.MemFS }

// newCrashFS returns a strict file system holding a synced, empty "db"
// directory. (Pebble syncs what it creates inside its directory, not the
// directory's own entry in its parent, which a node creates at init.)
func newCrashFS(t testing.TB) crashFS {
	fs := vfs.NewStrictMem()
	if err := fs.MkdirAll("db", 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := fs.OpenDir("")
	if err != nil {
		t.Fatal(err)
	}
	if err := root.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := root.Close(); err != nil {
		t.Fatal(err)
	}
	return crashFS{fs}
}

func (c crashFS) open(t testing.TB) func() store.Backend {
	return func() store.Backend {
		db, err := pebble.OpenWithOptions("db", &cpebble.Options{FS: c.fs})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
}

// crash closes o without letting anything reach stable storage and then
// drops everything unsynced.
func (c crashFS) crash(t testing.TB, o storetest.Opened) {
	c.fs.SetIgnoreSyncs(true)
	o.Close(t)
	c.fs.ResetToSyncedState()
	c.fs.SetIgnoreSyncs(false)
}

type state struct {
	version int64
	hash    []byte
	kvs     []storetest.KV
}

func capture(o storetest.Opened) state {
	v, h := o.Info()
	return state{v, h, storetest.Scan(o.Reader(), nil, nil, false)}
}

func (s state) equal(o state) bool {
	return s.version == o.version && bytes.Equal(s.hash, o.hash) && storetest.Equal(s.kvs, o.kvs)
}

// TestCrashAfterCommit: a commit is durable once Commit returns.
func TestCrashAfterCommit(t *testing.T) {
	c := newCrashFS(t)
	open := c.open(t)
	o := storetest.OpenCommitter(t, open)
	storetest.CommitBlock(t, o.Committer, [2]string{"a", "1"})
	storetest.CommitBlock(t, o.Committer, [2]string{"a", "2"}, [2]string{"b", "1"})
	want := capture(o)
	c.crash(t, o)
	o = storetest.OpenCommitter(t, open)
	defer o.Close(t)
	if got := capture(o); !got.equal(want) {
		t.Fatalf("after crash: %+v, want %+v", got, want)
	}
}

// TestCrashDuringCommit: a commit whose batch never reached stable storage
// leaves the previous version whole: no application write, version or hash
// of the lost block shows.
func TestCrashDuringCommit(t *testing.T) {
	c := newCrashFS(t)
	open := c.open(t)
	o := storetest.OpenCommitter(t, open)
	storetest.CommitBlock(t, o.Committer, [2]string{"a", "1"}, [2]string{"b", "1"})
	prev := capture(o)

	// The next block is written but its sync is lost.
	c.fs.SetIgnoreSyncs(true)
	lost := storetest.CommitBlock(t, o.Committer, [2]string{"a", "2"}, [2]string{"b", storetest.Del}, [2]string{"c", "3"})
	o.Close(t)
	c.fs.ResetToSyncedState()
	c.fs.SetIgnoreSyncs(false)

	o = storetest.OpenCommitter(t, open)
	defer o.Close(t)
	if got := capture(o); !got.equal(prev) {
		t.Fatalf("after crash during commit: %+v, want previous %+v", got, prev)
	}
	// Replaying the block gives the same hash as before the crash.
	if h := storetest.CommitBlock(t, o.Committer, [2]string{"a", "2"}, [2]string{"b", storetest.Del}, [2]string{"c", "3"}); !bytes.Equal(h, lost) {
		t.Fatalf("replayed block hash %x, want %x", h, lost)
	}
}

// TestReopenDir uses a real directory through Open.
func TestReopenDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	open := func() store.Backend {
		db, err := pebble.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	o := storetest.OpenCommitter(t, open)
	storetest.CommitBlock(t, o.Committer, [2]string{"k", "v"})
	blk := o.Begin()
	blk.Set([]byte("k"), []byte("uncommitted"))
	if _, err := o.Prepare(blk, 2); err != nil {
		t.Fatal(err)
	}
	want := capture(o)
	o.Close(t)
	o = storetest.OpenCommitter(t, open)
	defer o.Close(t)
	if got := capture(o); !got.equal(want) {
		t.Fatalf("reopened: %+v, want %+v", got, want)
	}
}

func TestOpenError(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if db, err := pebble.Open(f); err == nil {
		db.Close()
		t.Fatal("Open on a regular file succeeded")
	}
}
