package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	gw "github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
)

// storageMiner is one miner of the test subnet.
type storageMiner struct {
	hot  *keys.Keypair
	ax   *axon.Axon
	info axon.Info
	sm   *sub.Miner
}

func mustKey(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// storageSubnet starts n storage miners of distinct coldkeys with DHT
// nodes joined to each other, and returns them with the snapshot a chain
// would give of them.
func storageSubnet(t *testing.T, ctx context.Context, n int) ([]*storageMiner, *metagraph.Snapshot) {
	t.Helper()
	snap := &metagraph.Snapshot{Netuid: 2, Block: 1000, Subnet: apitypes.Subnet{Tempo: 9}}
	var ms []*storageMiner
	for i := range n {
		hot := mustKey(t, fmt.Sprintf("//gateway/storage/miner/%d", i))
		cfg := axon.DefaultConfig()
		cfg.IP, cfg.Port, cfg.Logger = "127.0.0.1", 0, slog.New(slog.DiscardHandler)
		a, err := axon.New(hot, cfg)
		if err != nil {
			t.Fatal(err)
		}
		node, err := routing.New(routing.Config{Server: true, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { node.Close() })
		sm := &sub.Miner{Store: sub.NewStore(64 << 20), Routing: node, Logger: slog.New(slog.DiscardHandler)}
		if err := sm.Attach(a); err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go a.Serve(ln)
		t.Cleanup(func() { a.Shutdown(context.Background()) })
		port := uint16(ln.Addr().(*net.TCPAddr).Port)
		cold := mustKey(t, fmt.Sprintf("//gateway/storage/cold/%d", i))
		snap.UIDs = append(snap.UIDs, uint16(i))
		snap.Hotkeys = append(snap.Hotkeys, hot.Public())
		snap.Coldkeys = append(snap.Coldkeys, cold.Public())
		snap.Axons = append(snap.Axons, apitypes.AxonInfo{IP: "127.0.0.1", Port: port, Hotkey: hot.SS58(), Coldkey: cold.SS58()})
		ms = append(ms, &storageMiner{hot: hot, ax: a, sm: sm})
	}
	snap.N = n
	for i, m := range ms {
		m.info = snap.AxonInfo(uint16(i))
	}
	infos := sub.ServingMiners(snap, keys.PublicKey{})
	jctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, n)
	t.Cleanup(func() {
		cancel()
		for range n {
			<-done
		}
	})
	for _, m := range ms {
		d, err := dendrite.New(m.hot, dendrite.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(d.Close)
		go func() {
			defer func() { done <- struct{}{} }()
			m.sm.JoinDHT(jctx, d, func() []axon.Info { return infos }, 200*time.Millisecond, time.Hour)
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, m := range ms {
		for m.sm.Routing.Peers() < 3 {
			if time.Now().After(deadline) {
				t.Fatal("miners did not join the DHT in 30 s")
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return ms, snap
}

// TestStorageSales: the gateway sells storage per byte and epoch from an
// account's credit (refusing puts it cannot pay, oversized puts and bad
// parameters by name), serves the file back through the DHT, and when two
// holders go down, Repair re-stores their chunks on the other miners.
func TestStorageSales(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ms, snap := storageSubnet(t, ctx, 7)
	ledger, err := gw.OpenLedger(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	self := mustKey(t, "//gateway/storage/self")
	d, err := dendrite.New(self, dendrite.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	node, err := routing.New(routing.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer node.Close()
	sto := &gw.Storage{Ledger: ledger, Dendrite: d, Routing: node, Peers: &sub.PeerBook{}, Snapshot: func() *metagraph.Snapshot { return snap },
		Self: self.Public(), PriceRao: 2, MaxBytes: 1 << 20, Redundancy: st.Redundancy{Kind: st.Erasure, Data: 3, Parity: 2}, Timeout: 5 * time.Second}
	if n, err := sto.Join(ctx); err != nil || n != len(ms) {
		t.Fatalf("join: %d, %v", n, err)
	}
	srv := gw.NewServer(ledger, nil)
	srv.EnableStorage(sto)
	hs := httptest.NewServer(srv)
	defer hs.Close()

	key, acct, err := ledger.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	poorKey, _, err := ledger.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.Credit(gw.Deposit{TxHash: "aa", Amount: 100_000_000}, acct.DepositAddress); err != nil {
		t.Fatal(err)
	}
	call := func(method, path, apiKey string, body []byte, out any) (int, string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, method, hs.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+apiKey)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if out != nil && res.StatusCode/100 == 2 {
			if err := json.Unmarshal(b, out); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
		}
		var eb apitypes.ErrorBody
		_ = json.Unmarshal(b, &eb)
		return res.StatusCode, eb.Error.Code
	}
	data := make([]byte, 600_000)
	r := rand.New(rand.NewPCG(4, 5))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	// Refusals by name, each leaving the credit alone.
	for _, c := range []struct {
		path, key string
		body      []byte
		status    int
		code      string
	}{
		{"/v1/storage/files?epochs=3", poorKey, data, 402, gw.CodeInsufficientCredit},
		{"/v1/storage/files?epochs=0", key, data, 400, gw.CodeBadRequest},
		{"/v1/storage/files?redundancy=mirror:2", key, data, 400, gw.CodeBadRequest},
		{"/v1/storage/files", key, make([]byte, 1<<20+1), 413, gw.CodeTooLarge},
		{"/v1/storage/files", "tao_nonsense", data, 401, gw.CodeUnauthorized},
		{"/v1/storage/files?redundancy=erasure:6%2B3", key, data, 502, gw.CodeStorageFailed}, // 9 shards, 7 coldkeys: refunded
	} {
		if status, code := call("POST", c.path, c.key, c.body, nil); status != c.status || code != c.code {
			t.Errorf("POST %s: %d %s, want %d %s", c.path, status, code, c.status, c.code)
		}
	}
	if a, _ := ledger.Lookup(key); a.CreditRao != 100_000_000 {
		t.Fatalf("credit %d after refused puts", a.CreditRao)
	}

	var put gw.PutResponse
	if status, code := call("POST", "/v1/storage/files?name=f.bin&epochs=3", key, data, &put); status != 201 {
		t.Fatalf("put: %d %s", status, code)
	}
	m, _, err := st.Split("f.bin", data, sto.Redundancy)
	if err != nil {
		t.Fatal(err)
	}
	stored, price, _ := sto.Quote(m, 3)
	if put.PriceRao != price || price != 2*3*stored || put.StoredBytes != stored || put.ExpiresBlock != 1000+3*10 || put.Redundancy != "erasure:3+2" {
		t.Fatalf("put answered %+v; want price %d for %d bytes", put, price, stored)
	}
	if a, _ := ledger.Lookup(key); a.CreditRao != 100_000_000-price {
		t.Fatalf("credit %d after paying %d", a.CreditRao, price)
	}
	var files gw.FilesResponse
	if status, _ := call("GET", "/v1/storage/files", key, nil, &files); status != 200 || len(files.Files) != 1 || files.Files[0].CID != put.CID {
		t.Fatalf("list: %d %+v", status, files)
	}
	get := func() []byte {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+"/v1/storage/files/"+put.CID, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("get: %d %s", res.StatusCode, b)
		}
		return b
	}
	if !bytes.Equal(get(), data) {
		t.Fatal("get returned other bytes")
	}
	if status, code := call("GET", "/v1/storage/files/"+st.Sum([]byte("nothing")).String(), key, nil, nil); status != 404 || code != gw.CodeNotFound {
		t.Fatalf("unknown CID: %d %s", status, code)
	}

	// A holder that is up drops a chunk: an audit catches it, and Repair
	// moves the file's chunks off it.
	sto.AuditsPerLease = 1000 // every (chunk, holder) pair
	lazy := ledger.Leases(snap.Block)[0].Holders[1][0]
	for _, m := range ms {
		if m.hot.SS58() == lazy {
			m.sm.Store.Drop(leaseChunk(t, ledger, snap, 1))
		}
	}
	if n, err := sto.Repair(ctx); err != nil || n < 1 {
		t.Fatalf("repair after a dropped chunk re-stored %d: %v", n, err)
	}
	for _, hs := range ledger.Leases(snap.Block)[0].Holders {
		if slices.Contains(hs, lazy) {
			t.Fatalf("the miner that dropped a chunk still holds part of the file: %v", hs)
		}
	}
	if !bytes.Equal(get(), data) {
		t.Fatal("get after the audit repair returned other bytes")
	}

	// Two holders of the first stripe go down; the gateway notices at its
	// next Join and repairs.
	lease := ledger.Leases(snap.Block)[0]
	var gone []string
	for _, hk := range lease.Holders[0:2] {
		gone = append(gone, hk[0])
	}
	for _, m := range ms {
		if slices.Contains(gone, m.hot.SS58()) {
			m.ax.Shutdown(context.Background())
		}
	}
	if _, err := sto.Join(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := sto.Repair(ctx)
	if err != nil || n < 2 {
		t.Fatalf("repair re-stored %d chunks: %v", n, err)
	}
	for _, hs := range ledger.Leases(snap.Block)[0].Holders {
		for _, h := range hs {
			if slices.Contains(gone, h) {
				t.Fatalf("holders after repair still name a miner that is down: %v", hs)
			}
		}
	}
	if !bytes.Equal(get(), data) {
		t.Fatal("get after repair returned other bytes")
	}
	if n, err := sto.Repair(ctx); err != nil || n != 0 {
		t.Fatalf("second repair re-stored %d: %v", n, err)
	}
}

// leaseChunk returns the CID of chunk i of the ledger's first lease.
func leaseChunk(t *testing.T, l *gw.Ledger, snap *metagraph.Snapshot, i int) st.CID {
	t.Helper()
	return l.Leases(snap.Block)[0].Manifest.Chunks[i].CID
}
