package app

import (
	"runtime"
	"sync"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// sigCacheSize bounds the verified-signature cache (tx hashes).
const sigCacheSize = 1 << 16

// verifierCacheSize bounds the prepared verifiers per generation (each
// holds about 33 KB, so two generations stay under ~35 MB).
const verifierCacheSize = 512

// sigCache remembers hashes of transactions whose signatures verified, so a
// tx checked in CheckTx is not verified again in FinalizeBlock, and keeps
// prepared verifiers (keys.Verifier) for signers seen more than once, which
// verify about twice as fast. Both are two-generation sets: when the
// current generation fills, it becomes the old one and the previous old one
// is dropped. Safe for concurrent use.
type sigCache struct {
	mu       sync.Mutex
	cur, old map[[32]byte]struct{}

	vmu           sync.Mutex
	seen, seenOld map[keys.PublicKey]struct{}
	vcur, vold    map[keys.PublicKey]*keys.Verifier
}

func newSigCache() *sigCache {
	return &sigCache{
		cur: make(map[[32]byte]struct{}), old: make(map[[32]byte]struct{}),
		seen: make(map[keys.PublicKey]struct{}), seenOld: make(map[keys.PublicKey]struct{}),
		vcur: make(map[keys.PublicKey]*keys.Verifier), vold: make(map[keys.PublicKey]*keys.Verifier),
	}
}

// verifier returns a prepared verifier for pk once pk has been seen before
// (preparing costs about three plain verifications), else nil.
func (c *sigCache) verifier(pk keys.PublicKey) *keys.Verifier {
	c.vmu.Lock()
	if v, ok := c.vcur[pk]; ok {
		c.vmu.Unlock()
		return v
	}
	if v, ok := c.vold[pk]; ok {
		c.vcur[pk] = v
		c.vmu.Unlock()
		return v
	}
	_, again := c.seen[pk]
	if !again {
		_, again = c.seenOld[pk]
	}
	if !again {
		if len(c.seen) >= 8*verifierCacheSize {
			c.seenOld, c.seen = c.seen, make(map[keys.PublicKey]struct{})
		}
		c.seen[pk] = struct{}{}
		c.vmu.Unlock()
		return nil
	}
	c.vmu.Unlock()
	v, err := pk.Prepare()
	if err != nil {
		return nil
	}
	c.vmu.Lock()
	if len(c.vcur) >= verifierCacheSize {
		c.vold, c.vcur = c.vcur, make(map[keys.PublicKey]*keys.Verifier, verifierCacheSize)
	}
	c.vcur[pk] = v
	c.vmu.Unlock()
	return v
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
		if err != nil {
			return
		}
		if v := c.verifier(t.Signer); v != nil {
			err = t.VerifySignatureWith(v)
		} else {
			err = t.VerifySignature()
		}
		if err == nil {
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
