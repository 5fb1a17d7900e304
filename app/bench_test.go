package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cometbft/cometbft/abci/example/kvstore"
	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
	"github.com/taonet/taonet/tx"
)

// blockSize is the number of txs per block in the throughput harness.
const blockSize = 1000

// drive pushes txs through an ABCI app as one node does: CheckTx for each,
// then FinalizeBlock and Commit per block of blockSize.
func drive(b *testing.B, a abci.Application, txs [][]byte, height *int64) {
	ctx := context.Background()
	for start := 0; start < len(txs); start += blockSize {
		end := min(start+blockSize, len(txs))
		for _, raw := range txs[start:end] {
			r, err := a.CheckTx(ctx, &abci.RequestCheckTx{Tx: raw, Type: abci.CheckTxType_New})
			if err != nil || r.Code != 0 {
				b.Fatalf("CheckTx: %v %s", err, r.GetLog())
			}
		}
		*height++
		resp, err := a.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: txs[start:end], Height: *height, Time: time.Unix(1_700_000_000+*height, 0)})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range resp.TxResults {
			if r.Code != 0 {
				b.Fatalf("tx failed: %s", r.Log)
			}
		}
		if _, err := a.Commit(ctx, &abci.RequestCommit{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransfers measures signed transfers per second through the
// taonet app on Pebble (sr25519 verification included; signing is not).
func BenchmarkTransfers(b *testing.B) {
	senders := make([]*keys.Keypair, 16)
	g := chain.DefaultGenesis("bench")
	for i := range senders {
		senders[i] = testchain.Key(b, fmt.Sprintf("//bench/%d", i))
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: senders[i].SS58(), Balance: 1_000_000_000_000_000})
	}
	dest := testchain.Key(b, "//Bob").Public()
	txs := make([][]byte, b.N)
	nonces := make([]uint64, len(senders))
	for i := range txs {
		s := i % len(senders)
		t := &tx.Tx{ChainID: "bench", Nonce: nonces[s], Call: tx.Transfer{Dest: dest, Value: 1_000_000}}
		nonces[s]++
		if err := t.Sign(senders[s]); err != nil {
			b.Fatal(err)
		}
		txs[i] = t.Encode()
	}
	backend, err := pebble.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer backend.Close()
	db, err := store.Open(backend)
	if err != nil {
		b.Fatal(err)
	}
	a := app.New(chain.New(), db, "bench")
	initChain(b, a, g)
	var h int64
	b.ResetTimer()
	drive(b, a, txs, &h)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

// BenchmarkKVStoreBaseline drives CometBFT's example kvstore application
// through the same harness: the baseline for BenchmarkTransfers.
func BenchmarkKVStoreBaseline(b *testing.B) {
	a := kvstore.NewPersistentApplication(b.TempDir())
	txs := make([][]byte, b.N)
	for i := range txs {
		txs[i] = []byte(fmt.Sprintf("key%d=value%d", i, i))
	}
	var h int64
	b.ResetTimer()
	drive(b, a, txs, &h)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

func initChain(b *testing.B, a *app.App, g *chain.Genesis) {
	state, err := jsonMarshal(g)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: g.ChainID, AppStateBytes: state, InitialHeight: 1}); err != nil {
		b.Fatal(err)
	}
}
