package storage

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/synapse"
)

// miner is one test miner: its axon, store and info.
type miner struct {
	ax    *axon.Axon
	store *Store
	info  axon.Info
}

// startMiners runs n miners on loopback listeners handed to their axons;
// miner i's coldkey is coldkey(i). attach, if set, replaces a miner's
// handlers.
func startMiners(t testing.TB, n int, coldkey func(i int) int, attach func(i int, a *axon.Axon, s *Store) error) []*miner {
	t.Helper()
	var out []*miner
	for i := range n {
		hot, err := keys.FromURI(fmt.Sprintf("//storage/miner/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		cfg := axon.DefaultConfig()
		cfg.IP, cfg.Port = "127.0.0.1", 0
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		a, err := axon.New(hot, cfg)
		if err != nil {
			t.Fatal(err)
		}
		s := NewStore(64 << 20)
		if attach != nil {
			err = attach(i, a, s)
		} else {
			err = Attach(a, s)
		}
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go a.Serve(ln)
		t.Cleanup(func() { a.Shutdown(context.Background()) })
		info := a.Info()
		addr := ln.Addr().(*net.TCPAddr)
		info.IP, info.Port = addr.AddrPort().Addr(), addr.AddrPort().Port()
		info.Coldkey = keys.PublicKey{byte(coldkey(i)), 0xc0}
		out = append(out, &miner{ax: a, store: s, info: info})
	}
	return out
}

func client(t testing.TB, ms []*miner) *Client {
	t.Helper()
	kp, err := keys.FromURI("//storage/client")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dendrite.New(kp, dendrite.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	c := &Client{Dendrite: d, Timeout: 5 * time.Second, Parallel: 8}
	for _, m := range ms {
		c.Miners = append(c.Miners, m.info)
	}
	return c
}

func file(n int) []byte {
	r := rand.New(rand.NewPCG(uint64(n), 3))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func identity(i int) int { return i }

// TestPutGetSurvivesAThirdLeaving: a 1 MiB file put on 16 miners comes
// back whole, and exact, after 5 of them leave at once, with erasure coding
// (8+8: any 8 shards of a stripe rebuild it) or 6 replicas on distinct
// coldkeys.
func TestPutGetSurvivesAThirdLeaving(t *testing.T) {
	ctx := context.Background()
	data := file(1 << 20)
	for _, r := range []st.Redundancy{{Kind: st.Erasure, Data: 8, Parity: 8}, {Kind: st.Replication, Copies: 6}} {
		t.Run(r.Kind, func(t *testing.T) {
			ms := startMiners(t, 16, identity, nil)
			c := client(t, ms)
			m, blocks, err := st.Split("f.bin", data, r)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Place(m, c.Miners, 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Put(ctx, m, blocks, p); err != nil {
				t.Fatal(err)
			}
			for _, i := range []int{0, 3, 6, 9, 12} { // a third leave
				ms[i].ax.Shutdown(ctx)
			}
			got, err := c.Get(ctx, m, p)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("get after a third left: %v", err)
			}
		})
	}
}

// TestPlacementUsesDistinctColdkeys: the shards of a stripe never share a
// coldkey; without enough coldkeys the put is refused.
func TestPlacementUsesDistinctColdkeys(t *testing.T) {
	infos := make([]axon.Info, 12)
	for i := range infos {
		infos[i].Coldkey = keys.PublicKey{byte(i / 2)} // 6 coldkeys, 2 miners each
	}
	m, _, _ := st.Split("f", file(3*st.ChunkSize*4), st.Redundancy{Kind: st.Erasure, Data: 4, Parity: 2})
	p, err := Place(m, infos, 7)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]map[keys.PublicKey]bool{}
	for i, c := range m.Chunks {
		if seen[c.Stripe] == nil {
			seen[c.Stripe] = map[keys.PublicKey]bool{}
		}
		for _, h := range p[i] {
			if seen[c.Stripe][infos[h].Coldkey] {
				t.Fatalf("stripe %d has two shards on coldkey %x", c.Stripe, infos[h].Coldkey[:1])
			}
			seen[c.Stripe][infos[h].Coldkey] = true
		}
	}
	m2, _, _ := st.Split("f", file(100), st.Redundancy{Kind: st.Erasure, Data: 5, Parity: 2})
	if _, err := Place(m2, infos, 7); err == nil {
		t.Fatal("7 shards placed on 6 coldkeys")
	}
}

// TestMaliciousAndLazyMiners: a miner answering other bytes is skipped (the
// get is still exact); a miner that dropped half its chunks fails about
// half its audits while honest miners pass all of theirs.
func TestMaliciousAndLazyMiners(t *testing.T) {
	ctx := context.Background()
	liar := func(i int, a *axon.Axon, s *Store) error {
		if i != 0 {
			if i == 1 { // lazy: keeps every other chunk
				n := 0
				s.Keep = func(st.CID) bool { n++; return n%2 == 0 }
			}
			return Attach(a, s)
		}
		return axon.Attach(a, axon.Handler[*RetrieveChunk]{Forward: func(_ context.Context, r *RetrieveChunk) error {
			r.Data = base64.StdEncoding.EncodeToString([]byte("another miner's data"))
			return nil
		}})
	}
	ms := startMiners(t, 4, identity, liar)
	c := client(t, ms)
	data := file(3 * st.ChunkSize)
	m, blocks, _ := st.Split("f", data, st.Redundancy{Kind: st.Replication, Copies: 4})
	p := make(Placement, len(m.Chunks))
	for i := range p {
		p[i] = []int{0, 1, 2, 3} // the liar first
	}
	// The liar refuses nothing (no store handler): put on the others only.
	pp := make(Placement, len(m.Chunks))
	for i := range pp {
		pp[i] = []int{1, 2, 3}
	}
	if err := c.Put(ctx, m, blocks, pp); err != nil {
		t.Fatal(err)
	}
	got, err := c.Get(ctx, m, p)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("get past a lying miner: %v", err)
	}
	// Forged bytes are refused at put time, by name.
	req := synapse.New(&StoreChunk{}).(*StoreChunk)
	req.CID, req.Data = m.Chunks[0].CID.String(), base64.StdEncoding.EncodeToString([]byte("forged"))
	if r := c.call(ctx, 2, req); r.Err == nil || !bytes.Contains([]byte(r.Message), []byte("does not match its CID")) {
		t.Fatalf("forged chunk: %+v", r)
	}
	// Audits: honest miner 2 passes all; lazy miner 1 fails the chunks it dropped.
	rng := rand.New(rand.NewPCG(5, 6))
	fails := map[int]int{}
	for range 4 {
		for _, mi := range []int{1, 2} {
			for _, ch := range m.Chunks {
				var seed [32]byte
				for i := range seed {
					seed[i] = byte(rng.Uint32())
				}
				if err := c.Audit(ctx, mi, ch, seed, time.Now().Add(time.Minute).Unix()); err != nil {
					fails[mi]++
				}
			}
		}
	}
	if fails[2] != 0 || fails[1] == 0 || fails[1] == 4*len(m.Chunks) {
		t.Fatalf("audit failures: honest %d, lazy %d of %d", fails[2], fails[1], 4*len(m.Chunks))
	}
	if st.AuditScore(4*len(m.Chunks)-fails[1], 4*len(m.Chunks)) >= st.AuditScore(4*len(m.Chunks), 4*len(m.Chunks)) {
		t.Fatal("the lazy miner scores as well as the honest one")
	}
}

// BenchmarkRetrieve1MiB measures getting a 1 MiB file (erasure 8+8) from
// 16 miners on loopback, reporting p50 and p99 latency.
func BenchmarkRetrieve1MiB(b *testing.B) {
	ctx := context.Background()
	ms := startMiners(b, 16, identity, nil)
	c := client(b, ms)
	data := file(1 << 20)
	m, blocks, _ := st.Split("f", data, st.Redundancy{Kind: st.Erasure, Data: 8, Parity: 8})
	p, err := Place(m, c.Miners, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Put(ctx, m, blocks, p); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		got, err := c.Get(ctx, m, p)
		lat = append(lat, time.Since(t0))
		if err != nil || len(got) != len(data) {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}

// TestRepairAfterAThirdLeaves: after 5 of 16 miners leave, Repair rebuilds
// every lost shard or copy on live miners of fresh coldkeys; then another
// 5 may leave and the file still comes back. The repair time is logged.
func TestRepairAfterAThirdLeaves(t *testing.T) {
	ctx := context.Background()
	data := file(1 << 20)
	for _, r := range []st.Redundancy{{Kind: st.Erasure, Data: 6, Parity: 4}, {Kind: st.Replication, Copies: 3}} {
		t.Run(r.Kind, func(t *testing.T) {
			ms := startMiners(t, 16, identity, nil)
			c := client(t, ms)
			m, blocks, _ := st.Split("f", data, r)
			p, err := Place(m, c.Miners, 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Put(ctx, m, blocks, p); err != nil {
				t.Fatal(err)
			}
			gone := map[int]bool{}
			for _, i := range []int{1, 4, 7, 10, 13} {
				gone[i] = true
				ms[i].ax.Shutdown(ctx)
			}
			alive := func(h int) bool { return !gone[h] }
			t0 := time.Now()
			p2, n, err := c.Repair(ctx, m, p, alive)
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(t0)
			if n == 0 {
				t.Fatal("nothing was repaired")
			}
			for i, hs := range p2 {
				if len(hs) != len(p[i]) {
					t.Fatalf("chunk %d has %d holders after repair, had %d", i, len(hs), len(p[i]))
				}
				for _, h := range hs {
					if gone[h] {
						t.Fatalf("chunk %d still placed on a departed miner", i)
					}
				}
			}
			for _, i := range []int{0, 2, 5} { // more leave
				gone[i] = true
				ms[i].ax.Shutdown(ctx)
			}
			got, err := c.Get(ctx, m, p2)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("get after repair and more departures: %v", err)
			}
			t.Logf("%s: repaired %d chunks of a 1 MiB file in %s", r.Kind, n, took.Round(time.Millisecond))
		})
	}
}
