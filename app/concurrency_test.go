package app_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/tx"
)

// TestConcurrentCheckTx calls PreVerify, CheckTx, Info and Query from many
// goroutines while blocks execute and commit, as the node's
// connection-synchronised ABCI client allows (run it with -race). Every
// signer's first tx must be accepted whatever block it lands between.
func TestConcurrentCheckTx(t *testing.T) {
	const signers = 24
	uris := []string{"//Alice"}
	for i := 0; i < signers; i++ {
		uris = append(uris, fmt.Sprintf("//conc/%d", i))
	}
	c := testchain.New(t, testchain.Genesis(t, "conc", 1_000_000_000_000, uris...))
	bob := testchain.Key(t, "//Bob").Public()
	txs := make([][]byte, signers)
	for i := range txs {
		txs[i] = c.Tx(testchain.Key(t, uris[i+1]), tx.Transfer{Dest: bob, Value: 1_000_000_000})
	}
	alice := testchain.Key(t, "//Alice")
	blocks := make([][]byte, 4)
	for i := range blocks {
		blocks[i] = c.Tx(alice, tx.Transfer{Dest: bob, Value: 1_000_000_000})
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	codes := make([]uint32, signers)
	for i := range txs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.App.PreVerify(txs[i])
			r, err := c.App.CheckTx(ctx, &abci.RequestCheckTx{Tx: txs[i]})
			if err != nil {
				codes[i] = 1 << 31
				return
			}
			codes[i] = r.Code
			_, _ = c.App.Info(ctx, &abci.RequestInfo{})
			_, _ = c.App.Query(ctx, &abci.RequestQuery{Path: "/store/00"})
		}(i)
	}
	for _, raw := range blocks {
		if r := c.Block(raw); !r[0].OK() {
			t.Fatalf("block tx: %+v", r[0])
		}
	}
	wg.Wait()
	for i, code := range codes {
		if code != 0 {
			t.Errorf("signer %d: CheckTx code %d", i, code)
		}
	}
}
