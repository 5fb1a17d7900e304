package keys

import "sync"

// ss58CacheEntries bounds each generation of the SS58 address cache.
const ss58CacheEntries = 4096

// ss58Cache remembers the prefix-42 addresses of recently seen keys:
// encoding one costs a BLAKE2b-512 checksum and a base-58 conversion, and
// the same accounts are named again and again (events, API responses).
// Two generations: when the current one fills it becomes the old one, and
// a hit in the old one is carried over. Safe for concurrent use.
var ss58Cache = &addressCache{cur: map[PublicKey]string{}, old: map[PublicKey]string{}}

type addressCache struct {
	mu       sync.Mutex
	cur, old map[PublicKey]string
}

func (c *addressCache) get(p PublicKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.cur[p]; ok {
		return s, true
	}
	s, ok := c.old[p]
	if ok {
		c.putLocked(p, s)
	}
	return s, ok
}

func (c *addressCache) put(p PublicKey, s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(p, s)
}

func (c *addressCache) putLocked(p PublicKey, s string) {
	if len(c.cur) >= ss58CacheEntries {
		c.old, c.cur = c.cur, make(map[PublicKey]string, ss58CacheEntries)
	}
	c.cur[p] = s
}
