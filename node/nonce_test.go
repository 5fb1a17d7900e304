package node_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/tx"
)

// TestConcurrentSubmittersFromOneAccount starts twenty submitters at once,
// all signing transfers from //Alice: each reads next_nonce (committed
// nonce plus //Alice's txs in the mempool) and re-signs when another took
// its nonce first, so all twenty land.
func TestConcurrentSubmittersFromOneAccount(t *testing.T) {
	homes := initNetwork(t, 1, 100*time.Millisecond)
	n := startNode(t, homes[0])
	c := client.New(n.APIURL())
	waitHeight(t, c, 1, 30*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	alice, bob := key(t, "//Alice"), key(t, "//Bob")
	before, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	const submitters = 20
	errs := make(chan error, submitters)
	var wg sync.WaitGroup
	for range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.SignAndSubmit(ctx, alice, tx.Transfer{Dest: bob.Public(), Value: tao}, 0, true)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("submitter: %v", err)
		}
	}
	after, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	if after.Nonce != before.Nonce+submitters || after.NextNonce != after.Nonce {
		t.Fatalf("nonce %d → %d (next %d), want +%d", before.Nonce, after.Nonce, after.NextNonce, submitters)
	}
}

// TestNextNonceCountsTheMempool submits without waiting and reads
// next_nonce before the block: it counts the pending transactions.
func TestNextNonceCountsTheMempool(t *testing.T) {
	homes := initNetwork(t, 1, time.Second)
	n := startNode(t, homes[0])
	c := client.New(n.APIURL())
	waitHeight(t, c, 1, 30*time.Second)
	ctx := context.Background()
	alice, bob := key(t, "//Alice"), key(t, "//Bob")
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	for i := range uint64(3) {
		x := &tx.Tx{ChainID: st.ChainID, Nonce: acct.Nonce + i, Call: tx.Transfer{Dest: bob.Public(), Value: tao}}
		if err := x.Sign(alice); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Submit(ctx, x.Encode(), false); err != nil {
			t.Fatalf("submit %d: %v", i, err)
		}
	}
	got, err := c.Account(ctx, alice.SS58())
	if err != nil {
		t.Fatal(err)
	}
	// Unless a block landed in between, the three are pending.
	if got.NextNonce != got.Nonce+3 && got.Nonce != acct.Nonce+3 {
		t.Fatalf("next_nonce %d with committed %d (was %d): the mempool's three txs are not counted", got.NextNonce, got.Nonce, acct.Nonce)
	}
	if got.NextNonce != acct.Nonce+3 {
		t.Fatalf("next_nonce %d, want %d", got.NextNonce, acct.Nonce+3)
	}
}
