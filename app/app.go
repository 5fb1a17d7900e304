package app

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/taonet/taonet/apitypes"
	"strconv"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/authority"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/snapshot"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Version is the application version reported to CometBFT.
const Version = "0.1.0"

// TxOutcome is one transaction of a committed block as the app executed it.
type TxOutcome = apitypes.TxOutcome

// Block is a committed block as the app saw it, for subscribers.
type Block = apitypes.Block

// ErrNotInitialized is returned when a block arrives before InitChain.
var ErrNotInitialized = errors.New("app: chain not initialized")

// App is the ABCI application.
type App struct {
	abci.BaseApplication

	chain *chain.Chain
	db    *store.Committer

	mu       sync.Mutex // guards everything below
	chainID  string
	check    *store.Cache
	lastTime int64
	block    *store.Cache
	pending  *store.Pending
	building *Block
	onCommit []func(Block)
	sigs     *sigCache

	snaps        *snapshot.Manager  // nil: no snapshots taken or served
	restorer     *snapshot.Restorer // state sync into an empty store
	retainBlocks int64              // blocks CometBFT keeps (0: all)
	onRestored   []func(int64)
}

var _ abci.Application = (*App)(nil)

// New returns an app over a committed store. chainID may be empty until
// InitChain, but must be set for a node restarted from existing state
// (node passes the genesis chain id).
func New(c *chain.Chain, db *store.Committer, chainID string) *App {
	a := &App{chain: c, db: db, chainID: chainID, sigs: newSigCache(), restorer: snapshot.NewRestorer(db)}
	a.check = db.Begin()
	return a
}

// OnCommit registers fn to be called (synchronously, in Commit) with every
// committed block. fn must not block.
func (a *App) OnCommit(fn func(Block)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.onCommit = append(a.onCommit, fn)
}

// NextNonce returns acct's next nonce as the mempool's check state has it:
// the committed nonce plus the account's transactions CheckTx accepted
// since the last commit (CometBFT rechecks the mempool after each commit).
func (a *App) NextNonce(acct keys.PublicKey) uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return auth.Nonce(a.check, acct)
}

// ChainID returns the chain id.
func (a *App) ChainID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.chainID
}

// Info implements abci.Application: the last committed height and app hash
// drive CometBFT's replay on restart.
func (a *App) Info(context.Context, *abci.RequestInfo) (*abci.ResponseInfo, error) {
	v, h := a.db.Info()
	resp := &abci.ResponseInfo{Data: "taonet", Version: Version, LastBlockHeight: v}
	if v > 0 {
		resp.LastBlockAppHash = h
	}
	return resp, nil
}

// InitChain implements abci.Application: it writes the genesis (app_state
// is a chain.Genesis in JSON) into the first block's branch.
func (a *App) InitChain(_ context.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var g chain.Genesis
	if err := json.Unmarshal(req.AppStateBytes, &g); err != nil {
		return nil, fmt.Errorf("app: parse genesis app_state: %w", err)
	}
	if g.ChainID == "" {
		g.ChainID = req.ChainId
	}
	if g.ChainID != req.ChainId {
		return nil, fmt.Errorf("app: genesis chain_id %q differs from app_state chain_id %q", req.ChainId, g.ChainID)
	}
	a.chainID = g.ChainID
	a.block = a.db.Begin()
	if err := chain.InitGenesis(a.block, &g); err != nil {
		return nil, fmt.Errorf("app: init genesis: %w", err)
	}
	set, err := genesisAuthorities(req.Validators)
	if err != nil {
		return nil, err
	}
	if err := authority.InitGenesis(a.block, set); err != nil {
		return nil, fmt.Errorf("app: genesis validators: %w", err)
	}
	initial := req.InitialHeight
	if initial < 1 {
		initial = 1
	}
	p, err := a.db.Prepare(a.block, initial)
	if err != nil {
		return nil, fmt.Errorf("app: genesis hash: %w", err)
	}
	// The genesis state is committed together with the first block; only its
	// hash is needed now. Until then the mempool checks against it.
	a.check = store.NewCache(a.block)
	a.lastTime = req.Time.Unix()
	a.prepareCheck(initial)
	return &abci.ResponseInitChain{AppHash: p.AppHash()}, nil
}

// PreVerify verifies raw's signature into the verified-signature cache
// without taking the app lock, so that a following CheckTx (or the block)
// skips it. Safe for concurrent use: the node calls it for concurrent
// submissions before their CheckTx, which runs in arrival order.
func (a *App) PreVerify(raw []byte) { a.sigs.verifyAll([][]byte{raw}) }

// CheckTx implements abci.Application.
// The signature is verified before taking the app lock, so concurrent
// submissions verify in parallel when CometBFT calls CheckTx concurrently.
func (a *App) CheckTx(_ context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	verified := a.sigs.verifyAll([][]byte{req.Tx})[0]
	a.mu.Lock()
	defer a.mu.Unlock()
	env := module.Env{ChainID: a.chainID, Height: a.db.Version() + 1, Time: a.lastTime}
	res := a.chain.CheckTxVerified(env, a.check, req.Tx, verified)
	return &abci.ResponseCheckTx{Code: res.Code, Codespace: res.Codespace, Log: res.Log, Info: res.Error, Data: resultData(res)}, nil
}

