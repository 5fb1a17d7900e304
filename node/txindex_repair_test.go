package node_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/node"
	"github.com/taonet/taonet/tx"
)

// TestTxIndexRepairedAtStart: a node that lost its transaction index (as
// one killed between a commit and its indexing loses the last blocks')
// indexes the missed blocks when it starts, so GET /v1/tx finds them.
func TestTxIndexRepairedAtStart(t *testing.T) {
	homes := initNetwork(t, 1, 50*time.Millisecond)
	n := startNode(t, homes[0])
	c := client.New(n.APIURL())
	waitHeight(t, c, 1, 20*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	alice, bob := key(t, "//Alice"), key(t, "//Bob")
	var hashes []string
	for range 3 {
		r, err := c.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, r.Hash)
	}
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(homes[0], "data", "tx_index.db")); err != nil {
		t.Fatal(err)
	}
	n = startNode(t, homes[0])
	c = client.New(n.APIURL())
	for _, h := range hashes {
		info, err := c.Tx(ctx, h)
		if err != nil || info.Height == 0 {
			t.Fatalf("tx %s after the restart: %+v, %v", h, info, err)
		}
	}
}

// TestTxIndexRepairLeavesUnexecutedBlocks: a block whose results the node
// never stored (killed between saving it and executing it; the handshake
// replays it) does not stop the node from starting.
func TestTxIndexRepairLeavesUnexecutedBlocks(t *testing.T) {
	homes := initNetwork(t, 1, 50*time.Millisecond)
	n := startNode(t, homes[0])
	c := client.New(n.APIURL())
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r, err := c.SignAndSubmit(ctx, key(t, "//Alice"), tx.Transfer{Dest: key(t, "//Bob").Public(), Value: tao}, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(homes[0], "data", "tx_index.db")); err != nil {
		t.Fatal(err)
	}
	if err := node.DropResultsForTest(homes[0], r.Height); err != nil {
		t.Fatal(err)
	}
	n = startNode(t, homes[0])
	waitHeight(t, client.New(n.APIURL()), r.Height+2, 20*time.Second)
}
