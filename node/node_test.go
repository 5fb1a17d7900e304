package node_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/taonet/taonet/internal/testnode"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/node"
	"github.com/taonet/taonet/tx"
)

const tao = uint64(1_000_000_000)

// freePorts returns n distinct free loopback ports.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var lns []net.Listener
	var ports []int
	for i := 0; i < n; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}

func initNetwork(t testing.TB, validators int, blockTime time.Duration) []string {
	t.Helper()
	return initNetworkWithFullNodes(t, validators, 0, blockTime)
}

// initNetworkWithFullNodes writes the homes of validators followed by
// fullNodes non-validators.
func initNetworkWithFullNodes(t testing.TB, validators, fullNodes int, blockTime time.Duration) []string {
	t.Helper()
	g, err := node.LocalnetGenesis("test-net")
	if err != nil {
		t.Fatal(err)
	}
	ports := freePorts(t, 2*(validators+fullNodes))
	dir := testnode.HomeDir(t)
	members := make([]node.Member, validators+fullNodes)
	homes := make([]string, validators+fullNodes)
	for i := range members {
		homes[i] = filepath.Join(dir, fmt.Sprintf("node%d", i))
		st := node.DefaultSettings()
		st.Moniker = fmt.Sprintf("node%d", i)
		st.APIAddr = fmt.Sprintf("127.0.0.1:%d", ports[2*i])
		st.P2PAddr = fmt.Sprintf("127.0.0.1:%d", ports[2*i+1])
		st.BlockTime = blockTime.String()
		members[i] = node.Member{Home: homes[i], Settings: st, FullNode: i >= validators}
	}
	if err := node.InitNetwork(g, members, time.Now()); err != nil {
		t.Fatal(err)
	}
	return homes
}

func startNode(t testing.TB, home string) *node.Node {
	t.Helper()
	n, err := node.Open(home, node.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Stop() })
	return n
}

func waitHeight(t testing.TB, c *client.Client, h int64, within time.Duration) int64 {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		st, err := c.Status(context.Background())
		if err == nil && st.Height >= h {
			return st.Height
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not reach height %d within %s", c.URL(), h, within)
	return 0
}

func key(t testing.TB, uri string) *keys.Keypair {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// TestNodeTransfersOverHTTP starts a real in-process node, submits
// transfers over HTTP and checks balances, tx lookup, blocks, the websocket
// and refusals; then restarts it from the same home.
func TestNodeTransfersOverHTTP(t *testing.T) {
	homes := initNetwork(t, 1, 100*time.Millisecond)
	n := startNode(t, homes[0])
	c := client.New(n.APIURL())
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	waitHeight(t, c, 1, 20*time.Second)

	blocks, err := c.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	alice, bob, eve := key(t, "//Alice"), key(t, "//Bob"), key(t, "//Nobody") // Nobody is unfunded
	before, err := c.Balance(ctx, bob.SS58())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: 2*tao + 1}, 0, true)
	if err != nil {
		t.Fatalf("transfer: %v", err)
	}
	if resp.Height == 0 || resp.Result == nil || resp.Result.Result.Fee == 0 {
		t.Fatalf("submit response %+v", resp)
	}
	after, _ := c.Balance(ctx, bob.SS58())
	if after != before+2*tao+1 {
		t.Fatalf("bob %d → %d, want +%d", before, after, 2*tao+1)
	}
	// The tx is indexed asynchronously after commit.
	var info error
	for i := 0; i < 100; i++ {
		var got, err = c.Tx(ctx, resp.Hash)
		if info = err; err == nil {
			if got.Height != resp.Height || got.Result.Call != "Balances.transfer_allow_death" {
				t.Fatalf("tx lookup %+v", got)
			}
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if info != nil {
		t.Fatalf("tx lookup: %v", info)
	}
	blk, err := c.Block(ctx, resp.Height)
	if err != nil || len(blk.Txs) != 1 || blk.Txs[0].Hash != resp.Hash {
		t.Fatalf("block %d: %+v, %v", resp.Height, blk, err)
	}
	// The header fields let nodes be compared from outside: the block links
	// to its parent's hash.
	parent, err := c.Block(ctx, resp.Height-1)
	if err != nil || blk.LastBlockHash == "" || blk.LastBlockHash != parent.Hash || blk.Proposer == "" || blk.Time == "" || blk.AppHash == "" {
		t.Fatalf("block %d header: last_block_hash %q (parent %q), proposer %q, time %q, app_hash %q (%v)",
			resp.Height, blk.LastBlockHash, parent.Hash, blk.Proposer, blk.Time, blk.AppHash, err)
	}
	seen := false
	for b := range blocks {
		if b.Height >= resp.Height {
			seen = true
			break
		}
	}
	if !seen {
		t.Fatal("websocket closed before the tx's block")
	}

	// Refusal: named error, nothing changes.
	_, err = c.SignAndSubmit(ctx, eve, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, false)
	var te *client.TxError
	if !errors.As(err, &te) || te.Name != "Payment" {
		t.Fatalf("unfunded transfer: %v", err)
	}
	if _, err := c.Account(ctx, "5invalid"); err == nil {
		t.Fatal("invalid address accepted")
	}
	if _, err := c.Block(ctx, 1<<40); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("future block: %v", err)
	}

	// Prometheus metrics count the committed transfer.
	mresp, err := http.Get(n.APIURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	mbody, _ := io.ReadAll(mresp.Body)
	mresp.Body.Close()
	if !strings.Contains(string(mbody), `taonet_transactions_total{result="ok"}`) || !strings.Contains(string(mbody), "taonet_block_height") {
		t.Fatalf("metrics missing series:\n%.500s", mbody)
	}

	// Restart from the same home: height and balances continue.
	h := n.Height()
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	n2 := startNode(t, homes[0])
	c2 := client.New(n2.APIURL())
	if got := n2.Height(); got < h {
		t.Fatalf("restarted at height %d, had %d", got, h)
	}
	waitHeight(t, c2, h+2, 20*time.Second)
	if got, _ := c2.Balance(ctx, bob.SS58()); got != after {
		t.Fatalf("bob after restart %d, want %d", got, after)
	}
}

// TestFourValidators runs a 4-validator loopback network, stops one node,
// checks the other three keep committing, then restarts it and checks it
// catches up with the same app hash.
func TestFourValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-node network in -short mode")
	}
	homes := initNetwork(t, 4, 200*time.Millisecond)
	nodes := make([]*node.Node, 4)
	for i, h := range homes {
		nodes[i] = startNode(t, h)
	}
	clients := make([]*client.Client, 4)
	for i, n := range nodes {
		clients[i] = client.New(n.APIURL())
	}
	waitHeight(t, clients[0], 3, 60*time.Second)
	ctx := context.Background()
	alice, bob := key(t, "//Alice"), key(t, "//Bob")
	if _, err := clients[1].SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, true); err != nil {
		t.Fatalf("transfer through node1: %v", err)
	}

	stopped := nodes[3].Height()
	if err := nodes[3].Stop(); err != nil {
		t.Fatal(err)
	}
	h := waitHeight(t, clients[0], stopped+5, 60*time.Second)
	if _, err := clients[2].SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, true); err != nil {
		t.Fatalf("transfer with one node down: %v", err)
	}

	nodes[3] = startNode(t, homes[3])
	c3 := client.New(nodes[3].APIURL())
	// Catch up past the block holding the second transfer (committed after h).
	waitHeight(t, c3, nodes[0].Height()+1, 60*time.Second)
	b0, err := clients[0].Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	b3, err := c3.Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	if b0.AppHash != b3.AppHash || b0.Hash != b3.Hash {
		t.Fatalf("height %d differs after catch-up: %s/%s vs %s/%s", h, b0.Hash, b0.AppHash, b3.Hash, b3.AppHash)
	}
	bal0, _ := clients[0].Balance(ctx, bob.SS58())
	bal3, _ := c3.Balance(ctx, bob.SS58())
	if bal0 != bal3 || bal0 != node.DevBalance+2*tao {
		t.Fatalf("bob: node0 %d, node3 %d, want %d", bal0, bal3, node.DevBalance+2*tao)
	}
}

