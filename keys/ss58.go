package keys

import (
	"crypto/subtle"
	"fmt"

	"golang.org/x/crypto/blake2b"
)

// SS58Prefix is the network prefix Bittensor uses for addresses (the generic
// "substrate" format): every address it prints starts with '5'.
const SS58Prefix = 42

// maxSS58Prefix is the largest prefix the two-byte SS58 form can carry.
const maxSS58Prefix = 16383

const ss58ChecksumLen = 2

func ss58Checksum(payload []byte) []byte {
	h, _ := blake2b.New512(nil)
	h.Write([]byte("SS58PRE"))
	h.Write(payload)
	return h.Sum(nil)[:ss58ChecksumLen]
}

// EncodeSS58 encodes a 32-byte account id with the given network prefix
// (0..16383) as sp-core's to_ss58check_with_version does.
func EncodeSS58(pub PublicKey, prefix uint16) (string, error) {
	var payload []byte
	switch {
	case prefix < 64:
		payload = append(payload, byte(prefix))
	case prefix <= maxSS58Prefix:
		first := byte((prefix&0x00fc)>>2) | 0x40
		second := byte(prefix>>8) | byte(prefix&0x03)<<6
		payload = append(payload, first, second)
	default:
		return "", fmt.Errorf("%w: %d", ErrInvalidSS58Prefix, prefix)
	}
	payload = append(payload, pub[:]...)
	payload = append(payload, ss58Checksum(payload)...)
	return base58Encode(payload), nil
}

// DecodeSS58 decodes an SS58 address of any one- or two-byte network prefix
// and returns the account id with its prefix. Errors wrap ErrInvalidBase58,
// ErrInvalidSS58Length, ErrInvalidSS58Prefix or ErrInvalidSS58Checksum.
func DecodeSS58(s string) (PublicKey, uint16, error) {
	var pub PublicKey
	data, err := base58Decode(s)
	if err != nil {
		return pub, 0, fmt.Errorf("%w in %q", err, s)
	}
	// A 32-byte account id with a one- or two-byte prefix and a two-byte
	// checksum; checking this first names truncated input as a length error.
	if n := len(data); n != 1+len(pub)+ss58ChecksumLen && n != 2+len(pub)+ss58ChecksumLen {
		return pub, 0, fmt.Errorf("%w: %d bytes", ErrInvalidSS58Length, len(data))
	}
	var prefixLen int
	var prefix uint16
	switch {
	case data[0] < 64:
		prefixLen, prefix = 1, uint16(data[0])
	case data[0] < 128:
		// 01aaaaaa bbcccccc holds the little-endian u16 aaaaaabb 00cccccc.
		lower := data[0]<<2 | data[1]>>6
		upper := data[1] & 0x3f
		prefixLen, prefix = 2, uint16(lower)|uint16(upper)<<8
		if prefix < 64 {
			// sp-core lets this pass; it is a second spelling of a
			// one-byte prefix, so refuse it to keep addresses canonical.
			return pub, 0, fmt.Errorf("%w: non-canonical two-byte form of %d", ErrInvalidSS58Prefix, prefix)
		}
	default:
		return pub, 0, fmt.Errorf("%w: first byte 0x%02x", ErrInvalidSS58Prefix, data[0])
	}
	if len(data) != prefixLen+len(pub)+ss58ChecksumLen {
		return pub, 0, fmt.Errorf("%w: %d bytes", ErrInvalidSS58Length, len(data))
	}
	body := data[:prefixLen+len(pub)]
	if subtle.ConstantTimeCompare(ss58Checksum(body), data[len(body):]) != 1 {
		return pub, 0, ErrInvalidSS58Checksum
	}
	copy(pub[:], data[prefixLen:])
	return pub, prefix, nil
}

// ParseSS58 decodes an SS58 address. Like sp-core's from_ss58check it accepts
// any network prefix (42 for Bittensor, 0 for Polkadot, ...), because the
// prefix only selects the rendering of the same 32-byte account id.
func ParseSS58(s string) (PublicKey, error) {
	pub, _, err := DecodeSS58(s)
	return pub, err
}

// IsValidSS58 reports whether s is a well-formed SS58 address.
func IsValidSS58(s string) bool {
	_, _, err := DecodeSS58(s)
	return err == nil
}
