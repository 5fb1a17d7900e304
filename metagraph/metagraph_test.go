package metagraph_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
)

// fakeSource returns a valid n-UID metagraph at the current block and
// streams the blocks sent on its channel.
type fakeSource struct {
	n      int
	block  atomic.Int64
	syncs  atomic.Int64
	mutate func(*apitypes.Metagraph)
	blocks chan apitypes.Block
	subs   atomic.Int64
}

func (f *fakeSource) Metagraph(_ context.Context, netuid uint16, lite bool) (*apitypes.Metagraph, error) {
	m := validMetagraph(f.n)
	m.Netuid, m.Block, m.Lite = netuid, f.block.Load(), lite
	if lite {
		m.Weights, m.Bonds = nil, nil
	}
	if f.mutate != nil {
		f.mutate(m)
	}
	f.syncs.Add(1) // after reading the block: a test may send the next one now
	return m, nil
}

func (f *fakeSource) Subscribe(ctx context.Context) (<-chan apitypes.Block, error) {
	f.subs.Add(1)
	out := make(chan apitypes.Block)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case b, ok := <-f.blocks:
				if !ok {
					return
				}
				f.block.Store(b.Height)
				select {
				case out <- b:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

func hot(i int) keys.PublicKey {
	seed := make([]byte, 32)
	seed[0], seed[1] = byte(i>>8), byte(i)
	kp, _ := keys.FromSeed(seed)
	return kp.Public()
}

func validMetagraph(n int) *apitypes.Metagraph {
	m := &apitypes.Metagraph{Netuid: 1, N: uint16(n),
		Rank: make([]uint16, n), Trust: make([]uint16, n), Consensus: make([]uint16, n), Incentive: make([]uint16, n),
		Dividends: make([]uint16, n), ValidatorTrust: make([]uint16, n), PruningScore: make([]uint16, n),
		Emission: make([]uint64, n), Active: make([]bool, n), ValidatorPermit: make([]bool, n), Immune: make([]bool, n),
		LastUpdate: make([]uint64, n), BlockAtRegistration: make([]uint64, n), Axons: make([]apitypes.AxonInfo, n),
		Weights: make(apitypes.Rows, n), Bonds: make(apitypes.Rows, n)}
	cold := hot(9999).SS58()
	for i := range n {
		m.UIDs = append(m.UIDs, uint16(i))
		m.Hotkeys = append(m.Hotkeys, hot(i).SS58())
		m.Coldkeys = append(m.Coldkeys, cold)
		m.Stake = append(m.Stake, uint64(i)*1000)
		m.Axons[i] = apitypes.AxonInfo{IP: "0.0.0.0", IPType: 4}
	}
	return m
}

func TestSyncRejectsInvalidResponses(t *testing.T) {
	for _, c := range []struct {
		name   string
		lite   bool
		mutate func(*apitypes.Metagraph)
	}{
		{"other netuid", false, func(m *apitypes.Metagraph) { m.Netuid = 2 }},
		{"short column", false, func(m *apitypes.Metagraph) { m.Incentive = m.Incentive[:1] }},
		{"long column", true, func(m *apitypes.Metagraph) { m.Axons = append(m.Axons, apitypes.AxonInfo{}) }},
		{"missing rows", false, func(m *apitypes.Metagraph) { m.Bonds = nil }},
		{"uid order", false, func(m *apitypes.Metagraph) { m.UIDs[0], m.UIDs[1] = 1, 0 }},
		{"bad hotkey", true, func(m *apitypes.Metagraph) { m.Hotkeys[2] = "5bad" }},
		{"bad coldkey", true, func(m *apitypes.Metagraph) { m.Coldkeys[0] = "" }},
		{"duplicate hotkey", true, func(m *apitypes.Metagraph) { m.Hotkeys[1] = m.Hotkeys[0] }},
	} {
		src := &fakeSource{n: 3}
		mg := metagraph.New(src, 1)
		if err := mg.Sync(context.Background(), c.lite); err != nil {
			t.Fatalf("%s: valid sync: %v", c.name, err)
		}
		before := mg.Snapshot()
		src.mutate = c.mutate
		if err := mg.Sync(context.Background(), c.lite); !errors.Is(err, metagraph.ErrInvalidResponse) {
			t.Errorf("%s: %v, want ErrInvalidResponse", c.name, err)
		}
		if mg.Snapshot() != before {
			t.Errorf("%s: a failed sync replaced the snapshot", c.name)
		}
	}
}

func TestLookupsBeforeAndAfterSync(t *testing.T) {
	src := &fakeSource{n: 4}
	mg := metagraph.New(src, 1)
	if _, err := mg.Current(); !errors.Is(err, metagraph.ErrNotSynced) {
		t.Fatalf("Current before sync: %v", err)
	}
	if mg.IsRegistered(hot(1)) || mg.Stake(hot(1)) != 0 || mg.N() != 0 {
		t.Fatal("lookups before sync should be empty")
	}
	src.block.Store(7)
	if err := mg.Sync(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if uid, ok := mg.UIDOf(hot(3)); !ok || uid != 3 || mg.Stake(hot(3)) != 3000 || mg.Block() != 7 || mg.N() != 4 {
		t.Fatalf("uid %d ok %v stake %d block %d", uid, ok, mg.Stake(hot(3)), mg.Block())
	}
	if mg.IsRegistered(hot(4)) {
		t.Fatal("hot(4) is not registered")
	}
	// An empty weight row normalises to zeros.
	if w := mg.Snapshot().WeightMatrix(); len(w) != 4 || w[1][1] != 0 {
		t.Fatalf("W: %v", w)
	}
}

// TestWatch re-syncs every 2 blocks, resubscribes after the stream ends, and
// serves concurrent readers meanwhile (run with -race).
func TestWatch(t *testing.T) {
	src := &fakeSource{n: 8, blocks: make(chan apitypes.Block)}
	mg := metagraph.New(src, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var seen []int64
	done := make(chan error, 1)
	go func() {
		done <- mg.Watch(ctx, metagraph.WatchOptions{Every: 2, Lite: true, RetryMin: time.Millisecond, OnSync: func(s *metagraph.Snapshot, err error) {
			if err == nil {
				mu.Lock()
				seen = append(seen, s.Block)
				mu.Unlock()
			}
		}})
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			_ = mg.IsRegistered(hot(3))
			_ = mg.Stake(hot(5))
		}
	}()
	waitSyncs := func(n int64) {
		deadline := time.Now().Add(5 * time.Second)
		for src.syncs.Load() < n && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
	}
	waitSyncs(1) // the initial sync
	for h := int64(1); h <= 6; h++ {
		src.blocks <- apitypes.Block{Height: h}
		if h%2 == 0 {
			waitSyncs(1 + h/2) // one sync every 2 blocks
		}
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n >= 4 { // let the last OnSync land
			break
		}
	}
	cancel()
	wg.Wait()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Watch returned %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	// The initial sync (block 0), then blocks 2, 4 and 6.
	want := []int64{0, 2, 4, 6}
	if len(seen) != len(want) {
		t.Fatalf("synced at %v, want %v", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("synced at %v, want %v", seen, want)
		}
	}
}

func TestWatchResubscribes(t *testing.T) {
	src := &fakeSource{n: 2, blocks: make(chan apitypes.Block)}
	close(src.blocks) // every stream ends at once
	mg := metagraph.New(src, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := mg.Watch(ctx, metagraph.WatchOptions{RetryMin: time.Millisecond, RetryMax: 4 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) || src.subs.Load() < 3 {
		t.Fatalf("err %v after %d subscriptions", err, src.subs.Load())
	}
}
