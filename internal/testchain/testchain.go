// Package testchain is an in-memory harness for chain, app and API tests:
// genesis → blocks → app hash, driven through the real ABCI app (InitChain,
// CheckTx, FinalizeBlock, Commit) over an in-memory store, with no
// CometBFT node, network or clock.
package testchain

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
	"github.com/taonet/taonet/tx"
)

// T is the part of testing.TB the harness uses.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Chain is a chain running in memory. Not safe for concurrent use.
type Chain struct {
	t       T
	App     *app.App
	DB      *store.Committer
	ChainID string
	height  int64
	// BlockSeconds is the header time step between blocks (default 12).
	BlockSeconds int64
	genesis      time.Time
	nonces       map[keys.PublicKey]uint64
	// ValidatorUpdates are the last block's updates for CometBFT.
	ValidatorUpdates []abci.ValidatorUpdate
}

// Options tune a harness chain.
type Options struct {
	// Chain builds the state machine (default chain.New).
	Chain func() *chain.Chain
	// Validators are CometBFT's genesis validators passed to InitChain.
	Validators []abci.ValidatorUpdate
}

// New starts a chain from g (InitChain) over a fresh in-memory store.
func New(t T, g *chain.Genesis, opts ...Options) *Chain {
	t.Helper()
	build := chain.New
	var vals []abci.ValidatorUpdate
	if len(opts) > 0 {
		if opts[0].Chain != nil {
			build = opts[0].Chain
		}
		vals = opts[0].Validators
	}
	db, err := store.Open(mem.New())
	if err != nil {
		t.Fatalf("testchain: open store: %v", err)
	}
	c := &Chain{t: t, DB: db, ChainID: g.ChainID, BlockSeconds: 12,
		genesis: time.Unix(1_700_000_000, 0).UTC(), nonces: map[keys.PublicKey]uint64{}}
	c.App = app.New(build(), db, g.ChainID)
	state, err := json.Marshal(g)
	if err != nil {
		t.Fatalf("testchain: encode genesis: %v", err)
	}
	if _, err := c.App.InitChain(context.Background(), &abci.RequestInitChain{ChainId: g.ChainID, AppStateBytes: state, InitialHeight: 1, Time: c.genesis, Validators: vals}); err != nil {
		t.Fatalf("testchain: InitChain: %v", err)
	}
	return c
}

// Height returns the last committed height.
func (c *Chain) Height() int64 { return c.height }

// AppHash returns the last committed app hash.
func (c *Chain) AppHash() []byte { return c.DB.AppHash() }

// Tx builds and signs a transaction for call with the signer's next nonce
// (tracking nonces of txs built but not yet committed).
func (c *Chain) Tx(kp *keys.Keypair, call tx.Call) []byte {
	c.t.Helper()
	n := c.nonces[kp.Public()]
	t := &tx.Tx{ChainID: c.ChainID, Nonce: n, Call: call}
	if err := t.Sign(kp); err != nil {
		c.t.Fatalf("testchain: sign: %v", err)
	}
	c.nonces[kp.Public()] = n + 1
	return t.Encode()
}

// ResetNonce forgets the locally tracked nonce of kp (after a refused tx).
func (c *Chain) ResetNonce(kp *keys.Keypair, next uint64) { c.nonces[kp.Public()] = next }

// CheckTx runs CheckTx for raw.
func (c *Chain) CheckTx(raw []byte) *abci.ResponseCheckTx {
	c.t.Helper()
	r, err := c.App.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: raw, Type: abci.CheckTxType_New})
	if err != nil {
		c.t.Fatalf("testchain: CheckTx: %v", err)
	}
	return r
}

// Block executes and commits one block holding txs and returns each tx's result.
func (c *Chain) Block(txs ...[]byte) []chain.Result {
	c.t.Helper()
	c.height++
	resp, err := c.App.FinalizeBlock(context.Background(), &abci.RequestFinalizeBlock{
		Txs: txs, Height: c.height, Time: c.genesis.Add(time.Duration(c.height*c.BlockSeconds) * time.Second),
		Hash: []byte(fmt.Sprintf("block-%d", c.height)),
	})
	if err != nil {
		c.t.Fatalf("testchain: FinalizeBlock %d: %v", c.height, err)
	}
	if _, err := c.App.Commit(context.Background(), &abci.RequestCommit{}); err != nil {
		c.t.Fatalf("testchain: Commit %d: %v", c.height, err)
	}
	c.ValidatorUpdates = resp.ValidatorUpdates
	out := make([]chain.Result, len(resp.TxResults))
	for i, r := range resp.TxResults {
		if err := json.Unmarshal(r.Data, &out[i]); err != nil {
			c.t.Fatalf("testchain: decode result: %v", err)
		}
	}
	return out
}

// Blocks commits n empty blocks.
func (c *Chain) Blocks(n int) {
	c.t.Helper()
	for i := 0; i < n; i++ {
		c.Block()
	}
}

// View pins the committed state; close it when done.
func (c *Chain) View() *store.View {
	c.t.Helper()
	v, err := c.DB.View()
	if err != nil {
		c.t.Fatalf("testchain: view: %v", err)
	}
	return v
}

// Read calls fn with a pinned view of the committed state.
func (c *Chain) Read(fn func(r store.Reader)) {
	v := c.View()
	defer v.Close()
	fn(v)
}

// Key returns the keypair of a secret URI such as "//Alice".
func Key(t T, uri string) *keys.Keypair {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatalf("testchain: key %s: %v", uri, err)
	}
	return kp
}

// Genesis returns a genesis funding each URI with balance rao.
func Genesis(t T, chainID string, balance uint64, uris ...string) *chain.Genesis {
	t.Helper()
	g := chain.DefaultGenesis(chainID)
	for _, u := range uris {
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: Key(t, u).SS58(), Balance: balance})
	}
	return g
}
