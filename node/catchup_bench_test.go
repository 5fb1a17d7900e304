package node_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/node"
	"github.com/taonet/taonet/tx"
)

// catchUpBlocks is the chain length the catch-up benchmark builds
// (TAONET_CATCHUP_BLOCKS overrides the 10,000).
func catchUpBlocks() int64 {
	if s := os.Getenv("TAONET_CATCHUP_BLOCKS"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			return n
		}
	}
	return 10_000
}

// populate registers a subnet with 32 neurons, stakes on a validator and
// has it set weights, so that snapshots and replayed blocks carry a
// populated subnet rather than an empty chain.
func populate(tb testing.TB, c *client.Client) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	alice := key(tb, "//Alice")
	owner := key(tb, "//Alice//owner")
	if _, err := c.SignAndSubmit(ctx, alice, tx.RegisterNetwork{Hotkey: owner.Public()}, 0, true); err != nil {
		tb.Fatal(err)
	}
	for _, set := range []struct {
		name  string
		value uint64
	}{{"sudo_set_max_registrations_per_block", 64}, {"sudo_set_target_registrations_per_interval", 64}, {"sudo_set_weights_set_rate_limit", 0}} {
		p, ok := tx.AdminParamByName(set.name)
		if !ok {
			tb.Fatalf("no admin setter %s", set.name)
		}
		if _, err := c.SignAndSubmit(ctx, alice, tx.AdminSet{Call: p.Index, Netuid: 1, Value: set.value}, 0, true); err != nil {
			tb.Fatalf("%s: %v", set.name, err)
		}
	}
	for i := range 32 {
		hk := key(tb, fmt.Sprintf("//Alice//neuron%d", i))
		if _, err := c.SignAndSubmit(ctx, alice, tx.BurnedRegister{Netuid: 1, Hotkey: hk.Public()}, 0, true); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := c.SignAndSubmit(ctx, alice, tx.AddStake{Hotkey: owner.Public(), Amount: 1000 * tao}, 0, true); err != nil {
		tb.Fatal(err)
	}
	dests, weights := make([]uint16, 32), make([]uint16, 32)
	for i := range dests {
		dests[i], weights[i] = uint16(i), uint16(1000+i)
	}
	if _, err := c.SignAndSubmit(ctx, owner, tx.SetWeights{Netuid: 1, Dests: dests, Weights: weights}, 0, true); err != nil {
		tb.Fatal(err)
	}
}

// dirSize is the size in bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkCatchUp measures the time a new node takes to reach the tip of
// a chain of catchUpBlocks blocks with a populated subnet: by replaying
// every block (blocksync) and by state sync. Run it with
//
//	go test ./node -run '^$' -bench CatchUp -benchtime 1x -timeout 30m
//
// Building the chain takes about a minute at the validator's ~150 blocks/s.
func BenchmarkCatchUp(b *testing.B) {
	blocks := catchUpBlocks()
	homes := initNetwork(b, 1, 2*time.Millisecond)
	st, err := node.LoadSettings(homes[0])
	if err != nil {
		b.Fatal(err)
	}
	st.SnapshotInterval = uint64(max(blocks/10, 10))
	st.SnapshotKeepRecent = 4
	if err := node.SaveSettings(homes[0], st); err != nil {
		b.Fatal(err)
	}
	v := startNode(b, homes[0])
	vc := client.New(v.APIURL())
	waitHeight(b, vc, 1, 20*time.Second)
	populate(b, vc)
	start := time.Now()
	waitHeight(b, vc, blocks, 30*time.Minute)
	b.Logf("built %d blocks in %s; validator data %d MiB", blocks, time.Since(start).Round(time.Second), dirSize(filepath.Join(homes[0], "data"))>>20)
	// Restart the validator at a realistic pace (1 s blocks): the tip
	// barely moves while the joiners catch up, and the snapshots they
	// choose stay served (at ~150 blocks/s they would be pruned while the
	// joiner discovers them). Each joiner must reach the validator's
	// height at the moment it starts.
	if err := v.Stop(); err != nil {
		b.Fatal(err)
	}
	v, err = node.Open(homes[0], node.Options{BlockTime: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	if err := v.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { v.Stop() })
	vc = client.New(v.APIURL())
	waitHeight(b, vc, blocks+1, time.Minute)
	for _, mode := range []string{"replay", "statesync"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ports := freePorts(b, 2)
				home := filepath.Join(testnode.HomeDir(b), "joiner")
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
				_, err := node.Join(ctx, node.JoinOptions{
					Home: home, From: v.APIURL(), StateSync: mode == "statesync",
					APIAddr: fmt.Sprintf("127.0.0.1:%d", ports[0]), P2PAddr: fmt.Sprintf("127.0.0.1:%d", ports[1]),
				})
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				tip := v.Height()
				t0 := time.Now()
				j := startNode(b, home)
				jc := client.New(j.APIURL())
				waitHeight(b, jc, tip, 30*time.Minute)
				d := time.Since(t0)
				b.ReportMetric(d.Seconds(), "s/catch-up")
				b.ReportMetric(float64(tip), "tip-height")
				b.Logf("%s: reached height %d in %s (joiner data %d MiB)", mode, tip, d.Round(time.Millisecond), dirSize(filepath.Join(home, "data"))>>20)
				j.Stop()
			}
		})
	}
}

