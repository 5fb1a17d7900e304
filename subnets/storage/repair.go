package storage

import (
	"context"
	"fmt"

	"github.com/klauspost/reedsolomon"

	st "github.com/taonet/taonet/storage"
)

// Repair restores a file's redundancy after holders left: for every chunk
// that lost a holder (alive(h) false), it rebuilds the chunk (from a
// surviving copy, or from its stripe's surviving shards by Reed–Solomon),
// checks it against its CID and stores it on a live miner whose coldkey the
// stripe does not use yet. It returns the new placement and how many
// chunks it re-stored.
func (c *Client) Repair(ctx context.Context, m *st.Manifest, p Placement, alive func(h int) bool) (Placement, int, error) {
	next := make(Placement, len(p))
	per := 1
	if m.Redundancy.Kind == st.Erasure {
		per = m.Redundancy.Data + m.Redundancy.Parity
	}
	repaired := 0
	for s := 0; s*per < len(m.Chunks); s++ {
		idx := make([]int, per)
		used := map[[32]byte]bool{}
		damaged := false
		for j := range per {
			i := s*per + j
			idx[j] = i
			for _, h := range p[i] {
				if alive(h) {
					next[i] = append(next[i], h)
					used[c.Miners[h].Coldkey] = true
				} else {
					damaged = true
				}
			}
		}
		if !damaged {
			continue
		}
		blocks, err := c.rebuildStripe(ctx, m, idx, next)
		if err != nil {
			return nil, repaired, fmt.Errorf("storage: repair stripe %d: %w", s, err)
		}
		for j, i := range idx {
			want := len(p[i])
			for len(next[i]) < want {
				h := c.pickMiner(used, alive)
				if h < 0 {
					return nil, repaired, fmt.Errorf("%w: stripe %d", ErrTooFewMiners, s)
				}
				if err := c.store(ctx, h, m.Chunks[i], blocks[j]); err != nil {
					used[c.Miners[h].Coldkey] = true // do not try it again for this stripe
					continue
				}
				used[c.Miners[h].Coldkey] = true
				next[i] = append(next[i], h)
				repaired++
			}
		}
	}
	return next, repaired, nil
}

// pickMiner returns a live miner of an unused coldkey (-1: none).
func (c *Client) pickMiner(used map[[32]byte]bool, alive func(int) bool) int {
	for h, m := range c.Miners {
		if alive(h) && !used[m.Coldkey] {
			return h
		}
	}
	return -1
}

// rebuildStripe fetches the stripe's chunks from their live holders and
// rebuilds the missing ones; every returned block matches its CID.
func (c *Client) rebuildStripe(ctx context.Context, m *st.Manifest, idx []int, holders Placement) ([][]byte, error) {
	blocks := make([][]byte, len(idx))
	for j, i := range idx {
		blocks[j] = c.fetch(ctx, m.Chunks[i], holders[i])
	}
	if m.Redundancy.Kind == st.Replication {
		if blocks[0] == nil {
			return nil, st.ErrUnrecoverable
		}
		return blocks, nil
	}
	enc, err := reedsolomon.New(m.Redundancy.Data, m.Redundancy.Parity)
	if err != nil {
		return nil, err
	}
	if err := enc.Reconstruct(blocks); err != nil {
		return nil, fmt.Errorf("%w: %v", st.ErrUnrecoverable, err)
	}
	for j, i := range idx {
		if !m.Chunks[i].CID.Verify(blocks[j]) {
			return nil, fmt.Errorf("%w: rebuilt chunk %d", st.ErrChunkMismatch, i)
		}
	}
	return blocks, nil
}
