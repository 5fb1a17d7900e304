package node

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/taonet/taonet/client"
)

// Errors of Join.
var (
	// ErrJoinUnreachable is returned when the node to join cannot be asked
	// for its status, peers or genesis.
	ErrJoinUnreachable = errors.New("node: join: node unreachable")
	// ErrJoinMismatch is returned when what the node to join answers does
	// not agree with itself or with the trust options given.
	ErrJoinMismatch = errors.New("node: join: node does not match")
)

// DefaultTrustPeriod is how long a joining node's light client trusts a
// validator set (CometBFT's default; shorter than the unbonding period).
const DefaultTrustPeriod = 168 * time.Hour

// JoinOptions are the inputs of Join.
type JoinOptions struct {
	// Home is the folder to create.
	Home string
	// From is the API URL of a running node of the network.
	From string
	// StateSync makes the node restore a snapshot instead of replaying.
	StateSync bool
	// TrustHeight and TrustHash name a trusted block for state sync; when
	// zero they are taken from From's latest block.
	TrustHeight int64
	TrustHash   string
	// TrustPeriod defaults to DefaultTrustPeriod.
	TrustPeriod time.Duration
	// APIAddr and P2PAddr are the new node's listen addresses (defaults:
	// DefaultSettings).
	APIAddr, P2PAddr string
	// Moniker names the node (default: the home folder's name).
	Moniker string
}

// JoinResult describes the home Join wrote.
type JoinResult struct {
	ChainID     string   `json:"chain_id"`
	Home        string   `json:"home"`
	NodeID      string   `json:"node_id"`
	API         string   `json:"api"`
	P2P         string   `json:"p2p"`
	Peers       []string `json:"peers"`
	StateSync   bool     `json:"state_sync"`
	TrustHeight int64    `json:"trust_height,omitempty"`
	TrustHash   string   `json:"trust_hash,omitempty"`
}

// Join initialises a home for a node joining the network of the node at
// opts.From: its genesis, its peers (that node and the peers it has) and,
// for state sync, a trusted height and hash. It writes the home in a
// temporary folder renamed into place, so a failure leaves nothing behind.
func Join(ctx context.Context, opts JoinOptions) (*JoinResult, error) {
	if opts.Home == "" {
		return nil, fmt.Errorf("%w: no home folder", ErrInvalidConfig)
	}
	if Initialized(opts.Home) {
		return nil, fmt.Errorf("%w: %s", ErrAlreadyInitialized, opts.Home)
	}
	if ents, err := os.ReadDir(opts.Home); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%w: %s is not empty", ErrAlreadyInitialized, opts.Home)
	}
	base, err := url.Parse(strings.TrimRight(opts.From, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("%w: --from %q: want the node's API URL, such as http://127.0.0.1:8090", ErrInvalidConfig, opts.From)
	}
	st := DefaultSettings()
	st.Moniker = opts.Moniker
	if st.Moniker == "" {
		st.Moniker = filepath.Base(filepath.Clean(opts.Home))
	}
	if opts.APIAddr != "" {
		st.APIAddr = opts.APIAddr
	}
	if opts.P2PAddr != "" {
		st.P2PAddr = opts.P2PAddr
	}

	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	c := client.New(base.String())
	status, err := c.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrJoinUnreachable, base, err)
	}
	info, err := c.NodeInfo(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %s/v1/node: %v", ErrJoinUnreachable, base, err)
	}
	raw, err := c.Genesis(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %s/v1/genesis: %v", ErrJoinUnreachable, base, err)
	}
	doc, err := cmttypes.GenesisDocFromJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: its genesis is invalid: %v", ErrJoinMismatch, err)
	}
	if doc.ChainID != status.ChainID || info.ChainID != status.ChainID {
		return nil, fmt.Errorf("%w: genesis chain %q, status chain %q, node chain %q", ErrJoinMismatch, doc.ChainID, status.ChainID, info.ChainID)
	}
	if info.BlockTime != "" {
		st.BlockTime = info.BlockTime
	}
	peers := joinPeers(base.Hostname(), info.NodeID, info.P2P, info.Peers)
	if len(peers) == 0 {
		return nil, fmt.Errorf("%w: it gave no p2p address", ErrJoinMismatch)
	}
	st.PersistentPeers = strings.Join(peers, ",")
	res := &JoinResult{ChainID: doc.ChainID, Home: opts.Home, API: st.APIAddr, P2P: st.P2PAddr, Peers: peers, StateSync: opts.StateSync}

	if opts.StateSync {
		th, hash, err := trustPoint(ctx, c, status.Height, opts.TrustHeight, opts.TrustHash)
		if err != nil {
			return nil, err
		}
		period := opts.TrustPeriod
		if period <= 0 {
			period = DefaultTrustPeriod
		}
		rpc := base.String() + CometBFTRPCPath
		st.StateSync = &StateSyncSettings{
			Enable: true, RPCServers: []string{rpc, rpc}, TrustHeight: th, TrustHash: hash,
			TrustPeriod: period.String(), DiscoveryTime: "5s",
		}
		res.TrustHeight, res.TrustHash = th, hash
	}
	if err := st.Validate(); err != nil {
		return nil, err
	}

	parent := filepath.Dir(filepath.Clean(opts.Home))
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".join-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	for _, d := range []string{"config", "data"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o700); err != nil {
			return nil, err
		}
	}
	nk, err := p2p.LoadOrGenNodeKey(nodeKeyPath(tmp))
	if err != nil {
		return nil, fmt.Errorf("node: node key: %w", err)
	}
	privval.LoadOrGenFilePV(privValKeyPath(tmp), privValStatePath(tmp))
	if err := doc.SaveAs(genesisPath(tmp)); err != nil {
		return nil, fmt.Errorf("node: write genesis: %w", err)
	}
	if err := SaveSettings(tmp, st); err != nil {
		return nil, err
	}
	// An empty home folder given by the user is replaced.
	_ = os.Remove(opts.Home)
	if err := os.Rename(tmp, opts.Home); err != nil {
		return nil, fmt.Errorf("node: join: %w", err)
	}
	res.NodeID = string(nk.ID())
	return res, nil
}

