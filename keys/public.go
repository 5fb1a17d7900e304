package keys

import (
	"encoding/hex"
	"fmt"
	"strings"

	"filippo.io/edwards25519"
)

// PublicKeySize is the length of an sr25519 public key (a compressed
// Ristretto255 point), which is also a Bittensor account id.
const PublicKeySize = 32

// SignatureSize is the length of an sr25519 signature.
const SignatureSize = 64

// SigningContext is the schnorrkel signing context substrate (and so
// Bittensor) uses for every account signature.
const SigningContext = "substrate"

// PublicKey is an sr25519 public key, the 32-byte account id of a coldkey
// or hotkey. The zero value is not a valid key.
type PublicKey [PublicKeySize]byte

// PublicKeyFromBytes copies a 32-byte slice into a PublicKey.
func PublicKeyFromBytes(b []byte) (PublicKey, error) {
	var p PublicKey
	if len(b) != PublicKeySize {
		return p, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidPublicKey, len(b), PublicKeySize)
	}
	copy(p[:], b)
	return p, nil
}

// SS58 returns the key's SS58 address with the Bittensor prefix 42.
func (p PublicKey) SS58() string {
	if s, ok := ss58Cache.get(p); ok {
		return s
	}
	s, _ := EncodeSS58(p, SS58Prefix) // 42 is always a valid prefix
	ss58Cache.put(p, s)
	return s
}

// Hex returns "0x" followed by the key in lowercase hex.
func (p PublicKey) Hex() string { return "0x" + hex.EncodeToString(p[:]) }

// String returns the SS58 address.
func (p PublicKey) String() string { return p.SS58() }

// Verify reports whether sig is a valid sr25519 signature of msg by p under
// the "substrate" signing context. It is strict: the signature must carry
// schnorrkel's marker bit and a canonical scalar, and no wrapping of msg is
// tried. Malformed keys or signatures verify as false.
func (p PublicKey) Verify(msg, sig []byte) bool {
	if len(sig) != SignatureSize {
		return false
	}
	var negA edwards25519.Point
	if !decodePublicKey(&negA, &p) {
		return false
	}
	return verifyPrepared(&p, &negA, nil, msg, sig)
}

// VerifyMessage has bittensor's Keypair.verify semantics: msg is verified
// strictly first, then as polkadot.js signRaw wraps it,
// "<Bytes>" + msg + "</Bytes>".
func (p PublicKey) VerifyMessage(msg, sig []byte) bool {
	if len(sig) != SignatureSize {
		return false
	}
	var negA edwards25519.Point
	if !decodePublicKey(&negA, &p) {
		return false
	}
	return verifyMessage(&p, &negA, nil, msg, sig)
}

// ParsePublicKey accepts "0x" followed by 64 hex digits, or an SS58 address
// of any prefix.
func ParsePublicKey(s string) (PublicKey, error) {
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		b, err := DecodeHex(s)
		if err != nil {
			return PublicKey{}, err
		}
		return PublicKeyFromBytes(b)
	}
	return ParseSS58(s)
}

// DecodeHex decodes a hex string with an optional "0x" prefix. Errors wrap
// ErrInvalidHex.
func DecodeHex(s string) ([]byte, error) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	b, err := hex.DecodeString(t)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidHex, err)
	}
	return b, nil
}
