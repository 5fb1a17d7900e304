package gateway_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// serve runs s on a loopback listener it hands over and returns its URL.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func do(t *testing.T, method, url, key string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

// TestDepositsEndToEnd: an account's deposit address receives an ordinary
// transfer through a real node; the gateway credits it once it is
// committed, once, also after a restart that missed blocks.
func TestDepositsEndToEnd(t *testing.T) {
	n := testnode.Start(t, "gateway-test", 50*time.Millisecond)
	node := client.New(n.APIURL())
	dir := t.TempDir()
	l, err := gateway.OpenLedger(dir)
	if err != nil {
		t.Fatal(err)
	}
	url := serve(t, gateway.NewServer(l, nil))

	var acct gateway.NewAccountResponse
	if code := do(t, "POST", url+"/v1/accounts", "", &acct); code != http.StatusCreated || acct.APIKey == "" || acct.DepositAddress == "" {
		t.Fatalf("POST /v1/accounts: %d %+v", code, acct)
	}
	var e apitypes.ErrorBody
	if code := do(t, "GET", url+"/v1/accounts/me", "", &e); code != 401 || e.Error.Code != gateway.CodeUnauthorized {
		t.Fatalf("no key: %d %+v", code, e)
	}
	if code := do(t, "GET", url+"/v1/accounts/me", "tao_"+strings.Repeat("0", 64), &e); code != 401 || !strings.Contains(e.Error.Message, "unknown") {
		t.Fatalf("unknown key: %d %+v", code, e)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	wctx, stopWatcher := context.WithCancel(ctx)
	w := &gateway.Watcher{Ledger: l, Node: node}
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()

	alice, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	dest, _ := keys.ParsePublicKey(acct.DepositAddress)
	pay := func(amount uint64) string {
		r, err := node.SignAndSubmit(ctx, alice, tx.Transfer{Dest: dest, Value: amount}, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		return r.Hash
	}
	waitCredit := func(want uint64) gateway.AccountResponse {
		t.Helper()
		var me gateway.AccountResponse
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if code := do(t, "GET", url+"/v1/accounts/me", acct.APIKey, &me); code == 200 && me.CreditRao == want {
				return me
			}
			if time.Now().After(deadline) {
				t.Fatalf("credit %d, want %d", me.CreditRao, want)
			}
		}
	}
	h1 := pay(2_000_000_000)
	me := waitCredit(2_000_000_000)
	if len(me.Deposits) != 1 || me.Deposits[0].TxHash != h1 || me.Queries != 0 {
		t.Fatalf("account %+v", me)
	}

	// The gateway stops; a payment lands while it is away; it catches up.
	stopWatcher()
	<-done
	pay(500_000_000)
	l2, err := gateway.OpenLedger(dir)
	if err != nil {
		t.Fatal(err)
	}
	url = serve(t, gateway.NewServer(l2, nil))
	w2 := &gateway.Watcher{Ledger: l2, Node: node}
	go func() { _ = w2.Run(ctx) }()
	me = waitCredit(2_500_000_000)
	if len(me.Deposits) != 2 {
		t.Fatalf("deposits %+v", me.Deposits)
	}
	// Processing a block again credits nothing twice.
	b, err := node.Block(ctx, me.Deposits[0].Height)
	if err != nil {
		t.Fatal(err)
	}
	var txs []apitypes.TxOutcome
	for _, x := range b.Txs {
		txs = append(txs, apitypes.TxOutcome{Hash: x.Hash, Result: x.Result})
	}
	if err := w2.Process(b.Height, txs); err != nil {
		t.Fatal(err)
	}
	// A transfer whose call failed in its block is never credited.
	failed := apitypes.TxOutcome{Hash: "ff", Result: apitypes.TxResult{Code: 7, Events: []apitypes.Event{{Type: "Transfer",
		Attrs: []apitypes.Attr{{Key: "from", Value: alice.SS58()}, {Key: "to", Value: acct.DepositAddress}, {Key: "amount", Value: "9"}}}}}}
	if err := w2.Process(b.Height, []apitypes.TxOutcome{failed}); err != nil {
		t.Fatal(err)
	}
	me = waitCredit(2_500_000_000)
	if len(me.Deposits) != 2 {
		t.Fatalf("deposits after replays %+v", me.Deposits)
	}
}
