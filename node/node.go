package node

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmtnode "github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/rpc/client/local"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/snapshot"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
)

// Options adjust a node at start without changing its saved settings.
type Options struct {
	// APIAddr overrides the saved API address when non-empty.
	APIAddr string
	// P2PAddr overrides the saved p2p address when non-empty.
	P2PAddr string
	// LogEvery is the number of blocks between two "blocks" info lines
	// (height, peers, txs); 0 means DefaultLogEvery, negative never.
	LogEvery int
	// BlockTime overrides the saved block time when non-zero.
	BlockTime time.Duration
	// Logger receives the node's logs (default: discard).
	Logger *slog.Logger
	// SnapshotInterval overrides the saved snapshot interval when non-nil.
	SnapshotInterval *uint64
	// PruningKeepRecent overrides the saved number of blocks kept when non-nil.
	PruningKeepRecent *int64
}

// Node is a running taonet node.
type Node struct {
	home     string
	settings Settings
	log      *slog.Logger

	backend *pebble.DB
	db      *store.Committer
	app     *app.App
	cmt     *cmtnode.Node
	rpc     *local.Local

	apiLn  net.Listener
	apiSrv *http.Server

	hub     hub
	metrics *metrics

	explorer explorerParts

	snaps        *snapshot.Manager
	stateSyncing bool         // state sync was enabled for a node without state
	restoredAt   atomic.Int64 // height restored by state sync, 0 if none
	cometRPC     atomic.Pointer[http.Handler]

	dbMu sync.Mutex
	dbs  []dbm.DB // every CometBFT database opened, closed at Stop
	// pruned are the databases block pruning deletes from (compacted in
	// the background so that their disk is freed).
	pruned     []*closableDB
	compacting atomic.Bool

	logEvery int
	logTxs   int // txs since the last "blocks" line
	stopping atomic.Bool
	stopOnce sync.Once
	stopErr  error
}

