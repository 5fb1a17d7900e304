package root_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/root"
	"github.com/taonet/taonet/node"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = root.Run(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}, args)
	return out.String(), errb.String(), code
}

func startNode(t *testing.T) string {
	t.Helper()
	g, err := node.LocalnetGenesis("cli-test")
	if err != nil {
		t.Fatal(err)
	}
	var ports []int
	for i := 0; i < 2; i++ {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
		defer ln.Close()
	}
	home := filepath.Join(t.TempDir(), "home")
	st := node.DefaultSettings()
	st.APIAddr, st.P2PAddr, st.BlockTime = fmt.Sprintf("127.0.0.1:%d", ports[0]), fmt.Sprintf("127.0.0.1:%d", ports[1]), "100ms"
	if err := node.InitNetwork(g, []node.Member{{Home: home, Settings: st}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	return home
}

// TestTransferCommands runs status, balance and transfer (by --uri and by
// wallet) against an in-process node, plus their bad-input paths.
func TestTransferCommands(t *testing.T) {
	home := startNode(t)
	n, err := node.Open(home, node.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	defer n.Stop()
	url := n.APIURL()
	for i := 0; i < 200 && n.Height() < 1; i++ {
		time.Sleep(25 * time.Millisecond)
	}
	bob := "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"

	out, errs, code := run(t, "status", "--node", url, "-o", "json")
	var st map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st["chain_id"] != "cli-test" {
		t.Fatalf("status: code %d out %q err %q", code, out, errs)
	}

	out, errs, code = run(t, "transfer", "--node", url, "--to", bob, "--amount", "1.000000001", "--uri", "//Alice", "-o", "json")
	var tr struct {
		Amount uint64 `json:"amount"`
		Height int64  `json:"height"`
		Fee    uint64 `json:"fee"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &tr) != nil || tr.Amount != 1_000_000_001 || tr.Height == 0 || tr.Fee == 0 {
		t.Fatalf("transfer: code %d out %q err %q", code, out, errs)
	}
	out, _, code = run(t, "balance", bob, "--node", url, "-o", "json")
	var acct struct{ Free uint64 }
	if code != 0 || json.Unmarshal([]byte(out), &acct) != nil || acct.Free != node.DevBalance+1_000_000_001 {
		t.Fatalf("balance: code %d out %q", code, out)
	}

	// A wallet regenerated from a mnemonic, funded by Alice, sends with --wallet.name.
	wpath := t.TempDir()
	mnemonic := "old leopard transfer rib spatial phone calm indicate online fire caution review"
	if _, errs, code := run(t, "wallet", "regen-coldkey", "--wallet.name", "w", "--wallet.path", wpath, "--mnemonic", mnemonic, "--no-password"); code != 0 {
		t.Fatalf("regen-coldkey: %d %s", code, errs)
	}
	const walletAddr = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX"
	if _, errs, code := run(t, "transfer", "--node", url, "--to", walletAddr, "--amount", "5", "--uri", "//Alice"); code != 0 {
		t.Fatalf("fund wallet: %s", errs)
	}
	if out, errs, code := run(t, "transfer", "--node", url, "--to", bob, "--amount", "2", "--wallet.name", "w", "--wallet.path", wpath); code != 0 {
		t.Fatalf("transfer by wallet: code %d out %q err %q", code, out, errs)
	}
	out, _, _ = run(t, "balance", walletAddr, "--node", url, "-o", "json")
	if json.Unmarshal([]byte(out), &acct) != nil || acct.Free != 3_000_000_000-125_000 {
		t.Fatalf("wallet balance after sending: %q", out)
	}

	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad amount", []string{"transfer", "--node", url, "--to", bob, "--amount", "1.0000000001", "--uri", "//Alice"}, 2, "9 decimals"},
		{"zero amount", []string{"transfer", "--node", url, "--to", bob, "--amount", "0", "--uri", "//Alice"}, 2, "greater than zero"},
		{"bad address", []string{"transfer", "--node", url, "--to", "5xyz", "--amount", "1", "--uri", "//Alice"}, 2, "invalid --to"},
		{"insufficient", []string{"transfer", "--node", url, "--to", bob, "--amount", "9999999", "--uri", "//Alice"}, 1, "InsufficientBalance"},
		{"bad output", []string{"status", "--node", url, "-o", "yaml"}, 2, "invalid --output"},
		{"balance bad address", []string{"balance", "nope", "--node", url}, 2, "invalid address"},
		{"node down", []string{"status", "--node", "http://127.0.0.1:1"}, 1, "connect"},
	}
	for _, b := range bad {
		_, errs, code := run(t, b.args...)
		if code != b.code || !strings.Contains(errs, b.want) {
			t.Errorf("%s: code %d (want %d), stderr %q (want %q)", b.name, code, b.code, errs, b.want)
		}
	}
}

// TestEveryCommandExplainsItself walks the command tree: every command that
// prints a result takes --output (json: rao integers), and every client
// command's --node defaults to $TAONET_NODE.
func TestEveryCommandExplainsItself(t *testing.T) {
	const env = "http://127.0.0.1:18999"
	t.Setenv("TAONET_NODE", env)
	// Long-running commands print logs, not a result.
	noResult := map[string]bool{"taonet localnet": true, "taonet node": true, "taonet miner": true,
		"taonet validator": true, "taonet gateway": true}
	var walk func(c *cobra.Command)
	leaves := 0
	walk = func(c *cobra.Command) {
		for _, s := range c.Commands() {
			walk(s)
		}
		if !c.Runnable() || c.Name() == "help" || c.Name() == "completion" || c.HasParent() && c.Parent().Name() == "completion" {
			return
		}
		leaves++
		path := c.CommandPath()
		if f := c.Flags().Lookup("node"); f != nil && f.DefValue != env {
			t.Errorf("%s: --node defaults to %q, not $TAONET_NODE", path, f.DefValue)
		}
		if noResult[path] {
			return
		}
		if f := c.Flags().Lookup("output"); f == nil || !strings.Contains(f.Usage, "json") {
			t.Errorf("%s: no --output json", path)
		}
	}
	walk(root.NewCmd(&cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}))
	if leaves < 30 {
		t.Fatalf("walked only %d commands", leaves)
	}
}
