package axon

import (
	"sync"

	schnorrkel "github.com/ChainSafe/go-schnorrkel"
	"github.com/taonet/taonet/keys"
)

// hotkey is a parsed dendrite hotkey with its decoded sr25519 point.
type hotkey struct {
	pub keys.PublicKey
	// point is decoded once, with its compressed encoding cached (Encode was
	// called), so verifying skips both the point decompression and the
	// re-encoding go-schnorrkel does on every call. It is only read after
	// construction, so concurrent verifications are safe.
	point *schnorrkel.PublicKey
}

// hotkeyCache maps SS58 strings to parsed hotkeys. It forgets everything
// when it grows past max, which bounds memory against floods of fresh
// addresses at the price of re-parsing.
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
	if p, err := schnorrkel.NewPublicKey(pub); err == nil {
		p.Encode() // caches the compressed form inside p
		h.point = p
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
// message) using the cached point.
func (h *hotkey) verifyMessage(msg, sig []byte) bool {
	if h.point == nil || len(sig) != keys.SignatureSize {
		return false
	}
	var s schnorrkel.Signature
	if err := s.Decode([keys.SignatureSize]byte(sig)); err != nil {
		return false
	}
	if h.verify(&s, msg) {
		return true
	}
	wrapped := make([]byte, 0, len(msg)+len("<Bytes></Bytes>"))
	wrapped = append(wrapped, "<Bytes>"...)
	wrapped = append(wrapped, msg...)
	wrapped = append(wrapped, "</Bytes>"...)
	return h.verify(&s, wrapped)
}

func (h *hotkey) verify(s *schnorrkel.Signature, msg []byte) bool {
	ok, err := h.point.Verify(s, schnorrkel.NewSigningContext([]byte(keys.SigningContext), msg))
	return err == nil && ok
}
