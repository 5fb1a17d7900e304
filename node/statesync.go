package node

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/taonet/taonet/internal/atomicfile"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/p2p"
	rpcserver "github.com/cometbft/cometbft/rpc/jsonrpc/server"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/snapshot"
)

// CometBFTRPCPath is where the API serves CometBFT's read-only JSON-RPC,
// which joining nodes' light clients verify state sync against.
const CometBFTRPCPath = "/cometbft"

// lightClientRoutes are the CometBFT RPC methods served on the API: the
// read-only ones a light client and an operator comparing nodes need.
var lightClientRoutes = []string{
	"health", "status", "net_info", "genesis", "genesis_chunked", "blockchain",
	"block", "block_by_hash", "block_results", "commit", "header", "header_by_hash",
	"validators", "consensus_params", "abci_info",
}

// openSnapshots opens the node's snapshot folder and hands it to the app,
// with the block-pruning setting.
func (n *Node) openSnapshots() error {
	m, err := snapshot.Open(filepath.Join(n.home, "data", "snapshots"), snapshot.Options{
		Interval:   n.settings.SnapshotInterval,
		KeepRecent: n.settings.SnapshotKeepRecent,
		Logger:     n.log.With("module", "snapshot"),
	})
	if err != nil {
		return fmt.Errorf("node: %w", err)
	}
	n.snaps = m
	n.app.SetSnapshots(m)
	n.app.SetRetainBlocks(n.settings.PruningKeepRecent)
	n.stateSyncing = n.settings.StateSync != nil && n.settings.StateSync.Enable && n.db.Version() == 0
	n.restoredAt.Store(readStateSyncHeight(n.home))
	n.app.OnRestored(n.noteRestored)
	return nil
}

// applyStateSync copies the state-sync settings into CometBFT's config.
func (n *Node) applyStateSync(cfg *cmtcfg.Config) {
	ss := n.settings.StateSync
	if ss == nil || !ss.Enable {
		return
	}
	cfg.StateSync.Enable = true
	cfg.StateSync.RPCServers = append([]string(nil), ss.RPCServers...)
	cfg.StateSync.TrustHeight = ss.TrustHeight
	cfg.StateSync.TrustHash = strings.ToLower(ss.TrustHash)
	cfg.StateSync.TrustPeriod, _ = time.ParseDuration(ss.TrustPeriod)
	if ss.DiscoveryTime != "" {
		cfg.StateSync.DiscoveryTime, _ = time.ParseDuration(ss.DiscoveryTime)
	}
}

// stateSyncFile records the height a node restored by state sync, so that
// /v1/status still reports it after a restart.
func stateSyncFile(home string) string { return filepath.Join(home, "data", "state_sync_height") }

func readStateSyncHeight(home string) int64 {
	b, err := os.ReadFile(stateSyncFile(home))
	if err != nil {
		return 0
	}
	h, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return h
}

// noteRestored persists the height state sync restored (called by the app
// under its lock, once, at the end of the restore).
func (n *Node) noteRestored(h int64) {
	n.restoredAt.Store(h)
	if err := atomicfile.Write(stateSyncFile(n.home), []byte(strconv.FormatInt(h, 10)+"\n"), 0o600); err != nil {
		n.log.Warn("could not record the state-sync height", "err", err)
	}
	n.log.Info("state sync restored a snapshot", "height", h)
}

// SyncStatus implements api.Syncer.
func (b *backend) SyncStatus() (string, int64) {
	n := b.n
	h := n.restoredAt.Load()
	switch {
	case n.stateSyncing && h == 0:
		return api.SyncStateSync, h
	case n.cmt.ConsensusReactor().WaitSync():
		return api.SyncBlockSync, h
	default:
		return api.SyncCaughtUp, h
	}
}

// NodeInfo implements api.Peering.
func (b *backend) NodeInfo(context.Context) (api.NodeInfo, error) {
	n := b.n
	info := api.NodeInfo{
		ChainID: n.app.ChainID(), Moniker: n.settings.Moniker, P2P: n.settings.P2PAddr,
		Height: n.db.Version(), BlockTime: n.settings.BlockTime, CometBFTRPC: CometBFTRPCPath, Peers: []string{},
	}
	ni, ok := n.cmt.NodeInfo().(p2p.DefaultNodeInfo)
	if !ok {
		return info, errors.New("node: no p2p node info")
	}
	info.NodeID = string(ni.ID())
	for _, p := range n.cmt.Switch().Peers().List() {
		pi, ok := p.NodeInfo().(p2p.DefaultNodeInfo)
		if !ok {
			continue
		}
		addr := strings.TrimPrefix(pi.ListenAddr, "tcp://")
		info.Peers = append(info.Peers, string(pi.ID())+"@"+addr)
	}
	return info, nil
}

