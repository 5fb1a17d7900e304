package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/synapse"
)

func newRouting(t testing.TB, server bool) *routing.Node {
	t.Helper()
	r, err := routing.New(routing.Config{Server: server})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func newDendrite(t testing.TB, uri string) *dendrite.Dendrite {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dendrite.New(kp, dendrite.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// dhtMiners starts n miners with DHT nodes that join each other from the
// axon list (JoinDHT), and waits until each has peers.
func dhtMiners(t testing.TB, ctx context.Context, n int, delay func(i int) time.Duration) ([]*miner, []*Miner) {
	t.Helper()
	sm := make([]*Miner, n)
	ms := startMiners(t, n, identity, func(i int, a *axon.Axon, s *Store) error {
		sm[i] = &Miner{Store: s, Routing: newRouting(t, true)}
		if delay != nil {
			sm[i].Delay = delay(i)
		}
		return sm[i].Attach(a)
	})
	infos := func() []axon.Info {
		var out []axon.Info
		for _, m := range ms {
			out = append(out, m.info)
		}
		return out
	}
	jctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, n)
	t.Cleanup(func() {
		cancel()
		for range n {
			<-done
		}
	})
	for i := range ms {
		d := newDendrite(t, fmt.Sprintf("//storage/miner/%d", i))
		go func() {
			defer func() { done <- struct{}{} }()
			sm[i].JoinDHT(jctx, d, infos, 200*time.Millisecond, time.Hour)
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, m := range sm {
		for m.Routing.Peers() < min(n-1, 3) {
			if time.Now().After(deadline) {
				t.Fatalf("miners did not join the DHT in 30 s (%d peers)", m.Routing.Peers())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return ms, sm
}

// TestFetchByCIDThroughTheDHT: a file put by one client is read by another
// that knows only its CID and the axon list: the DHT names the manifest's
// and the chunks' holders, no validator or index is asked. A miner that
// announces a chunk but answers with other bytes is skipped.
func TestFetchByCIDThroughTheDHT(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ms, sm := dhtMiners(t, ctx, 8, nil)

	writer := client(t, ms)
	writer.Routing = newRouting(t, false)
	if n, err := writer.Bootstrap(ctx); err != nil || n != len(ms) {
		t.Fatalf("bootstrap: %d peers, %v", n, err)
	}
	data := file(700_000)
	m, blocks, err := st.Split("f.bin", data, st.Redundancy{Kind: st.Erasure, Data: 4, Parity: 2})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Place(m, writer.Miners, 7)
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.Put(ctx, m, blocks, p); err != nil {
		t.Fatal(err)
	}
	cid, err := writer.PutManifest(ctx, m, p)
	if err != nil {
		t.Fatal(err)
	}

	// A miner holding chunk 0 now serves other bytes.
	liar := p[0][0]
	sm[liar].Store.Drop(m.Chunks[0].CID)
	other := file(m.Chunks[0].Size + 1)[:m.Chunks[0].Size]
	sm[liar].Store.mu.Lock()
	sm[liar].Store.chunks[m.Chunks[0].CID] = other
	sm[liar].Store.mu.Unlock()

	reader := &Client{Dendrite: newDendrite(t, "//storage/reader"), Miners: writer.Miners, Timeout: 5 * time.Second, Parallel: 8,
		Routing: newRouting(t, false)}
	if _, err := reader.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	for i, c := range m.Chunks {
		got := reader.Locate(ctx, c.CID, 20)
		slices.Sort(got)
		if !slices.Equal(got, p[i]) {
			t.Errorf("chunk %d: the DHT names %v, placed on %v", i, got, p[i])
		}
	}
	got, gm, err := reader.Fetch(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) || gm.Name != "f.bin" {
		t.Fatalf("fetched %d bytes named %q, want %d bytes", len(got), gm.Name, len(data))
	}
	if _, _, err := reader.Fetch(ctx, st.Sum([]byte("never stored"))); !errors.Is(err, ErrNoHolder) {
		t.Errorf("unknown CID: %v", err)
	}
}

// TestMinerAnnouncesWhatItHeldBeforeJoining: chunks stored while a miner
// had no DHT peers are announced once it joins.
func TestMinerAnnouncesWhatItHeldBeforeJoining(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s := NewStore(1 << 20)
	blob := []byte("kept before the DHT")
	if err := s.Put(st.Sum(blob), blob); err != nil {
		t.Fatal(err)
	}
	ms, _ := dhtMiners(t, ctx, 3, nil)
	late := &Miner{Store: s, Routing: newRouting(t, true)}
	c := client(t, ms)
	c.Routing = late.Routing
	if _, err := c.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if n := late.Announce(ctx); n != 1 {
		t.Fatalf("announced %d chunks, want 1", n)
	}
	reader := client(t, ms)
	reader.Routing = newRouting(t, false)
	if _, err := reader.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if got := reader.Routing.FindHolders(ctx, st.Sum(blob), 5); !slices.Equal(got, []string{late.Routing.ID()}) {
		t.Fatalf("holders %v, want the late miner %s", got, late.Routing.ID())
	}
}

// BenchmarkFetch1MiBThroughDHT measures getting a 1 MiB file (erasure
// 8+8) from 16 miners on loopback by its CID alone: the manifest's and
// each chunk's holders looked up in the DHT, then fetched and checked.
// It reports p50 and p99 latency and, beside them, the same get with a
// known placement (no lookups) in the same run.
func BenchmarkFetch1MiBThroughDHT(b *testing.B) {
	ctx := context.Background()
	ms, _ := dhtMiners(b, ctx, 16, nil)
	c := client(b, ms)
	c.Routing = newRouting(b, false)
	if _, err := c.Bootstrap(ctx); err != nil {
		b.Fatal(err)
	}
	data := file(1 << 20)
	m, blocks, _ := st.Split("f", data, st.Redundancy{Kind: st.Erasure, Data: 8, Parity: 8})
	p, err := Place(m, c.Miners, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Put(ctx, m, blocks, p); err != nil {
		b.Fatal(err)
	}
	cid, err := c.PutManifest(ctx, m, p)
	if err != nil {
		b.Fatal(err)
	}
	viaDHT := make([]time.Duration, 0, b.N)
	direct := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		got, _, err := c.Fetch(ctx, cid)
		viaDHT = append(viaDHT, time.Since(t0))
		if err != nil || !bytes.Equal(got, data) {
			b.Fatal(err)
		}
		t0 = time.Now()
		if _, err := c.Get(ctx, m, p); err != nil {
			b.Fatal(err)
		}
		direct = append(direct, time.Since(t0))
	}
	b.StopTimer()
	q := func(l []time.Duration, f int) float64 {
		slices.Sort(l)
		return float64(l[min(len(l)-1, len(l)*f/100)].Microseconds()) / 1000
	}
	b.ReportMetric(q(viaDHT, 50), "p50-ms")
	b.ReportMetric(q(viaDHT, 99), "p99-ms")
	b.ReportMetric(q(direct, 50), "known-placement-p50-ms")
	b.ReportMetric(q(direct, 99), "known-placement-p99-ms")
}

// TestFailedAnnouncementIsRetried: a chunk stored while the miner had no
// DHT peers is announced at JoinDHT's next pass.
func TestFailedAnnouncementIsRetried(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ms, _ := dhtMiners(t, ctx, 3, nil)
	late := &Miner{Store: NewStore(1 << 20), Routing: newRouting(t, true)}
	blob := []byte("stored before joining")
	req := synapse.New(&StoreChunk{}).(*StoreChunk)
	req.CID, req.Data = st.Sum(blob).String(), encode(blob)
	if err := late.storeForward(ctx, req); err != nil {
		t.Fatal(err)
	}
	if n := late.retryAnnouncements(ctx); n != 1 {
		t.Fatalf("%d announcements pending before joining, want 1", n)
	}
	c := client(t, ms)
	c.Routing = late.Routing
	if _, err := c.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if n := late.retryAnnouncements(ctx); n != 0 {
		t.Fatalf("%d announcements still pending after joining", n)
	}
	reader := client(t, ms)
	reader.Routing = newRouting(t, false)
	if _, err := reader.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	if got := reader.Routing.FindHolders(ctx, st.Sum(blob), 5); !slices.Equal(got, []string{late.Routing.ID()}) {
		t.Fatalf("holders %v, want the late miner", got)
	}
}