// Open prepares a node from an initialised home folder: it opens the
// application state and builds CometBFT, but starts nothing.
func Open(home string, opts Options) (*Node, error) {
	if !Initialized(home) {
		return nil, fmt.Errorf("node: %s has no config/genesis.json (run `taonet localnet` or `taonet testnet init`)", home)
	}
	st, err := LoadSettings(home)
	if err != nil {
		return nil, err
	}
	if opts.APIAddr != "" {
		st.APIAddr = opts.APIAddr
	}
	if opts.P2PAddr != "" {
		st.P2PAddr = opts.P2PAddr
	}
	if opts.BlockTime > 0 {
		st.BlockTime = opts.BlockTime.String()
	}
	if opts.SnapshotInterval != nil {
		st.SnapshotInterval = *opts.SnapshotInterval
	}
	if opts.PruningKeepRecent != nil {
		st.PruningKeepRecent = *opts.PruningKeepRecent
	}
	if err := st.Validate(); err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	genDoc, err := cmttypes.GenesisDocFromFile(genesisPath(home))
	if err != nil {
		return nil, fmt.Errorf("node: read genesis: %w", err)
	}
	n := &Node{home: home, settings: st, log: log, logEvery: opts.LogEvery}
	if n.logEvery == 0 {
		n.logEvery = DefaultLogEvery
	}
	if err := os.MkdirAll(filepath.Join(home, "data"), 0o700); err != nil {
		return nil, err
	}
	if err := n.repairInterruptedStateSync(); err != nil {
		return nil, err
	}
	n.backend, err = pebble.Open(filepath.Join(home, "data", "app"))
	if err != nil {
		return nil, fmt.Errorf("node: open app state: %w", err)
	}
	n.db, err = store.Open(n.backend)
	if err != nil {
		n.backend.Close()
		return nil, fmt.Errorf("node: open app state: %w", err)
	}
	n.app = app.New(chain.New(), n.db, genDoc.ChainID)
	if err := n.openSnapshots(); err != nil {
		n.closeStore()
		return nil, err
	}
	n.app.OnCommit(n.hub.publish)
	n.metrics = newMetrics()
	n.app.OnCommit(n.metrics.observe)
	n.app.OnCommit(n.logBlock)
	n.app.OnCommit(n.compactPruned)

	cfg, err := n.cometConfig()
	if err != nil {
		n.closeStore()
		return nil, err
	}
	if k, err := repairTxIndex(cfg); err != nil {
		n.closeStore()
		return nil, err
	} else if k > 0 {
		log.Warn("indexed the transactions of blocks the index missed (the node stopped between a commit and its indexing)", "blocks", k)
	}
	nk, err := p2p.LoadNodeKey(nodeKeyPath(home))
	if err != nil {
		n.closeStore()
		return nil, fmt.Errorf("node: node key: %w", err)
	}
	pv := privval.LoadFilePV(privValKeyPath(home), privValStatePath(home))
	cmtLog := cmtLogger{l: slog.New(levelShift{log.Handler(), slog.LevelWarn}).With("module", "cometbft"), stopping: &n.stopping}
	n.cmt, err = cmtnode.NewNode(cfg, pv, nk, parallelCheckCreator{app: n.app},
		func() (*cmttypes.GenesisDoc, error) { return genDoc, nil },
		n.trackDB, cmtnode.DefaultMetricsProvider(cfg.Instrumentation), cmtLog)
	if err != nil {
		n.closeStore()
		return nil, fmt.Errorf("node: cometbft: %w", err)
	}
	srv := api.New(&backend{n: n}, log.With("module", "api"))
	srv.Handle("GET /metrics", promhttp.HandlerFor(n.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP)
	srv.Handle(CometBFTRPCPath, n.serveCometRPC)
	srv.Handle(CometBFTRPCPath+"/", n.serveCometRPC)
	if err := n.openExplorer(srv); err != nil {
		n.closeStore()
		return nil, err
	}
	n.apiSrv = &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	return n, nil
}

func (n *Node) cometConfig() (*cmtcfg.Config, error) {
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(n.home)
	cfg.Moniker = n.settings.Moniker
	cfg.P2P.ListenAddress = "tcp://" + n.settings.P2PAddr
	cfg.P2P.PersistentPeers = n.settings.PersistentPeers
	cfg.P2P.AllowDuplicateIP = true
	cfg.P2P.AddrBookStrict = false
	cfg.P2P.PexReactor = n.settings.PersistentPeers != ""
	cfg.RPC.ListenAddress = "" // the taonet API is the public interface
	cfg.ProxyApp = ""
	bt, _ := time.ParseDuration(n.settings.BlockTime)
	cfg.Consensus.TimeoutCommit = bt
	cfg.Consensus.TimeoutPropose = max(3*time.Second, 3*bt)
	cfg.Consensus.CreateEmptyBlocks = true
	cfg.Instrumentation.Prometheus = false
	cfg.TxIndex.Indexer = "kv"
	cfg.Mempool.Size = 20000
	cfg.Mempool.CacheSize = 40000
	n.applyStateSync(cfg)
	if err := cfg.ValidateBasic(); err != nil {
		return nil, fmt.Errorf("%w: cometbft: %v", ErrInvalidConfig, err)
	}
	return cfg, nil
}

// Start starts CometBFT and the API. It returns once both are listening;
// a listener that cannot bind is an *ListenError (ErrListen).
func (n *Node) Start() error {
	ln, err := net.Listen("tcp", n.settings.APIAddr)
	if err != nil {
		n.closeStore()
		return &ListenError{Name: "api", Addr: n.settings.APIAddr, Flag: "--api", Err: err}
	}
	n.apiLn = ln
	// CometBFT binds p2p itself; check the address is free first so a held
	// port fails here, by name, rather than leaving a node that makes blocks
	// without listening.
	if err := checkFree(n.settings.P2PAddr); err != nil {
		ln.Close()
		n.closeStore()
		return &ListenError{Name: "p2p", Addr: n.settings.P2PAddr, Flag: "--p2p", Err: err}
	}
	if err := n.cmt.Start(); err != nil {
		ln.Close()
		n.closeStore()
		return fmt.Errorf("node: start cometbft: %w", err)
	}
	if !n.cmt.IsListening() {
		n.Stop()
		return &ListenError{Name: "p2p", Addr: n.settings.P2PAddr, Flag: "--p2p", Err: errors.New("cometbft is not listening")}
	}
	n.rpc = local.New(n.cmt)
	if err := n.startCometRPC(); err != nil {
		n.Stop()
		return err
	}
	n.startExplorer()
	go func() {
		if err := n.apiSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("api server stopped", "err", err)
		}
	}()
	n.log.Info("node started", "home", n.home, "api", n.APIURL(), "chain_id", n.app.ChainID())
	return nil
}

