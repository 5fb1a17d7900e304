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

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/localnet"
	"github.com/taonet/taonet/node"
)

func TestDemoTempoFlag(t *testing.T) {
	var out bytes.Buffer
	io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
	cmd := localnet.NewCmd(io)
	cmd.SetArgs([]string{"--home", filepath.Join(t.TempDir(), "h"), "--demo-tempo", "1"})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	var fe *cmdutil.FlagError
	if err := cmd.Execute(); !errors.As(err, &fe) {
		t.Fatalf("error %v, want a FlagError", err)
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
