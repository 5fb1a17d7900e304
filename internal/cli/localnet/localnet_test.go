package localnet_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/localnet"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/node"
)

// TestFlagErrors checks the flag combinations refused before anything
// starts.
func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"--demo-tempo", "1"}, {"--tempo", "5"}, {"--fair-launch", "--tempo", "0"}, {"--demo", "chess"}} {
		var out bytes.Buffer
		cmd := localnet.NewCmd(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out})
		cmd.SetArgs(append([]string{"--home", filepath.Join(t.TempDir(), "h"), "--api", "127.0.0.1:0", "--p2p", "127.0.0.1:0"}, args...))
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		var fe *cmdutil.FlagError
		if err := cmd.Execute(); !errors.As(err, &fe) {
			t.Fatalf("%v: error %v, want a FlagError", args, err)
		}
	}
}

// TestDemoWithoutSudo runs the demo on a chain whose genesis has no sudo
// key (a localnet from before the demo): it explains and leaves the chain
// running instead of failing.
func TestDemoWithoutSudo(t *testing.T) {
	g, err := node.LocalnetGenesis("no-sudo")
	if err != nil {
		t.Fatal(err)
	}
	g.Sudo = ""
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
	st.APIAddr, st.P2PAddr, st.BlockTime = addrs[0], addrs[1], "100ms"
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
	defer n.Stop()
	var out, errOut bytes.Buffer
	opts := &localnet.Options{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, DemoTempo: 10, LogLevel: "error"}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := localnet.RunDemo(ctx, opts, n.APIURL()); err != nil {
		t.Fatalf("RunDemo: %v", err)
	}
	if !strings.Contains(errOut.String(), "demo not started") || !strings.Contains(errOut.String(), "--reset") {
		t.Fatalf("stderr %q does not explain", errOut.String())
	}
}

// TestFairLaunchStart starts a --fair-launch localnet: it says how to join
// instead of listing dev accounts, and its chain has no issuance and an
// ownerless subnet 1. A restart without the flag knows the chain; the flag
// refuses a home holding a chain with balances.
func TestFairLaunchStart(t *testing.T) {
	home := filepath.Join(testnode.HomeDir(t), "fair")
	start := func(fair bool, home string) (*node.Node, bool, string, error) {
		var out bytes.Buffer
		opts := &localnet.Options{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out},
			Home: home, APIAddr: "127.0.0.1:0", P2PAddr: "127.0.0.1:0", BlockTime: 100 * time.Millisecond,
			ChainID: "fair", LogLevel: "error", FairLaunch: fair, Tempo: 5}
		n, isFair, err := localnet.Start(opts)
		return n, isFair, out.String(), err
	}
	for _, flag := range []bool{true, false} {
		n, fair, out, err := start(flag, home)
		if err != nil {
			t.Fatal(err)
		}
		if !fair || !strings.Contains(out, "fair launch") || !strings.Contains(out, "tempo 5") ||
			!strings.Contains(out, "difficulty 1000000") || strings.Contains(out, "dev mnemonic") {
			n.Stop()
			t.Fatalf("--fair-launch=%v: fair %v, banner:\n%s", flag, fair, out)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		c := client.New(n.APIURL())
		var s *apitypes.Subnet
		for s == nil || s.Height < 2 {
			if ctx.Err() != nil {
				t.Fatalf("subnet 1 not served: %v", err)
			}
			s, err = c.Subnet(ctx, 1)
			time.Sleep(50 * time.Millisecond)
		}
		st, err := c.Status(ctx)
		cancel()
		n.Stop()
		if err != nil || st.TotalIssuance != 0 || s.OwnerColdkey != "" || s.Tempo != 5 || !s.Hyperparameters.PowRegistrationAllowed {
			t.Fatalf("fair-launch chain: status %+v (%v), subnet 1 %+v", st, err, s)
		}
	}
	other := filepath.Join(testnode.HomeDir(t), "dev")
	n, fair, out, err := start(false, other)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); n.Height() < 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			n.Stop()
			t.Fatal("no first block within 20 s")
		}
	}
	n.Stop()
	if fair || !strings.Contains(out, "dev mnemonic") {
		t.Fatalf("localnet banner:\n%s", out)
	}
	if _, _, _, err := start(true, other); !errors.Is(err, localnet.ErrNotFairLaunch) {
		t.Fatalf("--fair-launch over a dev chain: %v", err)
	}
}