// APIURL is the base URL of the node's API.
func (n *Node) APIURL() string {
	if n.apiLn != nil {
		return "http://" + n.apiLn.Addr().String()
	}
	return "http://" + n.settings.APIAddr
}

// P2PAddr is the host:port CometBFT's p2p layer was asked to listen on.
func (n *Node) P2PAddr() string { return n.settings.P2PAddr }

// ChainID returns the chain id.
func (n *Node) ChainID() string { return n.app.ChainID() }

// Height returns the last committed height.
func (n *Node) Height() int64 { return n.db.Version() }

// Store returns the committed application state (read it through View).
func (n *Node) Store() *store.Committer { return n.db }

// Stop shuts the API and CometBFT down and closes the state. It is safe to call more than once.
func (n *Node) Stop() error {
	n.stopOnce.Do(func() {
		n.stopping.Store(true)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if n.apiLn != nil {
			_ = n.apiSrv.Shutdown(ctx)
		}
		n.hub.close()
		n.stopExplorer()
		if n.cmt.IsRunning() {
			if err := n.cmt.Stop(); err != nil {
				n.stopErr = err
			}
			n.cmt.Wait()
		}
		n.closeCometDBs()
		n.closeStore()
	})
	return n.stopErr
}

// closeCometDBs closes every database CometBFT opened: it leaves its
// evidence and tx-index databases open on Stop, and the home must be
// reopenable in-process.
func (n *Node) closeCometDBs() {
	n.dbMu.Lock()
	defer n.dbMu.Unlock()
	for _, db := range n.dbs {
		_ = db.Close()
	}
	n.dbs = nil
}

func (n *Node) trackDB(ctx *cmtcfg.DBContext) (dbm.DB, error) {
	raw, err := cmtcfg.DefaultDBProvider(ctx)
	if err != nil {
		return nil, err
	}
	db := &closableDB{DB: raw}
	n.dbMu.Lock()
	n.dbs = append(n.dbs, db)
	if ctx.ID == "blockstore" || ctx.ID == "state" {
		n.pruned = append(n.pruned, db)
	}
	n.dbMu.Unlock()
	return db, nil
}

func (n *Node) closeStore() {
	if n.snaps != nil {
		n.snaps.Wait() // a snapshot being written reads the store
	}
	if n.db != nil {
		n.db.Close()
		n.db = nil
	}
	if n.backend != nil {
		n.backend.Close()
		n.backend = nil
	}
}

// hub fans committed blocks out to API subscribers. A subscriber that falls
// 64 blocks behind is dropped (its channel closed).
type hub struct {
	mu     sync.Mutex
	next   int
	subs   map[int]chan app.Block
	closed bool
}

func (h *hub) publish(b app.Block) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, ch := range h.subs {
		select {
		case ch <- b:
		default:
			close(ch)
			delete(h.subs, id)
		}
	}
}

func (h *hub) subscribe() (<-chan app.Block, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan app.Block, 64)
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	if h.subs == nil {
		h.subs = map[int]chan app.Block{}
	}
	id := h.next
	h.next++
	h.subs[id] = ch
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if c, ok := h.subs[id]; ok {
			close(c)
			delete(h.subs, id)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for id, ch := range h.subs {
		close(ch)
		delete(h.subs, id)
	}
}

// backend implements api.Backend over the running node.
type backend struct {
	n *Node
	// submit serialises submissions into the mempool: CometBFT inserts a
	// checked tx in a callback that runs after CheckTx returns, so two
	// concurrent submissions from one signer could enter the mempool out of
	// nonce order, and its recheck after the next block would then drop
	// the later nonces. Signatures are verified before taking it.
	submit sync.Mutex
}

var _ api.Backend = (*backend)(nil)

func (b *backend) View() (*store.View, error) { return b.n.db.View() }
func (b *backend) ChainID() string            { return b.n.app.ChainID() }

func (b *backend) Subscribe() (<-chan app.Block, func()) { return b.n.hub.subscribe() }

