package axon

import (
	"context"
	"sync"
	"time"

	"github.com/taonet/taonet/synapse"
)

// nonceStore remembers the last accepted nonce per "hotkey:uuid". Entries
// older than the widest window a request can ask for are swept: a replay of
// such a nonce fails the window check without them.
type nonceStore struct {
	mu        sync.Mutex
	last      map[string]int64
	nextSweep int64
}

func newNonceStore() *nonceStore { return &nonceStore{last: map[string]int64{}} }

func (n *nonceStore) get(key string) (int64, bool) {
	n.mu.Lock()
	v, ok := n.last[key]
	n.mu.Unlock()
	return v, ok
}

// commit records nonce for key unless a nonce at least as large was
// recorded meanwhile. It sweeps entries at or below floor every so often.
func (n *nonceStore) commit(key string, nonce, now, floor int64, sweepEvery time.Duration) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if v, ok := n.last[key]; ok && nonce <= v {
		return false
	}
	n.last[key] = nonce
	if now >= n.nextSweep {
		for k, v := range n.last {
			if v <= floor {
				delete(n.last, k)
			}
		}
		n.nextSweep = now + int64(sweepEvery)
	}
	return true
}

// len returns the number of remembered senders.
func (n *nonceStore) len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.last)
}

// DefaultVerify is the verification every route uses unless its Handler sets
// Verify. It applies the reference's default_verify rules and more:
//
//   - the dendrite hotkey must be a valid SS58 address;
//   - a nonce is required; a sender's ("hotkey:uuid") first nonce must be newer
//     than now - AllowedDelta - timeout (timeout capped at MaxTimeout), and
//     every later one must exceed the last accepted one. Unlike the reference,
//     the window applies whatever version the dendrite reports;
//   - a signature is required (the reference accepts unsigned requests) and
//     must verify, with bittensor's Keypair.verify semantics, over
//     "{nonce}.{dendrite_hotkey}.{axon_hotkey}.{uuid}.{computed_body_hash}"
//     where axon_hotkey is this axon's own hotkey and computed_body_hash is
//     the header value (the body is checked against it later).
//
// The nonce is recorded only after the signature verifies. Errors are
// *VerifyError values whose text is the reference's message.
func (a *Axon) DefaultVerify(_ context.Context, s synapse.Synapse) error {
	b := s.SynapseBase()
	d := &b.Dendrite
	if d.Hotkey == "" {
		return verifyErr(ErrNoHotkey, "No SS58 formatted address or public key provided.")
	}
	hk, err := a.hotkeys.lookup(d.Hotkey)
	if err != nil {
		return verifyErr(ErrInvalidHotkey, "Invalid SS58 address %s: %v", d.Hotkey, err)
	}
	if d.Nonce == 0 {
		return verifyErr(ErrMissingNonce, "Missing Nonce")
	}
	if d.Signature == "" {
		return verifyErr(ErrMissingSignature, "Missing Signature")
	}
	now := a.now().UnixNano()
	timeout := a.clampTimeout(b.Timeout)
	key := d.Hotkey + ":" + d.UUID
	last, seen := a.nonces.get(key)
	if !seen {
		window := now - int64(a.cfg.AllowedDelta) - int64(timeout)
		if d.Nonce <= window {
			return verifyErr(ErrStaleNonce,
				"Nonce is too old: acceptable delta is %.2f seconds but request was %.2f seconds old",
				(a.cfg.AllowedDelta + timeout).Seconds(), float64(now-d.Nonce)/1e9)
		}
	} else if d.Nonce <= last {
		return verifyErr(ErrReplayedNonce, "Nonce is too old, a newer one was last processed")
	}
	if a.cfg.MaxFutureSkew > 0 && d.Nonce > now+int64(a.cfg.MaxFutureSkew) {
		return verifyErr(ErrFutureNonce, "Nonce is %.2f seconds in the future", float64(d.Nonce-now)/1e9)
	}
	msg := synapse.RequestMessage(d, a.hotkeySS58, b.ComputedBodyHash)
	sig, err := synapse.ParseSignature(d.Signature)
	if err != nil || !hk.verifyMessage([]byte(msg), sig) {
		return verifyErr(ErrSignatureMismatch, "Signature mismatch with %s and %s", msg, d.Signature)
	}
	floor := now - int64(a.cfg.AllowedDelta) - int64(a.cfg.MaxTimeout)
	if !a.nonces.commit(key, d.Nonce, now, floor, a.cfg.AllowedDelta+a.cfg.MaxTimeout) {
		return verifyErr(ErrReplayedNonce, "Nonce is too old, a newer one was last processed")
	}
	return nil
}

// clampTimeout converts a synapse timeout in seconds to a duration in
// (0, MaxTimeout]; a missing or invalid timeout becomes the default 12 s
// (capped too).
func (a *Axon) clampTimeout(sec float64) time.Duration {
	if !(sec > 0) || sec > a.cfg.MaxTimeout.Seconds() {
		if sec > 0 {
			return a.cfg.MaxTimeout
		}
		sec = synapse.DefaultTimeout
	}
	return min(time.Duration(sec*float64(time.Second)), a.cfg.MaxTimeout)
}
