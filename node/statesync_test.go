package node_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/node"
	"github.com/taonet/taonet/tx"
)

// TestJoinByStateSync runs a validator that snapshots every 5 blocks and
// prunes old blocks, joins a second node to it by state sync through
// node.Join, and checks that the new node restored a snapshot rather than
// replaying, reports it in /v1/status, reaches the tip and agrees on the
// app hash; then restarts the joined node.
func TestJoinByStateSync(t *testing.T) {
	homes := initNetwork(t, 1, 100*time.Millisecond)
	// Fast blocks: keep enough snapshots that the one a joining node
	// chooses outlives its 5 s discovery.
	st, err := node.LoadSettings(homes[0])
	if err != nil {
		t.Fatal(err)
	}
	st.SnapshotKeepRecent = 40
	if err := node.SaveSettings(homes[0], st); err != nil {
		t.Fatal(err)
	}
	interval, keep := uint64(5), int64(node.MinPruningKeepRecent)
	v, err := node.Open(homes[0], node.Options{SnapshotInterval: &interval, PruningKeepRecent: &keep})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	vc := client.New(v.APIURL())
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	waitHeight(t, vc, 1, 20*time.Second)
	alice, bob := key(t, "//Alice"), key(t, "//Bob")
	for i := range 3 {
		if _, err := vc.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao + uint64(i)}, 0, true); err != nil {
			t.Fatal(err)
		}
	}
	waitHeight(t, vc, 12, 30*time.Second)
	vs, _ := vc.Status(ctx)
	if vs.Sync != "caught_up" || vs.StateSyncHeight != 0 {
		t.Fatalf("validator status sync=%q state_sync_height=%d", vs.Sync, vs.StateSyncHeight)
	}

	ports := freePorts(t, 2)
	home := filepath.Join(testnode.HomeDir(t), "joined")
	res, err := node.Join(ctx, node.JoinOptions{
		Home: home, From: v.APIURL(), StateSync: true,
		APIAddr: fmt.Sprintf("127.0.0.1:%d", ports[0]), P2PAddr: fmt.Sprintf("127.0.0.1:%d", ports[1]),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.StateSync || res.TrustHeight < 12 || len(res.TrustHash) != 64 || len(res.Peers) != 1 {
		t.Fatalf("join result %+v", res)
	}
	j := startNode(t, home)
	jc := client.New(j.APIURL())
	var js *apitypes.Status
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("joined node did not catch up by state sync: last status %+v", js)
		}
		js, err = jc.Status(ctx)
		if err == nil && js.Sync == "caught_up" && js.StateSyncHeight > 0 {
			break
		}
	}
	if js.StateSyncHeight%5 != 0 || js.StateSyncHeight < 10 {
		t.Fatalf("restored snapshot height %d, want a multiple of 5 from 10 on", js.StateSyncHeight)
	}
	// It never had the blocks below the snapshot: it did not replay them.
	if _, err := jc.Block(ctx, 2); err == nil {
		t.Fatal("a state-synced node serves block 2")
	}
	// Same state as the validator at a common height.
	h := waitHeight(t, jc, js.StateSyncHeight+3, 20*time.Second)
	waitHeight(t, vc, h, 20*time.Second)
	jb, err := jc.Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	vb, err := vc.Block(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	if jb.AppHash != vb.AppHash || jb.Hash != vb.Hash {
		t.Fatalf("height %d: joined %s/%s, validator %s/%s", h, jb.Hash, jb.AppHash, vb.Hash, vb.AppHash)
	}
	bal, _ := jc.Balance(ctx, bob.SS58())
	vbal, _ := vc.Balance(ctx, bob.SS58())
	if bal != vbal || bal == 0 {
		t.Fatalf("bob: joined node %d, validator %d", bal, vbal)
	}

	// A restart keeps the restored state and still reports how it caught up.
	if err := j.Stop(); err != nil {
		t.Fatal(err)
	}
	j2 := startNode(t, home)
	jc2 := client.New(j2.APIURL())
	h2 := waitHeight(t, jc2, h+2, 30*time.Second)
	st2, _ := jc2.Status(ctx)
	if st2.StateSyncHeight != js.StateSyncHeight {
		t.Fatalf("after restart state_sync_height %d, want %d", st2.StateSyncHeight, js.StateSyncHeight)
	}
	_ = h2
}

// TestJoinRefusals checks that join fails by name and writes nothing.
func TestJoinRefusals(t *testing.T) {
	n := testnode.Start(t, "join-refusals", 100*time.Millisecond)
	ctx := context.Background()
	dir := testnode.HomeDir(t)

	t.Run("unreachable", func(t *testing.T) {
		ports := freePorts(t, 1)
		home := filepath.Join(dir, "a")
		_, err := node.Join(ctx, node.JoinOptions{Home: home, From: fmt.Sprintf("http://127.0.0.1:%d", ports[0]), StateSync: true})
		if !errors.Is(err, node.ErrJoinUnreachable) {
			t.Fatalf("err = %v, want ErrJoinUnreachable", err)
		}
		assertNoHome(t, dir, home)
	})
	t.Run("trust hash of another chain", func(t *testing.T) {
		home := filepath.Join(dir, "b")
		_, err := node.Join(ctx, node.JoinOptions{Home: home, From: n.APIURL(), StateSync: true,
			TrustHeight: 1, TrustHash: "AB" + fmt.Sprintf("%062d", 0)})
		if !errors.Is(err, node.ErrJoinMismatch) {
			t.Fatalf("err = %v, want ErrJoinMismatch", err)
		}
		assertNoHome(t, dir, home)
	})
	t.Run("trust height above the tip", func(t *testing.T) {
		home := filepath.Join(dir, "c")
		_, err := node.Join(ctx, node.JoinOptions{Home: home, From: n.APIURL(), StateSync: true,
			TrustHeight: 1 << 40, TrustHash: fmt.Sprintf("%064d", 0)})
		if !errors.Is(err, node.ErrJoinMismatch) {
			t.Fatalf("err = %v, want ErrJoinMismatch", err)
		}
		assertNoHome(t, dir, home)
	})
	t.Run("existing home", func(t *testing.T) {
		home := filepath.Join(dir, "d")
		if _, err := node.Join(ctx, node.JoinOptions{Home: home, From: n.APIURL()}); err != nil {
			t.Fatal(err)
		}
		if _, err := node.Join(ctx, node.JoinOptions{Home: home, From: n.APIURL()}); !errors.Is(err, node.ErrAlreadyInitialized) {
			t.Fatalf("err = %v, want ErrAlreadyInitialized", err)
		}
	})
}

// assertNoHome fails if home, or a temporary folder of a join, exists in dir.
func assertNoHome(t *testing.T, dir, home string) {
	t.Helper()
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Fatalf("%s exists after a failed join", home)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if len(e.Name()) > 5 && e.Name()[:6] == ".join-" {
			t.Fatalf("left %s behind", e.Name())
		}
	}
}
