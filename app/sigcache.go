package app

import (
	"runtime"
	"sync"

	"github.com/taonet/taonet/tx"
)

// sigCacheSize bounds the verified-signature cache (tx hashes).
const sigCacheSize = 1 << 16

// sigCache remembers hashes of transactions whose signatures verified, so a
// tx checked in CheckTx is not verified again in FinalizeBlock. It is a
// two-generation set: when the current generation fills, it becomes the old
// one and the previous old one is dropped. Safe for concurrent use.
type sigCache struct {
	mu       sync.Mutex
	cur, old map[[32]byte]struct{}
}

func newSigCache() *sigCache {
	return &sigCache{cur: make(map[[32]byte]struct{}), old: make(map[[32]byte]struct{})}
}

func (c *sigCache) has(h [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[h]; ok {
		return true
	}
	_, ok := c.old[h]
	return ok
}

func (c *sigCache) add(h [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.cur) >= sigCacheSize/2 {
		c.old, c.cur = c.cur, make(map[[32]byte]struct{}, sigCacheSize/2)
	}
	c.cur[h] = struct{}{}
}

// verifyAll verifies the signatures of txs not yet in the cache, in
// parallel over the machine's cores, adding the valid ones. It returns, per
// tx, whether its signature is known valid. Undecodable txs are left for
// the chain to refuse.
func (c *sigCache) verifyAll(txs [][]byte) []bool {
	ok := make([]bool, len(txs))
	hashes := make([][32]byte, len(txs))
	var todo []int
	for i, raw := range txs {
		hashes[i] = tx.Hash(raw)
		if c.has(hashes[i]) {
			ok[i] = true
		} else {
			todo = append(todo, i)
		}
	}
	verify := func(i int) {
		t, err := tx.Decode(txs[i])
		if err == nil && t.VerifySignature() == nil {
			ok[i] = true
			c.add(hashes[i])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	if workers <= 1 {
		for _, i := range todo {
			verify(i)
		}
		return ok
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(todo); k += workers {
				verify(todo[k])
			}
		}(w)
	}
	wg.Wait()
	return ok
}
