package demo_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/demo"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/node"
	"github.com/taonet/taonet/subnets/template"
)

// syncBuffer is a bytes.Buffer safe for the demo's writer goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startNode runs a localnet node with //Alice as sudo and fast blocks.
func startNode(t *testing.T, blockTime time.Duration) *client.Client {
	t.Helper()
	g, err := node.LocalnetGenesis("demo-test")
	if err != nil {
		t.Fatal(err)
	}
	alice, _ := keys.FromURI("//Alice")
	g.Sudo = alice.SS58()
	var addrs []string
	for range 2 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addrs = append(addrs, ln.Addr().String())
		ln.Close()
	}
	home := filepath.Join(t.TempDir(), "home")
	st := node.DefaultSettings()
	st.APIAddr, st.P2PAddr, st.BlockTime = addrs[0], addrs[1], blockTime.String()
	if err := node.InitNetwork(g, []node.Member{{Home: home, Settings: st}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	n, err := node.Open(home, node.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = n.Stop() })
	for i := 0; i < 400 && n.Height() < 1; i++ {
		time.Sleep(25 * time.Millisecond)
	}
	return client.New(n.APIURL())
}

// TestDemoEndToEnd runs the demo on an in-process chain for several epochs
// and checks, through the API, that the best models earn the most
// incentive, the worst the least, and that validators earn dividends.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end demo")
	}
	c := startNode(t, 150*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 80*time.Second)
	defer cancel()

	cfg := demo.DefaultConfig()
	cfg.Tempo = 12
	cfg.StepInterval = 150 * time.Millisecond
	cfg.PollInterval = 100 * time.Millisecond
	cfg.TxTimeout = 20 * time.Second
	var out syncBuffer
	cfg.Out = &out
	cfg.Logger = slog.New(slog.DiscardHandler)
	d, err := demo.Setup(ctx, c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Setup is idempotent: a second run finds the same subnet.
	d2, err := demo.Setup(ctx, c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Netuid() != d.Netuid() {
		t.Fatalf("second setup found netuid %d, first made %d", d2.Netuid(), d.Netuid())
	}

	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx) }()

	// Wait until weights have counted for several epochs.
	const epochs = 6
	var snap *demo.Snapshot
	seen, first := 0, uint64(0)
	for snap == nil || seen < epochs {
		select {
		case err := <-done:
			t.Fatalf("demo stopped: %v", err)
		case <-ctx.Done():
			t.Fatalf("only %d epochs with incentive before the deadline\n%s", seen, out.String())
		case <-time.After(200 * time.Millisecond):
		}
		s, err := d.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var inc float64
		for _, r := range s.Rows {
			inc += r.Incentive
		}
		if inc > 0 && s.LastStep != first {
			first = s.LastStep
			seen++
			snap = s
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("final epoch:\n%s", tableOf(snap))

	best, worst := map[string]float64{}, map[string]float64{}
	byModel := map[string][]float64{}
	var dividends float64
	for _, r := range snap.Rows {
		switch r.Role {
		case demo.RoleMiner:
			byModel[r.Model] = append(byModel[r.Model], r.Incentive)
		case demo.RoleValidator:
			dividends += r.Dividends
			if r.Dividends == 0 {
				t.Errorf("validator %s earned no dividends", r.Name)
			}
		}
	}
	for m, xs := range byModel {
		best[m], worst[m] = maxOf(xs), minOf(xs)
	}
	// Every ensemble miner out-earns every AR miner, which out-earns every
	// last-value miner.
	if !(worst["ensemble"] > best["ar"] && worst["ar"] > best["last"]) {
		t.Errorf("incentive does not follow model quality: %v", byModel)
	}
	if worst["last"] <= 0 {
		t.Errorf("last-value miners earned nothing: %v", byModel)
	}
	if dividends < 0.99 {
		t.Errorf("validators' dividends sum to %.3f, want 1", dividends)
	}
	// The stake miners accumulated over the epochs follows the same order.
	stakeOf := map[string][]uint64{}
	for _, r := range snap.Rows {
		if r.Role == demo.RoleMiner {
			stakeOf[r.Model] = append(stakeOf[r.Model], r.Stake)
		}
	}
	if !(slices.Min(stakeOf["ensemble"]) > slices.Max(stakeOf["ar"]) && slices.Min(stakeOf["ar"]) > slices.Max(stakeOf["last"])) {
		t.Errorf("accumulated stake does not follow model quality: %v", stakeOf)
	}
	// On chain, as any client sees it: miners serve on the loopback alias
	// and each validator's weights favour an ensemble miner.
	var mg api.Metagraph
	if err := c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/metagraph", d.Netuid()), &mg); err != nil {
		t.Fatal(err)
	}
	for _, r := range snap.Rows {
		switch r.Role {
		case demo.RoleMiner:
			if a := mg.Axons[r.UID]; a.IP != template.LoopbackAlias || a.Port == 0 {
				t.Errorf("%s serves at %s:%d", r.Name, a.IP, a.Port)
			}
		case demo.RoleValidator:
			if !mg.ValidatorPermit[r.UID] {
				t.Errorf("%s has no validator permit", r.Name)
			}
			row := mg.Weights[r.UID]
			if len(row) != len(cfg.Models) {
				t.Fatalf("%s weights %v, want one per miner", r.Name, row)
			}
			top := row[0]
			for _, e := range row {
				if e[1] > top[1] {
					top = e
				}
			}
			if snap.Rows[top[0]].Model != "ensemble" {
				t.Errorf("%s weights %v favour uid %d (%s)", r.Name, row, top[0], snap.Rows[top[0]].Model)
			}
		}
	}
	if !strings.Contains(out.String(), "INCENTIVE") {
		t.Errorf("no table printed:\n%s", out.String())
	}
}

