package axon

import (
	"sync"

	"github.com/taonet/taonet/keys"
)

// hotkey is a parsed dendrite hotkey with its prepared sr25519 verifier.
type hotkey struct {
	pub keys.PublicKey
	// verifier holds the decoded point and its precomputed multiples, so a
	// verification skips decompression and most doublings. It is immutable
	// and safe for concurrent use; nil when the key is not a valid point.
	verifier *keys.Verifier
}

// hotkeyCache maps SS58 strings to parsed hotkeys. It forgets everything
// when it grows past max, which bounds memory (a prepared verifier holds
// about 33 KB) against floods of fresh addresses at the price of
// re-preparing.
type hotkeyCache struct {
	mu  sync.RWMutex
	m   map[string]*hotkey
	max int
}

func newHotkeyCache(max int) *hotkeyCache {
	return &hotkeyCache{m: make(map[string]*hotkey), max: max}
}

// lookup parses ss58, from the cache when possible.
func (c *hotkeyCache) lookup(ss58 string) (*hotkey, error) {
	c.mu.RLock()
	h := c.m[ss58]
	c.mu.RUnlock()
	if h != nil {
		return h, nil
	}
	pub, err := keys.ParseSS58(ss58)
	if err != nil {
		return nil, err
	}
	h = &hotkey{pub: pub}
	if v, err := pub.Prepare(); err == nil {
		h.verifier = v
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[ss58] = h
	c.mu.Unlock()
	return h, nil
}

// verifyMessage has exactly the semantics of keys.PublicKey.VerifyMessage
// (strict sr25519 under the "substrate" context, then the "<Bytes>" wrapped
// message) using the prepared verifier.
func (h *hotkey) verifyMessage(msg, sig []byte) bool {
	return h.verifier != nil && h.verifier.VerifyMessage(msg, sig)
}
