// Package testnode starts one in-process localnet node for tests: //Alice
// … //Ferdie funded, //Alice sudo, fast blocks, API and p2p on loopback.
package testnode

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/taonet/taonet/node"
)

// Start initialises and starts a node whose blocks come every blockTime,
// waits (at most 20 s) for its first block and stops it when the test ends.
func Start(t testing.TB, chainID string, blockTime time.Duration) *node.Node {
	t.Helper()
	g, err := node.LocalnetGenesis(chainID)
	if err != nil {
		t.Fatal(err)
	}
	ports := make([]int, 2)
	for i := range ports {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = ln.Addr().(*net.TCPAddr).Port
		ln.Close() // CometBFT and the API open their own listeners from the settings
	}
	home := filepath.Join(HomeDir(t), "home")
	st := node.DefaultSettings()
	st.APIAddr, st.P2PAddr = fmt.Sprintf("127.0.0.1:%d", ports[0]), fmt.Sprintf("127.0.0.1:%d", ports[1])
	st.BlockTime = blockTime.String()
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
	t.Cleanup(func() { n.Stop() })
	for deadline := time.Now().Add(20 * time.Second); n.Height() < 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("testnode: no first block within 20 s")
		}
	}
	return n
}

// HomeDir returns a fresh directory for node homes, removed when the test
// ends. Unlike t.TempDir, a removal that fails because a CometBFT goroutine
// was still writing (its address book, say) is retried and then ignored
// rather than failing the test.
func HomeDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "taonet-node-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 10 && os.RemoveAll(dir) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}
