package main_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// buildBinary compiles taonet once per test binary run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "taonet")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type localnet struct {
	cmd *exec.Cmd
	url string
}

func startLocalnet(t *testing.T, bin, home string, api, p2p int) *localnet {
	t.Helper()
	cmd := exec.Command(bin, "localnet", "--no-demo", "--home", home, "--block-time", "200ms",
		"--api", fmt.Sprintf("127.0.0.1:%d", api), "--p2p", fmt.Sprintf("127.0.0.1:%d", p2p))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "API: "); ok {
			go func() {
				for lines.Scan() {
				}
			}()
			return &localnet{cmd: cmd, url: u}
		}
	}
	t.Fatal("localnet exited before printing its API address")
	return nil
}

func waitHeight(t *testing.T, c *client.Client, h int64) int64 {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := c.Status(context.Background()); err == nil && st.Height >= h {
			return st.Height
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no height %d within 30s", h)
	return 0
}

// TestKillAndRestart kills a running localnet with SIGKILL and restarts it:
// the chain continues from its height with balances and app hashes intact.
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	home := filepath.Join(t.TempDir(), "localnet")
	api, p2p := freePort(t), freePort(t)
	ln := startLocalnet(t, bin, home, api, p2p)
	c := client.New(ln.url)
	ctx := context.Background()
	waitHeight(t, c, 2)

	alice, _ := keys.FromURI("//Alice")
	bob, _ := keys.FromURI("//Bob")
	resp, err := c.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: 1_234_567_890}, 0, true)
	if err != nil {
		t.Fatalf("transfer: %v", err)
	}
	h := waitHeight(t, c, resp.Height+3)
	before, err := c.Block(ctx, resp.Height+2)
	if err != nil {
		t.Fatal(err)
	}
	bal, _ := c.Balance(ctx, bob.SS58())

	if err := ln.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = ln.cmd.Wait()

	ln2 := startLocalnet(t, bin, home, api, p2p)
	c2 := client.New(ln2.url)
	waitHeight(t, c2, h+2)
	after, err := c2.Block(ctx, resp.Height+2)
	if err != nil {
		t.Fatal(err)
	}
	if after.AppHash != before.AppHash || after.Hash != before.Hash {
		t.Fatalf("block %d changed across kill -9: %s/%s → %s/%s", resp.Height+2, before.Hash, before.AppHash, after.Hash, after.AppHash)
	}
	if got, _ := c2.Balance(ctx, bob.SS58()); got != bal {
		t.Fatalf("bob's balance %d → %d across kill -9", bal, got)
	}
}

// TestTwentyTransferProcesses starts twenty `taonet transfer` processes at
// once, all signing with //Alice: each signs with the account's next_nonce
// (the committed nonce plus //Alice's txs in the node's mempool) and re-signs
// if another process took that nonce first, so all twenty land. The
// processes (and the localnet) are this test binary acting as taonet
// (execEnv, see TestMain), so no separate build is needed.
func TestTwentyTransferProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a localnet and twenty processes")
	}
	t.Setenv(execEnv, "1") // inherited by the processes started below
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ln := startLocalnet(t, bin, filepath.Join(t.TempDir(), "localnet"), freePort(t), freePort(t))
	c := client.New(ln.url)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	waitHeight(t, c, 1)
	alice, _ := keys.FromURI("//Alice")
	bob, _ := keys.FromURI("//Bob")
	before, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	bobBefore, _ := c.Balance(ctx, bob.SS58())
	const procs = 20
	outs := make([][]byte, procs)
	errs := make([]error, procs)
	var wg sync.WaitGroup
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = exec.CommandContext(ctx, bin, "transfer", "--node", ln.url, "--uri", "//Alice",
				"--to", bob.SS58(), "--amount", "1", "-o", "json").CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range procs {
		var r struct {
			Height int64  `json:"height"`
			Fee    uint64 `json:"fee"`
		}
		if errs[i] != nil || json.Unmarshal(outs[i], &r) != nil || r.Height == 0 {
			t.Errorf("transfer process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	after, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	bobAfter, _ := c.Balance(ctx, bob.SS58())
	if after.Nonce != before.Nonce+procs || bobAfter != bobBefore+procs*1_000_000_000 {
		t.Fatalf("alice's nonce %d → %d, bob's balance %d → %d: want %d transfers of 1 TAO landed",
			before.Nonce, after.Nonce, bobBefore, bobAfter, procs)
	}
}

// BenchmarkLocalnetStartup measures a built binary from exec to the first
// committed block on a fresh home (goal: under 5 s).
func BenchmarkLocalnetStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "taonet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		home := filepath.Join(b.TempDir(), fmt.Sprint(i))
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		api := ln.Addr().String()
		ln.Close()
		ln, _ = net.Listen("tcp", "127.0.0.1:0")
		p2p := ln.Addr().String()
		ln.Close()
		start := time.Now()
		cmd := exec.Command(bin, "localnet", "--no-demo", "--home", home, "--api", api, "--p2p", p2p)
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		c := client.New("http://" + api)
		for {
			if st, err := c.Status(context.Background()); err == nil && st.Height >= 1 {
				break
			}
			if time.Since(start) > 30*time.Second {
				_ = cmd.Process.Kill()
				b.Fatal("no block within 30s")
			}
			time.Sleep(10 * time.Millisecond)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-first-block")
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
}