// TestHeldPortsFailByName starts a node whose p2p, then API, address is
// held by another listener: Start fails with ErrListen naming the listener.
func TestHeldPortsFailByName(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for _, which := range []string{"p2p", "api"} {
		home := initNetwork(t, 1, 100*time.Millisecond)[0]
		opts := node.Options{P2PAddr: held.Addr().String()}
		if which == "api" {
			opts = node.Options{APIAddr: held.Addr().String(), P2PAddr: "127.0.0.1:0"}
		}
		n, err := node.Open(home, opts)
		if err != nil {
			t.Fatal(err)
		}
		err = n.Start()
		var le *node.ListenError
		if !errors.Is(err, node.ErrListen) || !errors.As(err, &le) || le.Name != which || !strings.Contains(err.Error(), "--"+which) {
			n.Stop()
			t.Fatalf("%s held: Start = %v", which, err)
		}
	}
}

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBlockLogAndCleanStop checks the periodic info line (height, peers,
// txs) and that a clean stop logs no ERROR line.
func TestBlockLogAndCleanStop(t *testing.T) {
	home := initNetwork(t, 1, 50*time.Millisecond)[0]
	var buf lockedBuf
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	n, err := node.Open(home, node.Options{Logger: log, LogEvery: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	waitHeight(t, client.New(n.APIURL()), 4, 20*time.Second)
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "msg=blocks height=2 peers=0 txs=0") || !strings.Contains(out, "msg=blocks height=4 ") {
		t.Errorf("no periodic block lines:\n%s", out)
	}
	if strings.Contains(out, "level=ERROR") {
		t.Errorf("clean stop logged errors:\n%s", out)
	}
}

// TestFullNodeFollowsTheChain: a non-validator node of the network syncs the
// validator's blocks and reaches the same app hash, while the chain does not
// wait for it (it holds no voting power).
func TestFullNodeFollowsTheChain(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-node network in -short mode")
	}
	homes := initNetworkWithFullNodes(t, 1, 1, 100*time.Millisecond)
	val := startNode(t, homes[0])
	cv := client.New(val.APIURL())
	waitHeight(t, cv, 3, 30*time.Second) // the validator alone makes blocks
	full := startNode(t, homes[1])
	cf := client.New(full.APIURL())
	h := waitHeight(t, cv, val.Height()+2, 30*time.Second)
	waitHeight(t, cf, h, 30*time.Second)
	ctx := context.Background()
	bv, err := cv.Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	bf, err := cf.Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	if bv.Hash != bf.Hash || bv.AppHash != bf.AppHash || bf.Proposer != bv.Proposer {
		t.Fatalf("height %d differs: validator %s/%s, full node %s/%s", h, bv.Hash, bv.AppHash, bf.Hash, bf.AppHash)
	}
}
