package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	gw "github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	gatewaycmd "github.com/taonet/taonet/internal/cli/gateway"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
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
// coldkeys, each with a DHT node:
//   - a validator's direct put prints a CID, ls lists it, and get with only
//     the CID (a throwaway key, holders from the DHT) writes the bytes back;
//   - a hotkey without a validator permit cannot store (miners refuse);
//   - through the gateway, a put is refused without credit, then paid from
//     a real transfer per byte and epoch, listed by ls --gateway and read
//     back by get.
func TestPutGetLs(t *testing.T) {
	n := testnode.Start(t, "storage-cli", 50*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	c := client.New(n.APIURL())
	alice := key(t, "//Alice")
	calls := []tx.Call{tx.RegisterNetwork{Hotkey: key(t, "//Alice//owner").Public()}}
	for name, v := range map[string]uint64{"sudo_set_tempo": 3, "sudo_set_target_registrations_per_interval": 20,
		"sudo_set_max_registrations_per_block": 20, "sudo_set_max_allowed_validators": 1} {
		p, _ := tx.AdminParamByName(name)
		calls = append(calls, tx.AdminSet{Call: p.Index, Netuid: 1, Value: v})
	}
	calls = append(calls, tx.BurnedRegister{Netuid: 1, Hotkey: key(t, "//Alice//client").Public()},
		tx.AddStake{Hotkey: key(t, "//Alice//client").Public(), Amount: 10_000_000_000})
	for _, call := range calls {
		if _, err := c.SignAndSubmit(ctx, alice, call, 0, true); err != nil {
			t.Fatalf("%s: %v", call.Name(), err)
		}
	}
	names := []string{"Bob", "Charlie", "Dave", "Eve", "Ferdie"}
	for _, name := range names {
		hot := key(t, "//"+name+"//storage")
		if _, err := c.SignAndSubmit(ctx, key(t, "//"+name), tx.BurnedRegister{Netuid: 1, Hotkey: hot.Public()}, 0, true); err != nil {
			t.Fatal(err)
		}
		cfg := template.DefaultMinerConfig()
		cfg.Axon.Port, cfg.SyncInterval = 0, 200*time.Millisecond
		m, err := template.NewMiner(cfg, template.NewChain(c), hot)
		if err != nil {
			t.Fatal(err)
		}
		node, err := routing.New(routing.Config{Server: true})
		if err != nil {
			t.Fatal(err)
		}
		defer node.Close()
		sm := &sub.Miner{Store: sub.NewStore(64 << 20), Routing: node}
		if err := sm.AttachTemplate(m); err != nil {
			t.Fatal(err)
		}
		mctx, stop := context.WithCancel(ctx)
		done := make(chan struct{}, 2)
		go func() { _ = m.Run(mctx); done <- struct{}{} }()
		go func() { _ = sm.RunDHT(mctx, m, hot, 200*time.Millisecond); done <- struct{}{} }()
		defer func() { stop(); <-done; <-done }()
	}
	// Wait for an epoch (the client's validator permit; the miners, with
	// no stake, get none: one validator) and every axon on chain.
	mg := metagraph.New(c, 1)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		serving := 0
		permit := false
		if mg.Sync(ctx, true) == nil {
			s := mg.Snapshot()
			serving = len(sub.ServingMiners(s, keys.PublicKey{}))
			uid, ok := s.UIDOf(key(t, "//Alice//client").Public())
			permit = ok && s.ValidatorPermit[uid]
		}
		if serving == 5 && permit {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 5 storage axons on chain, client permit %v", serving, permit)
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
	index := []string{"--netuid", "1", "--data", filepath.Join(dir, "index")}
	direct := append([]string{"--uri", "//Alice//client"}, index...)
	out, errs, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "erasure:3+2"}, direct...)...)
	cid := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(cid, "bafkrei") {
		t.Fatalf("put: exit %d %q %s", code, out, errs)
	}
	ls, lsErr, code := cli.Run("storage", "ls", "--data", filepath.Join(dir, "index"))
	if code != 0 || !strings.Contains(ls, cid) || !strings.Contains(ls, "photo.bin") || !strings.Contains(ls, "erasure:3+2") {
		t.Fatalf("ls: exit %d\n%s\n%s", code, ls, lsErr)
	}
	// get from another machine: no index, no wallet, only the CID.
	got := filepath.Join(dir, "back.bin")
	elsewhere := []string{"--netuid", "1", "--data", filepath.Join(dir, "elsewhere")}
	if _, errs, code := cli.Run(append([]string{"storage", "get", cid, "--out", got}, elsewhere...)...); code != 0 {
		t.Fatalf("get: exit %d %s", code, errs)
	}
	if back, _ := os.ReadFile(got); !bytes.Equal(back, data) {
		t.Fatal("get wrote other bytes")
	}
	// Refusals by name.
	if _, errs, code := cli.Run(append([]string{"storage", "get", "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", "--out", got}, elsewhere...)...); code == 0 || !strings.Contains(errs, "no holder") {
		t.Fatalf("unknown CID: exit %d %s", code, errs)
	}
	if _, _, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "mirror:2"}, direct...)...); code != 2 {
		t.Fatalf("bad redundancy: exit %d, want 2", code)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "put", in, "--redundancy", "erasure:5+3"}, direct...)...); code == 0 || !strings.Contains(errs, "distinct coldkeys") {
		t.Fatalf("8 shards on 5 coldkeys: exit %d %s", code, errs)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "put", in, "--uri", "//Bob//storage", "--redundancy", "erasure:3+2"}, index...)...); code == 0 || !strings.Contains(errs, "validators only") {
		t.Fatalf("unpaid put from a miner's hotkey: exit %d %s", code, errs)
	}

	// Through the gateway.
	ready := make(chan string, 1)
	var gwErr bytes.Buffer
	gopts := &gatewaycmd.Options{
		IO: &cmdutil.IOStreams{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: &gwErr}, Wallet: &walletflags.Flags{URI: "//Alice//client"},
		Netuid: 1, Listen: "127.0.0.1:0", Price: "0.001", Policy: gw.PolicyTopK, Node: n.APIURL(), Data: t.TempDir(),
		K: 2, Timeout: 5 * time.Second, Rate: 50, Burst: 50, LogLevel: "warn", Ready: func(a string) { ready <- a },
		Storage: true, StoragePrice: "0.000000001", StorageMax: 1 << 20, StorageRedundancy: "erasure:3+2",
	}
	gctx, stopGateway := context.WithCancel(ctx)
	gdone := make(chan error, 1)
	go func() { gdone <- gatewaycmd.Run(gctx, gopts) }()
	var url string
	select {
	case a := <-ready:
		url = "http://" + a
	case err := <-gdone:
		t.Fatalf("gateway stopped: %v\n%s", err, gwErr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("gateway did not start")
	}
	defer func() { stopGateway(); <-gdone }()
	var acct gw.NewAccountResponse
	res, err := http.Post(url+"/v1/accounts", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&acct)
	res.Body.Close()
	gwAuth := append([]string{"--gateway", url, "--api-key", acct.APIKey}, index...)
	viaGateway := append([]string{"--epochs", "4", "--redundancy", "erasure:3+2"}, gwAuth...)
	if _, errs, code := cli.Run(append([]string{"storage", "put", in}, viaGateway...)...); code == 0 || !strings.Contains(errs, "InsufficientCredit") {
		t.Fatalf("put without credit: exit %d %s", code, errs)
	}
	dest, _ := keys.ParsePublicKey(acct.DepositAddress)
	if _, err := c.SignAndSubmit(ctx, key(t, "//Bob"), tx.Transfer{Dest: dest, Value: 10_000_000}, 0, true); err != nil {
		t.Fatal(err)
	}
	var put map[string]any
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		out, errs, code := cli.Run(append([]string{"storage", "put", in, "--output", "json"}, viaGateway...)...)
		if code == 0 {
			if err := json.Unmarshal([]byte(out), &put); err != nil {
				t.Fatal(err)
			}
			break
		}
		if !strings.Contains(errs, "InsufficientCredit") || time.Now().After(deadline) {
			t.Fatalf("paid put: exit %d %s", code, errs)
		}
	}
	m, _, err := st.Split("photo.bin", data, st.Redundancy{Kind: st.Erasure, Data: 3, Parity: 2})
	if err != nil {
		t.Fatal(err)
	}
	stored, want, err := (&gw.Storage{PriceRao: 1}).Quote(m, 4)
	if err != nil || stored < uint64(len(data))*5/3 {
		t.Fatalf("quote: %d bytes stored, %v", stored, err)
	}
	price := uint64(put["price_rao"].(float64))
	if put["cid"] != cid || price != want {
		t.Fatalf("paid put answered %v, want cid %s and price %d", put, cid, want)
	}
	var me gw.AccountResponse
	req, _ := http.NewRequest("GET", url+"/v1/accounts/me", nil)
	req.Header.Set("Authorization", "Bearer "+acct.APIKey)
	if res, err := http.DefaultClient.Do(req); err == nil {
		json.NewDecoder(res.Body).Decode(&me)
		res.Body.Close()
	}
	if me.CreditRao != 10_000_000-price {
		t.Fatalf("credit %d after paying %d of 10,000,000", me.CreditRao, price)
	}
	ls, lsErr, code = cli.Run(append([]string{"storage", "ls"}, gwAuth...)...)
	if code != 0 || !strings.Contains(ls, cid) || !strings.Contains(ls, "until block") {
		t.Fatalf("ls --gateway: exit %d\n%s\n%s", code, ls, lsErr)
	}
	big := filepath.Join(dir, "big.bin")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "put", big}, viaGateway...)...); code == 0 || !strings.Contains(errs, "TooLarge") {
		t.Fatalf("oversized put: exit %d %s", code, errs)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "get", cid, "--out", got}, elsewhere...)...); code != 0 {
		t.Fatalf("get after the paid put: exit %d %s", code, errs)
	}

	// No API key: put opens an account, pays the price from //Charlie by a
	// transfer and puts; a second put reuses the account and its credit.
	charlie := key(t, "//Charlie").SS58()
	before, err := c.Balance(ctx, charlie)
	if err != nil {
		t.Fatal(err)
	}
	selfPay := []string{"--gateway", url, "--uri", "//Charlie", "--epochs", "2", "--redundancy", "erasure:3+2", "--netuid", "1",
		"--data", filepath.Join(dir, "charlie"), "--output", "json"}
	out, errs, code = cli.Run(append([]string{"storage", "put", in}, selfPay...)...)
	if code != 0 || !strings.Contains(errs, "paid") || !strings.Contains(errs, "opened an account") {
		t.Fatalf("self-paid put: exit %d %s\n%s", code, out, errs)
	}
	var paid map[string]any
	if err := json.Unmarshal([]byte(out), &paid); err != nil {
		t.Fatal(err)
	}
	after, err := c.Balance(ctx, charlie)
	if err != nil {
		t.Fatal(err)
	}
	cost := uint64(paid["price_rao"].(float64))
	if spent := before - after; spent < cost || spent > cost+1_000_000 { // the price and a transfer fee
		t.Fatalf("//Charlie spent %d rao for a put of %d", spent, cost)
	}
	if _, errs, code := cli.Run(append([]string{"storage", "put", in}, selfPay...)...); code != 0 || strings.Contains(errs, "opened an account") {
		t.Fatalf("second self-paid put: exit %d %s", code, errs)
	}
	ls, lsErr, code = cli.Run("storage", "ls", "--gateway", url, "--data", filepath.Join(dir, "charlie"))
	if code != 0 || !strings.Contains(ls, cid) || !strings.Contains(ls, "until block") {
		t.Fatalf("ls with the account put opened: exit %d\n%s\n%s", code, ls, lsErr)
	}
}