// dataParts are the parts of a node's data folder the disk benchmark
// reports: CometBFT's blocks (block store, state, tx index), the app state,
// the explorer's history index and the consensus WAL.
var dataParts = map[string][]string{
	"blocks":  {"blockstore.db", "state.db", "tx_index.db"},
	"app":     {"app"},
	"history": {"history"},
	"wal":     {"cs.wal"},
}

func partSizes(data string) map[string]int64 {
	out := map[string]int64{}
	for name, dirs := range dataParts {
		for _, d := range dirs {
			out[name] += dirSize(filepath.Join(data, d))
		}
	}
	return out
}

// BenchmarkDiskPerThousandBlocks measures how much a node's data folder
// grows per 1,000 blocks carrying transfers, keeping every block and
// pruning to the last 100, by part (KiB per 1,000 blocks), over 20,000
// blocks after a warm-up of 1,000 (long enough for the databases' write
// buffers to flush and compact). Run it with
//
//	go test ./node -run '^$' -bench DiskPerThousand -benchtime 1x -timeout 30m
func BenchmarkDiskPerThousandBlocks(b *testing.B) {
	measured := int64(20_000) // TAONET_DISK_BLOCKS overrides
	if v, err := strconv.ParseInt(os.Getenv("TAONET_DISK_BLOCKS"), 10, 64); err == nil && v > 0 {
		measured = v
	}
	for _, keep := range []int64{0, 100} {
		name := "keep-all"
		if keep > 0 {
			name = fmt.Sprintf("keep-recent=%d", keep)
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				homes := initNetwork(b, 1, 2*time.Millisecond)
				st, _ := node.LoadSettings(homes[0])
				st.PruningKeepRecent = keep
				if err := node.SaveSettings(homes[0], st); err != nil {
					b.Fatal(err)
				}
				n := startNode(b, homes[0])
				c := client.New(n.APIURL())
				waitHeight(b, c, 1, 20*time.Second)
				alice, bob := key(b, "//Alice"), key(b, "//Bob")
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
				// Warm up past the pruning window, then measure with a
				// transfer in most blocks.
				waitHeight(b, c, 1000, 10*time.Minute)
				data := filepath.Join(homes[0], "data")
				h0, p0 := n.Height(), partSizes(data)
				for n.Height() < h0+measured {
					if _, err := c.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, false); err != nil {
						b.Fatal(err)
					}
					time.Sleep(5 * time.Millisecond)
				}
				cancel()
				h1, p1 := n.Height(), partSizes(data)
				per := func(part string) float64 { return float64(p1[part]-p0[part]) / float64(h1-h0) * 1000 / 1024 }
				var total float64
				for _, part := range []string{"blocks", "app", "history", "wal"} {
					b.ReportMetric(per(part), part+"-KiB/1000blocks")
					total += per(part)
					b.Logf("%s: %s grew %.0f KiB per 1,000 blocks (now %d KiB)", name, part, per(part), p1[part]>>10)
				}
				b.ReportMetric(total, "KiB/1000blocks")
				n.Stop()
			}
		})
	}
}
