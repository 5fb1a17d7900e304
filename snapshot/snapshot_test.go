package snapshot_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/snapshot"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

// committed returns a store with `blocks` committed blocks of writes.
func committed(t testing.TB, blocks, keysPerBlock int) *store.Committer {
	t.Helper()
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	for h := 1; h <= blocks; h++ {
		blk := c.Begin()
		for i := range keysPerBlock {
			blk.Set(fmt.Appendf(nil, "acct/%05d", (h*31+i)%997), bytes.Repeat([]byte{byte(h), byte(i)}, 40))
		}
		p, err := c.Prepare(blk, int64(h))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Commit(p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func take(t *testing.T, m *snapshot.Manager, c *store.Committer) {
	t.Helper()
	v, err := c.View()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Create(v); err != nil {
		t.Fatal(err)
	}
}

// restore drives a Restorer as CometBFT's syncer does and returns the last
// response and whether the restore finished.
func restore(t *testing.T, r *snapshot.Restorer, s *abci.Snapshot, appHash []byte, chunk func(i uint32) []byte) (*abci.ResponseApplySnapshotChunk, bool) {
	t.Helper()
	if res := r.Offer(&abci.RequestOfferSnapshot{Snapshot: s, AppHash: appHash}); res.Result != abci.ResponseOfferSnapshot_ACCEPT {
		t.Fatalf("offer: %v", res.Result)
	}
	var last *abci.ResponseApplySnapshotChunk
	for i := uint32(0); i < s.Chunks; i++ {
		resp, done, err := r.Apply(&abci.RequestApplySnapshotChunk{Index: i, Chunk: chunk(i), Sender: "peer"})
		if err != nil {
			t.Fatal(err)
		}
		last = resp
		if resp.Result != abci.ResponseApplySnapshotChunk_ACCEPT || done {
			return resp, done
		}
	}
	return last, false
}

func TestSnapshotRoundTrip(t *testing.T) {
	src := committed(t, 30, 40)
	m, err := snapshot.Open(t.TempDir(), snapshot.Options{Interval: 10, ChunkSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	take(t, m, src)
	list, err := m.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("list = %v, %v", list, err)
	}
	s := list[0]
	if s.Height != 30 || s.Format != snapshot.Format || s.Chunks < 3 {
		t.Fatalf("snapshot %d format %d chunks %d: want height 30, several chunks", s.Height, s.Format, s.Chunks)
	}
	dst, _ := store.Open(mem.New())
	r := snapshot.NewRestorer(dst)
	resp, done := restore(t, r, s, src.AppHash(), func(i uint32) []byte {
		b, err := m.LoadChunk(s.Height, s.Format, i)
		if err != nil {
			t.Fatal(err)
		}
		return b
	})
	if !done || resp.Result != abci.ResponseApplySnapshotChunk_ACCEPT {
		t.Fatalf("restore: %v done=%v", resp.Result, done)
	}
	if dst.Version() != 30 || !bytes.Equal(dst.AppHash(), src.AppHash()) || r.Restored() != 30 {
		t.Fatalf("restored version %d hash %X", dst.Version(), dst.AppHash())
	}
}

func TestSnapshotKeepsRecentAndSkipsPartial(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".tmp-123"), 0o700); err != nil {
		t.Fatal(err)
	}
	m, err := snapshot.Open(dir, snapshot.Options{Interval: 5, KeepRecent: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".tmp-123")); !os.IsNotExist(err) {
		t.Fatal("a partial snapshot survived Open")
	}
	src, _ := store.Open(mem.New())
	for h := 1; h <= 20; h++ {
		blk := src.Begin()
		blk.Set([]byte("h"), fmt.Appendf(nil, "%d", h))
		p, _ := src.Prepare(blk, int64(h))
		if err := src.Commit(p); err != nil {
			t.Fatal(err)
		}
		if m.Due(int64(h)) {
			v, _ := src.View()
			m.CreateAsync(v)
			m.Wait()
		}
	}
	list, _ := m.List()
	var hs []uint64
	for _, s := range list {
		hs = append(hs, s.Height)
	}
	if fmt.Sprint(hs) != "[20 15]" || m.Oldest() != 15 {
		t.Fatalf("kept %v (oldest %d), want [20 15]", hs, m.Oldest())
	}
	if _, err := m.LoadChunk(10, snapshot.Format, 0); !errors.Is(err, snapshot.ErrNotFound) {
		t.Fatalf("pruned chunk: err = %v", err)
	}
	if _, err := m.LoadChunk(20, snapshot.Format, 1); !errors.Is(err, snapshot.ErrNotFound) {
		t.Fatalf("chunk past the end: err = %v", err)
	}
}

func TestRestoreBadInput(t *testing.T) {
	src := committed(t, 12, 30)
	m, _ := snapshot.Open(t.TempDir(), snapshot.Options{ChunkSize: 2048})
	take(t, m, src)
	list, _ := m.List()
	s := list[0]
	good := func(i uint32) []byte { b, _ := m.LoadChunk(s.Height, s.Format, i); return b }

	t.Run("corrupt chunk is refetched from another peer", func(t *testing.T) {
		dst, _ := store.Open(mem.New())
		r := snapshot.NewRestorer(dst)
		if res := r.Offer(&abci.RequestOfferSnapshot{Snapshot: s, AppHash: src.AppHash()}); res.Result != abci.ResponseOfferSnapshot_ACCEPT {
			t.Fatal(res.Result)
		}
		bad := bytes.Clone(good(0))
		bad[len(bad)/2] ^= 1
		resp, done, err := r.Apply(&abci.RequestApplySnapshotChunk{Index: 0, Chunk: bad, Sender: "liar"})
		if err != nil || done || resp.Result != abci.ResponseApplySnapshotChunk_RETRY ||
			fmt.Sprint(resp.RefetchChunks) != "[0]" || fmt.Sprint(resp.RejectSenders) != "[liar]" {
			t.Fatalf("corrupt chunk: %+v done=%v err=%v", resp, done, err)
		}
		// The same chunk from an honest peer is accepted and the restore completes.
		for i := uint32(0); i < s.Chunks; i++ {
			resp, done, err = r.Apply(&abci.RequestApplySnapshotChunk{Index: i, Chunk: good(i), Sender: "honest"})
			if err != nil || resp.Result != abci.ResponseApplySnapshotChunk_ACCEPT {
				t.Fatalf("chunk %d: %v %v", i, resp, err)
			}
		}
		if !done || !bytes.Equal(dst.AppHash(), src.AppHash()) {
			t.Fatal("restore did not complete after the refetch")
		}
	})
	t.Run("snapshot of another app hash is refused at the offer", func(t *testing.T) {
		dst, _ := store.Open(mem.New())
		other := bytes.Repeat([]byte{7}, 32)
		res := snapshot.NewRestorer(dst).Offer(&abci.RequestOfferSnapshot{Snapshot: s, AppHash: other})
		if res.Result != abci.ResponseOfferSnapshot_REJECT {
			t.Fatalf("offer = %v, want REJECT", res.Result)
		}
	})
	t.Run("forged state claiming the trusted app hash is rejected after the last chunk", func(t *testing.T) {
		forgedSrc := committed(t, 11, 30)
		fm, _ := snapshot.Open(t.TempDir(), snapshot.Options{ChunkSize: 1 << 30})
		take(t, fm, forgedSrc)
		fl, _ := fm.List()
		f := fl[0]
		// Rewrite its metadata to claim the trusted app hash.
		var md snapshot.Metadata
		if err := json.Unmarshal(f.Metadata, &md); err != nil {
			t.Fatal(err)
		}
		md.AppHash = hex.EncodeToString(src.AppHash())
		f.Metadata, _ = json.Marshal(md)
		dst, _ := store.Open(mem.New())
		r := snapshot.NewRestorer(dst)
		resp, done := restore(t, r, f, src.AppHash(), func(i uint32) []byte { b, _ := fm.LoadChunk(f.Height, f.Format, i); return b })
		if done || resp.Result != abci.ResponseApplySnapshotChunk_REJECT_SNAPSHOT {
			t.Fatalf("forged snapshot: %v done=%v", resp.Result, done)
		}
		if dst.Version() != 0 || !bytes.Equal(dst.AppHash(), store.EmptyAppHash()) {
			t.Fatal("a rejected snapshot left state behind")
		}
		// The honest snapshot still restores afterwards.
		if _, done := restore(t, r, s, src.AppHash(), good); !done {
			t.Fatal("honest snapshot after a rejected one did not restore")
		}
	})
	t.Run("bad metadata and format", func(t *testing.T) {
		dst, _ := store.Open(mem.New())
		r := snapshot.NewRestorer(dst)
		cases := []struct {
			name string
			mut  func(*abci.Snapshot)
			want abci.ResponseOfferSnapshot_Result
		}{
			{"format", func(x *abci.Snapshot) { x.Format = 2 }, abci.ResponseOfferSnapshot_REJECT_FORMAT},
			{"chunk count", func(x *abci.Snapshot) { x.Chunks++ }, abci.ResponseOfferSnapshot_REJECT},
			{"hash", func(x *abci.Snapshot) { x.Hash = bytes.Repeat([]byte{1}, 32) }, abci.ResponseOfferSnapshot_REJECT},
			{"metadata", func(x *abci.Snapshot) { x.Metadata = []byte("{") }, abci.ResponseOfferSnapshot_REJECT},
			{"height", func(x *abci.Snapshot) { x.Height = 0 }, abci.ResponseOfferSnapshot_REJECT},
		}
		for _, tc := range cases {
			x := *s
			tc.mut(&x)
			if res := r.Offer(&abci.RequestOfferSnapshot{Snapshot: &x, AppHash: src.AppHash()}); res.Result != tc.want {
				t.Errorf("%s: %v, want %v", tc.name, res.Result, tc.want)
			}
		}
		if _, _, err := r.Apply(&abci.RequestApplySnapshotChunk{Index: 0, Chunk: good(0)}); !errors.Is(err, snapshot.ErrNoSnapshot) {
			t.Errorf("apply without an offer: %v", err)
		}
	})
	t.Run("non-empty store aborts", func(t *testing.T) {
		res := snapshot.NewRestorer(src).Offer(&abci.RequestOfferSnapshot{Snapshot: s, AppHash: src.AppHash()})
		if res.Result != abci.ResponseOfferSnapshot_ABORT {
			t.Fatalf("offer into a non-empty store: %v", res.Result)
		}
	})
}

func FuzzDecodeChunk(f *testing.F) {
	f.Add([]byte{1, 'a', 1, 'b'})
	f.Add([]byte{0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		pairs, err := snapshot.DecodeChunk(b)
		if err != nil {
			if !errors.Is(err, snapshot.ErrChunk) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		for _, p := range pairs {
			if len(p.Key) == 0 || p.Value == nil {
				t.Fatal("decoded an empty key or nil value")
			}
		}
	})
}

func FuzzDecodeMetadata(f *testing.F) {
	f.Add([]byte(`{"app_hash":"00","chunk_hashes":["00"],"pairs":1}`), uint32(1))
	f.Fuzz(func(t *testing.T, b []byte, chunks uint32) {
		m, err := snapshot.DecodeMetadata(b, chunks, make([]byte, 32))
		if err != nil {
			if !errors.Is(err, snapshot.ErrMetadata) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if uint32(len(m.ChunkHashes)) != chunks {
			t.Fatal("accepted metadata with the wrong chunk count")
		}
	})
}
