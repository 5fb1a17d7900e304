package faultsuite

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/keys"
)

var long = flag.Bool("fault.long", os.Getenv("TAONET_FAULT_LONG") == "1", "run the long fault suite (scripts/faults.sh)")

// shape is how much the suite does.
type shape struct {
	rounds    int // rounds of each fault
	perPhase  int // txs committed per load phase
	blockTime time.Duration
}

func suiteShape() shape {
	if *long {
		return shape{rounds: 3, perPhase: 600, blockTime: 300 * time.Millisecond}
	}
	return shape{rounds: 1, perPhase: 150, blockTime: 300 * time.Millisecond}
}

// TestFaults runs the fault suite (see the package doc) on 4 validators and
// a full node as separate processes.
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("starts five node processes")
	}
	sh := suiteShape()
	ctx := context.Background()
	dir := t.TempDir()
	bin, err := Build(ctx, filepath.Join("..", ".."), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Init(ctx, bin, filepath.Join(dir, "net"), 4, 1, sh.blockTime, 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.KillAll)
	failf := func(format string, args ...any) {
		t.Helper()
		for _, n := range c.Nodes {
			t.Logf("--- %s log tail:\n%s", n.Name, n.Log(25))
		}
		t.Fatalf(format, args...)
	}
	for _, n := range c.Nodes {
		if err := n.Start(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := WaitHeight(ctx, c.Nodes, 2, 60*time.Second); err != nil {
		failf("%v", err)
	}
	load, addrs := newLoad(t)
	sub := newHTTPSubmitter(c)
	validator, full := c.Nodes[1], c.Nodes[4]

	// phase runs the load while fault happens, then drains and checks.
	phase := func(name string, fault func() error) {
		t.Helper()
		start := time.Now()
		lctx, stop := context.WithTimeout(ctx, 5*time.Minute)
		defer stop()
		type result struct {
			n   int
			err error
		}
		done := make(chan result, 1)
		go func() {
			n, err := load.Run(lctx, sub, sh.perPhase, 90*time.Second)
			done <- result{n, err}
		}()
		if err := fault(); err != nil {
			stop()
			<-done
			failf("%s: %v", name, err)
		}
		r := <-done
		if r.err != nil {
			failf("%s: load: %v", name, r.err)
		}
		check(t, ctx, c, load, addrs, failf)
		t.Logf("%s: %d txs committed, %d accepted in all, %d resubmissions, %s", name, r.n, len(load.Accepted()), load.Resubmissions.Load(), time.Since(start).Round(time.Millisecond))
	}

	for round := range sh.rounds {
		phase(fmt.Sprintf("round %d: kill -9 a validator mid-load", round), func() error {
			time.Sleep(2 * time.Second)
			validator.Kill()
			time.Sleep(3 * time.Second)
			t0 := time.Now()
			if err := validator.Start(); err != nil {
				return err
			}
			tip, err := WaitHeight(ctx, c.Nodes[:1], 1, 10*time.Second)
			if err != nil {
				return err
			}
			if _, err := WaitHeight(ctx, []*Node{validator}, tip, 60*time.Second); err != nil {
				return err
			}
			t.Logf("validator caught up %s after restart", time.Since(t0).Round(time.Millisecond))
			return nil
		})
		phase(fmt.Sprintf("round %d: kill -9 the full node during state sync", round), func() error {
			if err := c.Rejoin(ctx, full, c.Nodes[0]); err != nil {
				return err
			}
			t0 := time.Now()
			if err := full.Start(); err != nil {
				return err
			}
			// Kill it at the most fragile moment: once the snapshot is restored
			// and before the node has followed the chain past it.
			if err := waitRestored(ctx, full, 90*time.Second); err != nil {
				return err
			}
			full.Kill()
			if err := full.Start(); err != nil {
				return err
			}
			if err := WaitCaughtUp(ctx, full, 120*time.Second); err != nil {
				return err
			}
			restarted := "resumed"
			if strings.Contains(full.Log(1<<20), "starting state sync over") {
				restarted = "started its state sync over"
			}
			t.Logf("state-synced full node (killed after its restore, %s) caught up %s after it first started", restarted, time.Since(t0).Round(time.Millisecond))
			return nil
		})
		phase(fmt.Sprintf("round %d: restart every node at once", round), func() error {
			time.Sleep(2 * time.Second)
			c.KillAll()
			t0 := time.Now()
			for _, n := range c.Nodes {
				if err := n.Start(); err != nil {
					return err
				}
			}
			st, err := c.Nodes[0].Client().Status(ctx)
			for i := 0; err != nil && i < 100; i++ {
				sleep(ctx, 100*time.Millisecond)
				st, err = c.Nodes[0].Client().Status(ctx)
			}
			if err != nil {
				return err
			}
			if _, err := WaitHeight(ctx, c.Nodes, st.Height+2, 90*time.Second); err != nil {
				return err
			}
			t.Logf("all nodes producing again %s after the restart", time.Since(t0).Round(time.Millisecond))
			return nil
		})
	}
}

// waitRestored waits until n reports a restored snapshot (or is in state sync
// long enough that it will be).
func waitRestored(ctx context.Context, n *Node, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		st, err := n.Client().Status(ctx)
		if err == nil && st.StateSyncHeight > 0 {
			return nil
		}
		sleep(ctx, 20*time.Millisecond)
	}
	return fmt.Errorf("faultsuite: %s restored no snapshot within %s", n.Name, timeout)
}

// check drains the network (every node at a common height past the last
// tx) and runs Check.
func check(t *testing.T, ctx context.Context, c *Cluster, load *Load, addrs []string, failf func(string, ...any)) {
	t.Helper()
	st, err := c.Nodes[0].Client().Status(ctx)
	if err != nil {
		failf("status: %v", err)
	}
	top, err := WaitHeight(ctx, c.Nodes, st.Height+2, 60*time.Second)
	if err != nil {
		failf("%v", err)
	}
	views, err := Observe(ctx, c.Nodes, top, addrs)
	if err != nil {
		failf("%v", err)
	}
	if err := Check(load.Accepted(), views); err != nil {
		failf("%v", err)
	}
}

// newLoad returns the suite's load: the six funded dev accounts send to
// eight fresh accounts; addrs are all fourteen (all the TAO there is).
func newLoad(t *testing.T) (*Load, []string) {
	l := &Load{ChainID: "faults", Value: 1_000_000, CommitTimeout: 6 * time.Second}
	var addrs []string
	for _, name := range []string{"Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"} {
		kp, err := keys.FromURI("//" + name)
		if err != nil {
			t.Fatal(err)
		}
		l.Senders = append(l.Senders, kp)
		addrs = append(addrs, kp.SS58())
	}
	for i := range 8 {
		kp, err := keys.FromURI(fmt.Sprintf("//faults/receiver/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		l.Receivers = append(l.Receivers, kp.Public())
		addrs = append(addrs, kp.SS58())
	}
	return l, addrs
}