// Genesis implements api.Peering.
func (b *backend) Genesis() ([]byte, error) {
	g, err := os.ReadFile(genesisPath(b.n.home))
	if err != nil {
		return nil, fmt.Errorf("node: read genesis: %w", err)
	}
	if !json.Valid(g) {
		return nil, errors.New("node: genesis is not JSON")
	}
	return g, nil
}

// serveCometRPC answers CometBFT JSON-RPC under CometBFTRPCPath once the
// node has started.
func (n *Node) serveCometRPC(w http.ResponseWriter, r *http.Request) {
	h := n.cometRPC.Load()
	if h == nil {
		api.WriteError(w, http.StatusServiceUnavailable, "NotReady", "cometbft rpc not started")
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = strings.TrimPrefix(r.URL.Path, CometBFTRPCPath)
	if r2.URL.Path == "" {
		r2.URL.Path = "/"
	}
	r2.URL.RawPath = ""
	(*h).ServeHTTP(w, r2)
}

// startCometRPC builds the read-only CometBFT JSON-RPC handler.
func (n *Node) startCometRPC() error {
	env, err := n.cmt.ConfigureRPC()
	if err != nil {
		return fmt.Errorf("node: cometbft rpc: %w", err)
	}
	all := env.GetRoutes()
	routes := make(map[string]*rpcserver.RPCFunc, len(lightClientRoutes))
	for _, name := range lightClientRoutes {
		if f, ok := all[name]; ok {
			routes[name] = f
		}
	}
	mux := http.NewServeMux()
	rpcserver.RegisterRPCFuncs(mux, routes, cmtLogger{l: n.log.With("module", "cometbft-rpc"), stopping: &n.stopping})
	var h http.Handler = mux
	n.cometRPC.Store(&h)
	return nil
}

// BlockBase returns the lowest height whose block this node has (blocks
// below were pruned, or skipped by state sync).
func (b *backend) BlockBase() int64 { return b.n.cmt.BlockStore().Base() }

// compactEvery is the number of blocks between two compactions of the
// pruned CometBFT databases (at least this, or the pruning window).
const compactEvery = 1000

// compactPruned compacts the block store and state databases in the
// background every max(compactEvery, keep-recent) blocks when pruning is on,
// one compaction at a time.
func (n *Node) compactPruned(b app.Block) {
	keep := n.settings.PruningKeepRecent
	every := max(compactEvery, keep)
	if keep <= 0 || b.Height%every != 0 || !n.compacting.CompareAndSwap(false, true) {
		return
	}
	n.dbMu.Lock()
	dbs := append([]*closableDB(nil), n.pruned...)
	n.dbMu.Unlock()
	go func() {
		defer n.compacting.Store(false)
		for _, db := range dbs {
			if err := db.Compact(nil, nil); err != nil && !n.stopping.Load() {
				n.log.Warn("compacting pruned blocks failed", "err", err)
			}
		}
	}()
}

// Validators implements api.Peering: the set CometBFT uses at the latest height.
func (b *backend) Validators(ctx context.Context) (api.Validators, error) {
	out := api.Validators{Validators: []api.Validator{}}
	page, perPage := 1, 100
	for {
		res, err := b.n.rpc.Validators(ctx, nil, &page, &perPage)
		if err != nil {
			return out, fmt.Errorf("node: validators: %w", err)
		}
		out.Height = res.BlockHeight
		for _, v := range res.Validators {
			out.Validators = append(out.Validators, api.Validator{
				ConsensusKey: base64.StdEncoding.EncodeToString(v.PubKey.Bytes()),
				Address:      v.Address.String(), Power: v.VotingPower, ProposerPriority: v.ProposerPriority,
			})
			out.TotalPower += v.VotingPower
		}
		if len(out.Validators) >= res.Total || len(res.Validators) == 0 {
			return out, nil
		}
		page++
	}
}