// trustPoint returns the trusted height and block hash for state sync: the
// ones given, checked against the node when it still has that block, or
// the node's latest block.
func trustPoint(ctx context.Context, c *client.Client, latest, height int64, hash string) (int64, string, error) {
	hash = strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(hash, "0x"), "0X"))
	if (height == 0) != (hash == "") {
		return 0, "", fmt.Errorf("%w: give --trust-height and --trust-hash together, or neither", ErrInvalidConfig)
	}
	if height == 0 {
		if latest < 1 {
			return 0, "", fmt.Errorf("%w: it has no blocks yet", ErrJoinMismatch)
		}
		blk, err := c.Block(ctx, latest)
		if err != nil {
			return 0, "", fmt.Errorf("%w: block %d: %v", ErrJoinUnreachable, latest, err)
		}
		return latest, strings.ToUpper(blk.Hash), nil
	}
	if height > latest {
		return 0, "", fmt.Errorf("%w: trust height %d is above its latest block %d", ErrJoinMismatch, height, latest)
	}
	blk, err := c.Block(ctx, height)
	if err != nil {
		if errors.Is(err, client.ErrNotFound) {
			return height, hash, nil // pruned there: the light client checks the hash
		}
		return 0, "", fmt.Errorf("%w: block %d: %v", ErrJoinUnreachable, height, err)
	}
	if !strings.EqualFold(blk.Hash, hash) {
		return 0, "", fmt.Errorf("%w: its block %d has hash %s, not the trusted %s", ErrJoinMismatch, height, blk.Hash, hash)
	}
	return height, hash, nil
}

// joinPeers lists the node to join and its peers as id@host:port, with an
// unspecified listen host (0.0.0.0) replaced by the host the node was
// reached at.
func joinPeers(host, id, p2pAddr string, others []string) []string {
	var out []string
	add := func(id, addr string) {
		h, port, err := net.SplitHostPort(addr)
		if err != nil || id == "" {
			return
		}
		if ip := net.ParseIP(h); h == "" || (ip != nil && ip.IsUnspecified()) {
			h = host
		}
		p := id + "@" + net.JoinHostPort(h, port)
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	add(id, p2pAddr)
	for _, o := range others {
		if i := strings.IndexByte(o, '@'); i > 0 {
			add(o[:i], o[i+1:])
		}
	}
	return out
}