func (b *backend) NextNonce(acct keys.PublicKey) uint64 { return b.n.app.NextNonce(acct) }

func (b *backend) CheckTx(ctx context.Context, raw []byte) (chain.Result, error) {
	b.n.app.PreVerify(raw) // in parallel with other submissions
	b.submit.Lock()
	res, err := b.n.rpc.BroadcastTxSync(ctx, raw)
	b.submit.Unlock()
	if err != nil {
		return chain.Result{}, err
	}
	return decodeResult(res.Code, res.Codespace, res.Log, res.Data), nil
}

func (b *backend) CommitTx(ctx context.Context, raw []byte) (*api.TxInfo, chain.Result, error) {
	h := cmttypes.Tx(raw).Hash()
	blocks, cancel := b.n.hub.subscribe()
	defer cancel()
	check, err := b.CheckTx(ctx, raw)
	if err != nil || check.Code != 0 {
		return nil, check, err
	}
	for {
		select {
		case <-ctx.Done():
			return nil, check, fmt.Errorf("node: waiting for tx %X: %w", h, ctx.Err())
		case blk, ok := <-blocks:
			if !ok {
				return nil, check, errors.New("node: stopped while waiting for tx")
			}
			for i, t := range blk.Txs {
				if t.Hash == hex.EncodeToString(h) {
					return &api.TxInfo{Hash: t.Hash, Height: blk.Height, Index: uint32(i), Tx: "0x" + hex.EncodeToString(raw), Result: t.Result}, check, nil
				}
			}
		}
	}
}

func decodeResult(code uint32, space, log string, data []byte) chain.Result {
	var r chain.Result
	if len(data) > 0 && json.Unmarshal(data, &r) == nil {
		return r
	}
	return chain.Result{Code: code, Codespace: space, Log: log}
}

func (b *backend) Tx(ctx context.Context, hash []byte) (*api.TxInfo, error) {
	res, err := b.n.rpc.Tx(ctx, hash, false)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", api.ErrNotFound, err)
	}
	return &api.TxInfo{
		Hash: hex.EncodeToString(res.Hash), Height: res.Height, Index: res.Index,
		Tx:     "0x" + hex.EncodeToString(res.Tx),
		Result: decodeResult(res.TxResult.Code, res.TxResult.Codespace, res.TxResult.Log, res.TxResult.Data),
	}, nil
}

func (b *backend) Block(ctx context.Context, height int64) (*api.BlockInfo, error) {
	var hp *int64
	if height > 0 {
		if height > b.n.db.Version() {
			return nil, api.ErrNotFound
		}
		hp = &height
	}
	blk, err := b.n.rpc.Block(ctx, hp)
	if err != nil || blk.Block == nil {
		return nil, fmt.Errorf("%w: %v", api.ErrNotFound, err)
	}
	h := blk.Block.Height
	results, err := b.n.rpc.BlockResults(ctx, &h)
	if err != nil {
		return nil, fmt.Errorf("node: block results %d: %w", h, err)
	}
	info := &api.BlockInfo{
		Height: h, Hash: blk.BlockID.Hash.String(), Time: blk.Block.Time.UTC().Format(time.RFC3339Nano),
		AppHash: hex.EncodeToString(results.AppHash), Proposer: blk.Block.ProposerAddress.String(),
		LastBlockHash: blk.Block.LastBlockID.Hash.String(),
		Txs:           []api.TxInfo{},
	}
	for i, raw := range blk.Block.Txs {
		ti := api.TxInfo{Hash: hex.EncodeToString(raw.Hash()), Height: h, Index: uint32(i), Tx: "0x" + hex.EncodeToString(raw)}
		if i < len(results.TxsResults) {
			r := results.TxsResults[i]
			ti.Result = decodeResult(r.Code, r.Codespace, r.Log, r.Data)
		}
		info.Txs = append(info.Txs, ti)
	}
	for _, e := range results.FinalizeBlockEvents {
		me := module.Event{Type: e.Type}
		for _, a := range e.Attributes {
			me.Attrs = append(me.Attrs, module.Attr{Key: a.Key, Value: a.Value})
		}
		info.Events = append(info.Events, me)
	}
	return info, nil
}
