package storage_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/tx"
)

func key(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestPutGetLs: on an in-process chain with five storage miners of five
// coldkeys, taonet storage put prints a CID, ls lists it, and get writes
// the very bytes back.
func TestPutGetLs(t *testing.T) {
	n := testnode.Start(t, "storage-cli", 50*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := client.New(n.APIURL())
	alice := key(t, "//Alice")
	regs, _ := tx.AdminParamByName("sudo_set_max_registrations_per_block")
	target, _ := tx.AdminParamByName("sudo_set_target_registrations_per_interval")
	for _, call := range []tx.Call{
		tx.RegisterNetwork{Hotkey: key(t, "//Alice//owner").Public()},
		tx.AdminSet{Call: regs.Index, Netuid: 1, Value: 10}, tx.AdminSet{Call: target.Index, Netuid: 1, Value: 10},
		tx.BurnedRegister{Netuid: 1, Hotkey: key(t, "//Alice//client").Public()},
	} {
		if _, err := c.SignAndSubmit(ctx, alice, call, 0, true); err != nil {
			t.Fatalf("%s: %v", call.Name(), err)
		}
	}
	for _, name := range []string{"Bob", "Charlie", "Dave", "Eve", "Ferdie"} {
		hot := key(t, "//"+name+"//storage")
		if _, err := c.SignAndSubmit(ctx, key(t, "//"+name), tx.BurnedRegister{Netuid: 1, Hotkey: hot.Public()}, 0, true); err != nil {
			t.Fatal(err)
		}
		cfg := template.DefaultMinerConfig()
		cfg.Axon.Port = 0
		m, err := template.NewMiner(cfg, template.NewChain(c), hot)
		if err != nil {
			t.Fatal(err)
		}
		if err := sub.AttachTemplate(m, sub.NewStore(64<<20)); err != nil {
			t.Fatal(err)
		}
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Axon().Shutdown(context.Background())
	}
	mg := metagraph.New(c, 1)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		serving := 0
		if mg.Sync(ctx, true) == nil {
			for _, a := range mg.Snapshot().Axons {
				if a.Port != 0 {
					serving++
				}
			}
		}
		if serving == 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 5 storage axons on chain", serving)
		}
	}

	dir := t.TempDir()
	data := make([]byte, 300<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	in := filepath.Join(dir, "photo.bin")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cli := testnode.NewCLI(t, n.APIURL())
	common := []string{"--netuid", "1", "--data", filepath.Join(dir, "index"), "--uri", "//Alice//client"}
	out, errs, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "erasure:3+2"}, common...)...)
	cid := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(cid, "bafkrei") {
		t.Fatalf("put: exit %d %q %s", code, out, errs)
	}
	ls, lsErr, code := cli.Run("storage", "ls", "--data", filepath.Join(dir, "index"))
	if code != 0 || !strings.Contains(ls, cid) || !strings.Contains(ls, "photo.bin") || !strings.Contains(ls, "erasure:3+2") {
		t.Fatalf("ls: exit %d\n%s\n%s", code, ls, lsErr)
	}
	got := filepath.Join(dir, "back.bin")
	if _, errs, code := cli.Run(append([]string{"storage", "get", cid, "--out", got}, common...)...); code != 0 {
		t.Fatalf("get: exit %d %s", code, errs)
	}
	back, _ := os.ReadFile(got)
	if !bytes.Equal(back, data) {
		t.Fatal("get wrote other bytes")
	}
	// Refusals by name.
	if _, errs, code := cli.Run(append([]string{"storage", "get", "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", "--out", got}, common...)...); code == 0 || !strings.Contains(errs, "local index") {
		t.Fatalf("unknown CID: exit %d %s", code, errs)
	}
	if _, _, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "mirror:2"}, common...)...); code != 2 {
		t.Fatalf("bad redundancy: exit %d, want 2", code)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "erasure:5+3"}, common...)...); code == 0 || !strings.Contains(errs, "distinct coldkeys") {
		t.Fatalf("8 shards on 5 coldkeys: exit %d %s", code, errs)
	}
}