func tableOf(s *demo.Snapshot) string {
	var b strings.Builder
	s.WriteTable(&b)
	return b.String()
}

func maxOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func minOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// TestStorageDemoEndToEnd runs the storage demo on an in-process chain and
// checks that the audits rank the miners: the lazy miner (half its chunks
// dropped) earns the least incentive, below the slow one, and every
// honest miner earns more than both.
func TestStorageDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end demo")
	}
	c := startNode(t, 150*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cfg := demo.StorageConfig()
	cfg.Tempo = 12
	cfg.StepInterval = 150 * time.Millisecond
	cfg.PollInterval = 100 * time.Millisecond
	cfg.TxTimeout = 20 * time.Second
	var out syncBuffer
	cfg.Out = &out
	cfg.Logger = slog.New(slog.DiscardHandler)
	d, err := demo.Setup(ctx, c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx) }()
	defer func() { stop(); <-done }()
	// Wait until the ranking holds at an epoch after several with incentive.
	var snap *demo.Snapshot
	seen, last := 0, uint64(0)
	for {
		select {
		case err := <-done:
			t.Fatalf("demo stopped: %v", err)
		case <-ctx.Done():
			t.Fatalf("no ranking after %d epochs with incentive\n%s", seen, out.String())
		case <-time.After(200 * time.Millisecond):
		}
		s, err := d.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.LastStep == last {
			continue
		}
		last = s.LastStep
		inc := map[string][]float64{}
		for _, r := range s.Rows {
			if r.Role == demo.RoleMiner {
				inc[r.Model] = append(inc[r.Model], r.Incentive)
			}
		}
		if slices.Max(inc[demo.StorageHonest]) > 0 {
			seen++
		}
		if seen >= 4 && minOf(inc[demo.StorageHonest]) > inc[demo.StorageSlow][0] && inc[demo.StorageSlow][0] > inc[demo.StorageLazy][0] {
			snap = s
			break
		}
	}
	t.Logf("epoch with the ranking:\n%s", tableOf(snap))
	if !strings.Contains(out.String(), "lazy") {
		t.Errorf("no table printed:\n%s", out.String())
	}
}
