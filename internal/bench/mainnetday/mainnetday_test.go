package mainnetday

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/small_app_hash.txt")

// small is a network small enough for a test: two epochs per subnet.
func small() Config {
	c := DefaultConfig()
	c.Blocks, c.Subnets, c.UIDs, c.Validators, c.Tempo, c.Nominators = 40, 3, 24, 4, 20, 16
	return c
}

// TestRunIsDeterministicAndWorks: the same configuration gives the same
// app hash, the workload's calls succeed after the warm-up, and the result
// carries the fields.
func TestRunIsDeterministicAndWorks(t *testing.T) {
	if testing.Short() {
		t.Skip("drives ~100 blocks twice")
	}
	c := small()
	var progress int
	a, err := Run(context.Background(), c, Options{Dir: t.TempDir(), Progress: func(done, _ int, _ time.Duration) { progress = done }})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.AppHash == "" || a.AppHash != b.AppHash {
		t.Fatalf("app hashes %q and %q: the workload is not deterministic", a.AppHash, b.AppHash)
	}
	// Performance work must not change consensus: the small day's app hash is golden.
	const golden = "testdata/small_app_hash.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(a.AppHash+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if a.AppHash != strings.TrimSpace(string(want)) {
		t.Fatalf("app hash %s, golden %s: a consensus rule changed (run with -update only if that is intended)", a.AppHash, want)
	}
	if progress != c.Blocks {
		t.Fatalf("progress reached %d of %d blocks", progress, c.Blocks)
	}
	if a.Blocks != c.Blocks || a.Txs == 0 || a.Seconds <= 0 || a.RealTimeFactor <= 0 || a.StateBytes <= 0 || a.PeakRSSBytes <= 0 {
		t.Fatalf("result %+v", a)
	}
	if !(a.P50BlockMs <= a.P99BlockMs && a.P99BlockMs <= a.MaxBlockMs) {
		t.Fatalf("percentiles out of order: %+v", a)
	}
	// Every subnet runs 40/21 epochs ≈ 2 in 40 blocks, root 0 or 1.
	if a.Epochs < c.Subnets {
		t.Fatalf("%d epochs in %d blocks", a.Epochs, c.Blocks)
	}
	if a.FailedTxs != 0 {
		t.Fatalf("%d of %d txs failed: %v", a.FailedTxs, a.Txs, a.FailedByCall)
	}
	t.Logf("%d txs, %d failed %v %v, rtf %.0f, p50 %.2f ms, max %.2f ms", a.Txs, a.FailedTxs, a.FailedByCall, a.FirstFailure, a.RealTimeFactor, a.P50BlockMs, a.MaxBlockMs)
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
	}{
		{"no blocks", func(c *Config) { c.Blocks = 0 }},
		{"no subnets", func(c *Config) { c.Subnets = 0 }},
		{"too many uids", func(c *Config) { c.UIDs = 5000 }},
		{"validators fill the subnet", func(c *Config) { c.Validators = c.UIDs }},
		{"more validators than root", func(c *Config) { c.Validators, c.UIDs = 65, 256 }},
		{"tempo 1", func(c *Config) { c.Tempo = 1 }},
		{"one nominator", func(c *Config) { c.Nominators = 1 }},
		{"negative churn", func(c *Config) { c.ChurnPerTempo = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			if err := c.Validate(); !errors.Is(err, ErrBadConfig) {
				t.Fatalf("err %v, want ErrBadConfig", err)
			}
			if _, err := Run(context.Background(), c, Options{}); !errors.Is(err, ErrBadConfig) {
				t.Fatalf("Run err %v, want ErrBadConfig", err)
			}
		})
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}
