// Package routing is the storage subnet's content routing: a Kademlia DHT
// (go-libp2p-kad-dht over a libp2p host) on which miners announce the
// chunks they hold and clients find a chunk's holders without asking a
// validator.
//
// The DHT is private to the subnet: its protocol is /taonet/storage/kad/1.0.0,
// not the IPFS one, and it is bootstrapped from the subnet's axons on chain:
// every miner answers the DHTPeer synapse with its peer id and addresses
// (see package storage), and a node connects to those peers. Miners run it
// in server mode (they store provider records and answer queries), clients
// in client mode (they only ask). A CID here is the data model's raw
// sha2-256 CIDv1, so the DHT's keys are the chunks' own CIDs.
package routing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	gocid "github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"

	st "github.com/taonet/taonet/storage"
)

// ProtocolPrefix names the subnet's DHT, apart from the public IPFS one.
const ProtocolPrefix = protocol.ID("/taonet/storage")

// Errors of the routing node.
var (
	// ErrBadPeer is returned for a peer id or address that does not parse.
	ErrBadPeer = errors.New("routing: bad peer")
	// ErrNoPeers is returned when a node has no DHT peer to ask.
	ErrNoPeers = errors.New("routing: no DHT peers")
)

// Config configures a Node.
type Config struct {
	// Listen is the libp2p listen address; "" means /ip4/127.0.0.1/tcp/0
	// (loopback, a free port). A client may listen too: it is never asked.
	Listen string
	// Server runs the DHT in server mode: the node keeps provider records
	// and answers queries (miners). Otherwise it only asks (clients).
	Server bool
	// Logger receives the node's logs; nil means slog.Default().
	Logger *slog.Logger
}

// Node is a libp2p host with the subnet's DHT.
type Node struct {
	host host.Host
	dht  *dht.IpfsDHT
	log  *slog.Logger
}

// New starts a node: TCP, Noise and Yamux only, no relay, no NAT traversal.
func New(cfg Config) (*Node, error) {
	listen := cfg.Listen
	if listen == "" {
		listen = "/ip4/127.0.0.1/tcp/0"
	}
	h, err := libp2p.New(
		libp2p.ListenAddrStrings(listen),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Muxer(yamux.ID, yamux.DefaultTransport),
		libp2p.DisableRelay(),
		libp2p.DisableMetrics(),
	)
	if err != nil {
		return nil, fmt.Errorf("routing: libp2p host: %w", err)
	}
	mode := dht.ModeClient
	if cfg.Server {
		mode = dht.ModeServer
	}
	d, err := dht.New(h, dht.Mode(mode), dht.ProtocolPrefix(ProtocolPrefix),
		// Loopback and private addresses are the point on a local network.
		dht.AddressFilter(nil), dht.QueryFilter(func(any, peer.AddrInfo) bool { return true }),
		dht.RoutingTableFilter(func(any, peer.ID) bool { return true }))
	if err != nil {
		h.Close()
		return nil, fmt.Errorf("routing: dht: %w", err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Node{host: h, dht: d, log: log}, nil
}

// ID returns the node's peer id.
func (n *Node) ID() string { return n.host.ID().String() }

// Addrs returns the node's listen addresses.
func (n *Node) Addrs() []string {
	var out []string
	for _, a := range n.host.Addrs() {
		out = append(out, a.String())
	}
	slices.Sort(out)
	return out
}

// Connect dials peer id at addrs and adds it to the node's peer store, so
// that the DHT can use it.
func (n *Node) Connect(ctx context.Context, id string, addrs []string) error {
	pid, err := peer.Decode(id)
	if err != nil {
		return fmt.Errorf("%w: id %q: %v", ErrBadPeer, id, err)
	}
	if pid == n.host.ID() {
		return nil
	}
	info := peer.AddrInfo{ID: pid}
	for _, s := range addrs {
		a, err := ma.NewMultiaddr(s)
		if err != nil {
			return fmt.Errorf("%w: address %q: %v", ErrBadPeer, s, err)
		}
		info.Addrs = append(info.Addrs, a)
	}
	if err := n.host.Connect(ctx, info); err != nil {
		return fmt.Errorf("routing: connect %s: %w", id, err)
	}
	return nil
}

// Refresh waits until a connected peer enters the routing table (peers
// enter once identified as DHT servers, just after Connect), then fills
// the table by a lookup of the node's own key. It gives up after
// refreshWait, or when ctx ends.
func (n *Node) Refresh(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, refreshWait)
	defer cancel()
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for n.dht.RoutingTable().Size() == 0 {
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: no connected peer serves the DHT", ErrNoPeers)
		case <-t.C:
		}
	}
	select {
	case <-n.dht.RefreshRoutingTable():
		return nil // a failed refresh still leaves the peers found so far
	case <-ctx.Done():
		return nil
	}
}

// refreshWait bounds Refresh.
const refreshWait = 10 * time.Second

// Peers returns the size of the node's routing table.
func (n *Node) Peers() int { return n.dht.RoutingTable().Size() }

// Key returns the DHT key of a chunk: its CID as a go-cid raw CIDv1.
func Key(c st.CID) gocid.Cid {
	k, err := gocid.Decode(c.String())
	if err != nil {
		panic(fmt.Sprintf("routing: our CID %s does not parse as a CIDv1: %v", c, err)) // String writes a valid CIDv1
	}
	return k
}

// Provide announces that the node holds chunk c: it records itself and
// tells the DHT peers closest to c.
func (n *Node) Provide(ctx context.Context, c st.CID) error {
	if n.dht.RoutingTable().Size() == 0 {
		return fmt.Errorf("%w: cannot announce %s", ErrNoPeers, c)
	}
	if err := n.dht.Provide(ctx, Key(c), true); err != nil {
		return fmt.Errorf("routing: announce %s: %w", c, err)
	}
	return nil
}

// FindHolders returns the peer ids of at most max nodes that announced
// chunk c, in the order the DHT found them.
func (n *Node) FindHolders(ctx context.Context, c st.CID, max int) []string {
	var out []string
	for info := range n.dht.FindProvidersAsync(ctx, Key(c), max) {
		out = append(out, info.ID.String())
	}
	return out
}

// Close stops the DHT and the host.
func (n *Node) Close() error {
	return errors.Join(n.dht.Close(), n.host.Close())
}
