package storage

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
)

// ErrTooFewMiners is returned when a stripe cannot be spread over enough
// miners of distinct coldkeys.
var ErrTooFewMiners = errors.New("storage: too few miners of distinct coldkeys")

// Placement lists, for each chunk of a manifest, the miners (indices into
// the miner list) that hold it.
type Placement [][]int

// Place spreads the chunks over miners: the shards (or copies) of one
// stripe go to miners of distinct coldkeys, so that one operator leaving
// costs a stripe at most one shard. Deterministic per seed.
func Place(m *st.Manifest, miners []axon.Info, seed uint64) (Placement, error) {
	rng := rand.New(rand.NewPCG(seed, 0x91ace))
	copies := 1
	if m.Redundancy.Kind == st.Replication {
		copies = m.Redundancy.Copies
	}
	p := make(Placement, len(m.Chunks))
	byStripe := map[int][]int{}
	for i, c := range m.Chunks {
		byStripe[c.Stripe] = append(byStripe[c.Stripe], i)
	}
	for s := 0; s < len(byStripe); s++ {
		chunks := byStripe[s]
		used := map[[32]byte]bool{}
		order := rng.Perm(len(miners))
		next := 0
		for _, ci := range chunks {
			for len(p[ci]) < copies {
				for next < len(order) && used[miners[order[next]].Coldkey] {
					next++
				}
				if next == len(order) {
					return nil, fmt.Errorf("%w: stripe %d needs %d", ErrTooFewMiners, s, len(chunks)*copies)
				}
				used[miners[order[next]].Coldkey] = true
				p[ci] = append(p[ci], order[next])
				next++
			}
		}
	}
	return p, nil
}

// Client puts, gets and audits chunks through a dendrite.
type Client struct {
	Dendrite *dendrite.Dendrite
	Miners   []axon.Info
	Timeout  time.Duration
	// Parallel bounds the chunks in flight (default 8).
	Parallel int

	// Routing, if set, is the client's DHT node (client mode): Bootstrap
	// joins it to the miners' DHT, and Locate and Fetch find holders with it.
	Routing *routing.Node
	// Peers maps DHT holders to miners; nil means a book of the client's own.
	Peers *PeerBook
	// Answered lists, after Bootstrap, the miners whose DHT node answered
	// and was reachable: the miners that are up.
	Answered []keys.PublicKey

	pmu sync.Mutex
}

// peers returns the client's peer book.
func (c *Client) peers() *PeerBook {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if c.Peers == nil {
		c.Peers = &PeerBook{}
	}
	return c.Peers
}

// call sends req to miner h. Requests from one dendrite to one miner go
// one at a time, across all Clients sharing the dendrite: an axon refuses
// a nonce older than the last it saw from the dendrite, and concurrent
// requests may arrive out of order.
func (c *Client) call(ctx context.Context, h int, req synapse.Synapse) dendrite.Response {
	mu := targetLock(c.Dendrite, c.Miners[h].Hotkey)
	mu.Lock()
	defer mu.Unlock()
	return c.Dendrite.Call(ctx, c.Miners[h], req, c.Timeout)
}

// targetLocks holds a mutex per (dendrite, axon hotkey).
var targetLocks sync.Map

type target struct {
	d  *dendrite.Dendrite
	hk keys.PublicKey
}

func targetLock(d *dendrite.Dendrite, hk keys.PublicKey) *sync.Mutex {
	mu, _ := targetLocks.LoadOrStore(target{d, hk}, &sync.Mutex{})
	return mu.(*sync.Mutex)
}

// PeerBook maps DHT peer ids to the miners' hotkeys (learned from their
// DHTPeer answers); Clients over changing miner lists may share one.
type PeerBook struct {
	mu sync.Mutex
	m  map[string]keys.PublicKey
}

// Set records that peer id is the DHT node of the miner with hotkey hk.
func (b *PeerBook) Set(id string, hk keys.PublicKey) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string]keys.PublicKey{}
	}
	b.m[id] = hk
}

