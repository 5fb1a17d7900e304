package storage

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	st "github.com/taonet/taonet/storage"
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

	once  sync.Once
	locks []sync.Mutex
}

// call sends req to miner h. Requests to one miner go one at a time: an
// axon refuses a nonce older than the last it saw from this dendrite, and
// concurrent requests may arrive out of order.
func (c *Client) call(ctx context.Context, h int, req synapse.Synapse) dendrite.Response {
	c.once.Do(func() { c.locks = make([]sync.Mutex, len(c.Miners)) })
	c.locks[h].Lock()
	defer c.locks[h].Unlock()
	return c.Dendrite.Call(ctx, c.Miners[h], req, c.Timeout)
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