// FinalizeBlock implements abci.Application.
func (a *App) FinalizeBlock(_ context.Context, req *abci.RequestFinalizeBlock) (*abci.ResponseFinalizeBlock, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.chainID == "" {
		return nil, ErrNotInitialized
	}
	if a.block == nil {
		a.block = a.db.Begin()
	}
	env := module.Env{ChainID: a.chainID, Height: req.Height, Time: req.Time.Unix(), PrevHash: req.Hash}
	blk := &Block{Height: req.Height, Time: env.Time}
	begin, err := a.chain.BeginBlock(env, a.block)
	if err != nil {
		return nil, fmt.Errorf("app: begin block %d: %w", req.Height, err)
	}
	results := make([]*abci.ExecTxResult, len(req.Txs))
	verified := a.sigs.verifyAll(req.Txs)
	for i, raw := range req.Txs {
		res := a.chain.ApplyTxVerified(env, a.block, raw, verified[i])
		h := tx.Hash(raw)
		blk.Txs = append(blk.Txs, TxOutcome{Hash: hex.EncodeToString(h[:]), Result: res})
		results[i] = &abci.ExecTxResult{
			Code: res.Code, Codespace: res.Codespace, Log: res.Log, Info: res.Error,
			Data: resultData(res), Events: abciEvents(res.Events),
		}
	}
	end, err := a.chain.EndBlock(env, a.block)
	if err != nil {
		return nil, fmt.Errorf("app: end block %d: %w", req.Height, err)
	}
	p, err := a.db.Prepare(a.block, req.Height)
	if err != nil {
		return nil, fmt.Errorf("app: prepare block %d: %w", req.Height, err)
	}
	a.pending = p
	blk.Events = append(append([]module.Event{}, begin...), end...)
	blk.AppHash = hex.EncodeToString(p.AppHash())
	a.building = blk
	a.lastTime = env.Time
	return &abci.ResponseFinalizeBlock{
		Events:           abciEvents(blk.Events),
		TxResults:        results,
		ValidatorUpdates: validatorUpdates(end),
		AppHash:          p.AppHash(),
	}, nil
}

// prepareCheck runs the next block's begin-block hooks on the fresh check
// state, so that CheckTx judges transactions against the state the next
// block will see (counters reset at block start; epochs are skipped, see
// module.Env.Check, and seen once their block commits). Its events are
// dropped; a hook error leaves the committed state as it was, and the block
// itself will report it.
func (a *App) prepareCheck(height int64) {
	if a.chainID == "" {
		return
	}
	env := module.Env{ChainID: a.chainID, Height: height, Time: a.lastTime, Check: true}
	branch := store.NewCache(a.check)
	if _, err := a.chain.BeginBlock(env, branch); err == nil {
		branch.Write()
	}
}

// Commit implements abci.Application: it persists the finalized block.
func (a *App) Commit(context.Context, *abci.RequestCommit) (*abci.ResponseCommit, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.pending == nil {
		return nil, errors.New("app: commit without a finalized block")
	}
	if err := a.db.Commit(a.pending); err != nil {
		return nil, fmt.Errorf("app: commit block %d: %w", a.pending.Version(), err)
	}
	a.pending, a.block = nil, nil
	a.check = a.db.Begin()
	height := a.db.Version()
	a.prepareCheck(height + 1)
	if blk := a.building; blk != nil {
		a.building = nil
		for _, fn := range a.onCommit {
			fn(*blk)
		}
	}
	if a.snaps != nil && a.snaps.Due(height) {
		if v, err := a.db.View(); err == nil {
			a.snaps.CreateAsync(v) // closes v
		}
	}
	return &abci.ResponseCommit{RetainHeight: a.retainHeight(height)}, nil
}

// retainHeight is the lowest block CometBFT must keep after committing
// height: the last retainBlocks blocks, and never a block above the oldest
// snapshot served (a node restoring it fetches that height's commit).
func (a *App) retainHeight(height int64) int64 {
	if a.retainBlocks <= 0 || height <= a.retainBlocks {
		return 0
	}
	retain := height - a.retainBlocks + 1
	if a.snaps != nil && a.snaps.Interval() > 0 {
		oldest := a.snaps.Oldest()
		if oldest == 0 {
			return 0 // no snapshot yet: keep everything until one exists
		}
		retain = min(retain, oldest)
	}
	return retain
}

// Query implements abci.Application. The HTTP API reads committed state
// directly; Query answers "/store/<hex key>" for debugging.
func (a *App) Query(_ context.Context, req *abci.RequestQuery) (*abci.ResponseQuery, error) {
	v, err := a.db.View()
	if err != nil {
		return &abci.ResponseQuery{Code: 1, Log: err.Error()}, nil
	}
	defer v.Close()
	if len(req.Path) > 7 && req.Path[:7] == "/store/" {
		k, err := hex.DecodeString(req.Path[7:])
		if err != nil || len(k) == 0 {
			return &abci.ResponseQuery{Code: 1, Log: "app: bad key hex"}, nil
		}
		return &abci.ResponseQuery{Key: k, Value: v.Get(k), Height: v.Version()}, nil
	}
	return &abci.ResponseQuery{Code: 1, Log: "app: unknown query path " + strconv.Quote(req.Path)}, nil
}

func resultData(r chain.Result) []byte {
	b, err := json.Marshal(r)
	if err != nil {
		panic(fmt.Sprintf("app: marshal result: %v", err)) // plain structs cannot fail
	}
	return b
}

// abciEvents converts chain events. Attributes are not indexed: the API
// finds txs by hash (always indexed) and blocks by height, and indexing
// every attribute cost about a tenth of a node's transaction throughput.
func abciEvents(es []module.Event) []abci.Event {
	out := make([]abci.Event, len(es))
	for i, e := range es {
		attrs := make([]abci.EventAttribute, len(e.Attrs))
		for j, at := range e.Attrs {
			attrs[j] = abci.EventAttribute{Key: at.Key, Value: at.Value}
		}
		out[i] = abci.Event{Type: e.Type, Attributes: attrs}
	}
	return out
}