// Hotkey returns the hotkey of peer id.
func (b *PeerBook) Hotkey(id string) (keys.PublicKey, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	hk, ok := b.m[id]
	return hk, ok
}

func (c *Client) parallel() int { return max(c.Parallel, 1) }

// each runs fn for every index below n, at most Parallel at a time, and
// returns the first error.
func (c *Client) each(n int, fn func(i int) error) error {
	sem := make(chan struct{}, c.parallel())
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := fn(i); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// store asks miner h to keep chunk (whose bytes are data).
func (c *Client) store(ctx context.Context, h int, chunk st.Chunk, data []byte) error {
	req := synapse.New(&StoreChunk{}).(*StoreChunk)
	req.CID, req.Data = chunk.CID.String(), encode(data)
	return c.call(ctx, h, req).Err
}

// fetch asks chunk's holders in turn for its bytes and returns the first
// answer that matches its CID (nil if none does: a miner answering other
// bytes is skipped).
func (c *Client) fetch(ctx context.Context, chunk st.Chunk, holders []int) []byte {
	for _, h := range holders {
		req := synapse.New(&RetrieveChunk{}).(*RetrieveChunk)
		req.CID = chunk.CID.String()
		r := c.call(ctx, h, req)
		got, ok := r.Synapse.(*RetrieveChunk)
		if r.Err != nil || !ok {
			continue
		}
		if data, err := base64.StdEncoding.DecodeString(got.Data); err == nil && chunk.CID.Verify(data) {
			return data
		}
	}
	return nil
}

// Put stores each chunk on its placed miners.
func (c *Client) Put(ctx context.Context, m *st.Manifest, blocks [][]byte, p Placement) error {
	return c.each(len(m.Chunks), func(i int) error {
		for _, h := range p[i] {
			if err := c.store(ctx, h, m.Chunks[i], blocks[i]); err != nil {
				return fmt.Errorf("storage: put chunk %d on miner %s: %w", i, c.Miners[h].Hotkey.SS58(), err)
			}
		}
		return nil
	})
}

// Get fetches the file: each chunk from its holders in turn until bytes
// match its CID (a miner answering other bytes is skipped), then rebuilds
// what is missing from parity. It never returns bytes that do not match.
func (c *Client) Get(ctx context.Context, m *st.Manifest, p Placement) ([]byte, error) {
	blocks := make([][]byte, len(m.Chunks))
	_ = c.each(len(m.Chunks), func(i int) error {
		blocks[i] = c.fetch(ctx, m.Chunks[i], p[i]) // nil: missing, parity may rebuild it
		return nil
	})
	return st.Join(m, blocks)
}

// Audit challenges miner h with a fresh seed for chunk and checks the
// answer before deadline (unix seconds). Errors name why it failed.
func (c *Client) Audit(ctx context.Context, h int, chunk st.Chunk, seed [32]byte, deadline int64) error {
	req := synapse.New(&AuditChunk{}).(*AuditChunk)
	req.CID, req.Seed, req.Deadline = chunk.CID.String(), hex.EncodeToString(seed[:]), deadline
	r := c.call(ctx, h, req)
	if r.Err != nil {
		return r.Err
	}
	ans, ok := r.Synapse.(*AuditChunk)
	if !ok {
		return fmt.Errorf("storage: audit answered with %T", r.Synapse)
	}
	proof, err := proofOf(ans, chunk.CID)
	if err != nil {
		return err
	}
	ch := st.Challenge{CID: chunk.CID, Seed: seed, Deadline: deadline}
	return ch.Check(chunk, proof, time.Now().Unix())
}

// ErrNoHolder is returned when nobody serves a block: the DHT names no
// holder that answers with bytes matching its CID.
var ErrNoHolder = errors.New("storage: no holder serves the block")

// maxLookups bounds a Fetch's DHT lookups in flight.
const maxLookups = 32

// manifestCopies is how many miners keep a file's manifest.
const manifestCopies = 3

// Bootstrap joins the subnet's DHT from the miners' axons: it asks every
// miner for its DHT address (DHTPeer), connects to those that answer and
// fills the routing table. It returns how many miners answered; none is
// routing.ErrNoPeers.
func (c *Client) Bootstrap(ctx context.Context) (int, error) {
	if c.Routing == nil {
		return 0, fmt.Errorf("%w: the client has no DHT node", routing.ErrNoPeers)
	}
	book := c.peers()
	c.pmu.Lock()
	c.Answered = nil
	c.pmu.Unlock()
	_ = c.each(len(c.Miners), func(h int) error {
		r := c.call(ctx, h, synapse.New(&DHTPeer{}))
		ans, ok := r.Synapse.(*DHTPeer)
		if r.Err != nil || !ok || ans.PeerID == "" {
			return nil
		}
		if err := c.Routing.Connect(ctx, ans.PeerID, ans.Addrs); err != nil {
			return nil // that miner's DHT node is unreachable: the others route
		}
		book.Set(ans.PeerID, c.Miners[h].Hotkey)
		c.pmu.Lock()
		c.Answered = append(c.Answered, c.Miners[h].Hotkey)
		c.pmu.Unlock()
		return nil
	})
	if len(c.Answered) == 0 {
		return 0, fmt.Errorf("%w: none of %d miners gave a reachable DHT address", routing.ErrNoPeers, len(c.Miners))
	}
	return len(c.Answered), c.Routing.Refresh(ctx)
}

// Locate returns the miners (indices into Miners) that the DHT names as
// holders of cid, stopping the lookup once it has want of them (the
// copies the file keeps; at most 20). A holder that is not one of the
// subnet's axons is skipped: it has no axon to ask.
func (c *Client) Locate(ctx context.Context, cid st.CID, want int) []int {
	if c.Routing == nil {
		return nil
	}
	ids := c.Routing.FindHolders(ctx, cid, min(max(want, 1), 20))
	book := c.peers()
	var out []int
	for _, id := range ids {
		hk, ok := book.Hotkey(id)
		if !ok {
			continue
		}
		if h := slices.IndexFunc(c.Miners, func(m axon.Info) bool { return m.Hotkey == hk }); h >= 0 && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// PutManifest stores the manifest's encoding, under the file's CID, on up
// to three of the file's holders of distinct coldkeys, so that anyone
// holding the CID can find and read it. It returns the file's CID.
func (c *Client) PutManifest(ctx context.Context, m *st.Manifest, p Placement) (st.CID, error) {
	data, cid, err := m.Encode()
	if err != nil {
		return cid, err
	}
	if len(data) > MaxChunkBytes {
		return cid, fmt.Errorf("%w: manifest of %d bytes, at most %d", st.ErrTooLarge, len(data), MaxChunkBytes)
	}
	used := map[[32]byte]bool{}
	var stored int
	for _, hs := range p {
		for _, h := range hs {
			if stored == manifestCopies || used[c.Miners[h].Coldkey] {
				continue
			}
			used[c.Miners[h].Coldkey] = true
			if err := c.store(ctx, h, st.Chunk{CID: cid, Size: len(data)}, data); err != nil {
				continue
			}
			stored++
		}
	}
	if stored == 0 {
		return cid, fmt.Errorf("%w: no miner kept the manifest", ErrTooFewMiners)
	}
	return cid, nil
}

// Fetch gets a file by its CID alone, through the DHT: it finds the
// manifest's holders, reads and checks the manifest, then finds and reads
// each chunk (rebuilding what is missing from parity). It never returns
// bytes that do not match the CIDs.
func (c *Client) Fetch(ctx context.Context, cid st.CID) ([]byte, *st.Manifest, error) {
	raw := c.fetch(ctx, st.Chunk{CID: cid}, c.Locate(ctx, cid, manifestCopies))
	if raw == nil {
		return nil, nil, fmt.Errorf("%w: manifest %s", ErrNoHolder, cid)
	}
	m, err := st.DecodeManifest(raw, cid)
	if err != nil {
		return nil, nil, err
	}
	copies := 1
	if m.Redundancy.Kind == st.Replication {
		copies = m.Redundancy.Copies
	}
	// All lookups at once (they wait on the network, not on a miner),
	// each chunk's fetch as soon as its holders are known.
	blocks := make([][]byte, len(m.Chunks))
	sem := make(chan struct{}, c.parallel())
	lookups := make(chan struct{}, maxLookups)
	var wg sync.WaitGroup
	for i := range m.Chunks {
		wg.Add(1)
		lookups <- struct{}{}
		go func() {
			defer wg.Done()
			holders := c.Locate(ctx, m.Chunks[i].CID, copies)
			<-lookups
			sem <- struct{}{}
			defer func() { <-sem }()
			blocks[i] = c.fetch(ctx, m.Chunks[i], holders)
		}()
	}
	wg.Wait()
	data, err := st.Join(m, blocks)
	if err != nil {
		return nil, m, err
	}
	return data, m, nil
}

// JoinDHT keeps a miner in the subnet's DHT: every interval it asks the
// axons peers() returns for their DHT addresses through d and connects to
// them (Client.Bootstrap), retries the announcements that failed, and once
// it first has peers it announces every chunk it already holds, then again
// every reannounce (provider records expire). It returns when ctx ends.
func (m *Miner) JoinDHT(ctx context.Context, d *dendrite.Dendrite, peers func() []axon.Info, interval, reannounce time.Duration) {
	var announced time.Time
	for {
		c := &Client{Dendrite: d, Miners: peers(), Routing: m.Routing, Timeout: 5 * time.Second, Parallel: 8}
		if len(c.Miners) > 0 {
			if _, err := c.Bootstrap(ctx); err == nil {
				if announced.IsZero() || time.Since(announced) >= reannounce {
					m.Announce(ctx)
					announced = time.Now()
				} else {
					m.retryAnnouncements(ctx)
				}
			}
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// ServingMiners returns the axons that serve on the subnet of snapshot s
// (with an address and a port), in UID order, leaving out hotkey skip.
func ServingMiners(s *metagraph.Snapshot, skip keys.PublicKey) []axon.Info {
	var out []axon.Info
	for _, uid := range s.UIDs {
		if info := s.AxonInfo(uid); info.IsServing() && info.Port != 0 && info.Hotkey != skip {
			out = append(out, info)
		}
	}
	return out
}

// RunDHT keeps a template miner's DHT node joined to the subnet's other
// miners (JoinDHT over t's metagraph, every interval) until ctx ends; hot
// is the miner's hotkey, which signs the DHTPeer requests.
func (m *Miner) RunDHT(ctx context.Context, t *template.Miner, hot *keys.Keypair, interval time.Duration) error {
	d, err := dendrite.New(hot, dendrite.DefaultConfig())
	if err != nil {
		return err
	}
	defer d.Close()
	peers := func() []axon.Info {
		snap := t.Metagraph().Snapshot()
		if snap == nil {
			return nil
		}
		return ServingMiners(snap, hot.Public())
	}
	m.JoinDHT(ctx, d, peers, interval, 12*time.Hour)
	return nil
}

// Store places the file's chunks on miners of distinct coldkeys (Place,
// seeded by seed), stores them and the manifest, and returns the file's
// CID and its holders: per chunk, the hotkeys (SS58) of the miners that
// keep it.
func (c *Client) Store(ctx context.Context, m *st.Manifest, blocks [][]byte, seed uint64) (st.CID, [][]string, error) {
	p, err := Place(m, c.Miners, seed)
	if err != nil {
		return st.CID{}, nil, err
	}
	if err := c.Put(ctx, m, blocks, p); err != nil {
		return st.CID{}, nil, err
	}
	cid, err := c.PutManifest(ctx, m, p)
	if err != nil {
		return cid, nil, err
	}
	return cid, c.Holders(p), nil
}

// Holders names a placement's miners by hotkey (SS58).
func (c *Client) Holders(p Placement) [][]string {
	out := make([][]string, len(p))
	for i, hs := range p {
		out[i] = []string{}
		for _, h := range hs {
			out[i] = append(out[i], c.Miners[h].Hotkey.SS58())
		}
	}
	return out
}
