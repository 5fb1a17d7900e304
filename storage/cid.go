package storage

import (
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// CID is a content id: the SHA-256 of a block's bytes.
type CID [32]byte

// ErrBadCID is returned for a string that is not a raw sha2-256 CIDv1.
var ErrBadCID = errors.New("storage: not a raw sha2-256 CIDv1")

// cidPrefix is CIDv1 (0x01), codec raw (0x55), multihash sha2-256 (0x12) of 32 bytes (0x20).
var cidPrefix = []byte{0x01, 0x55, 0x12, 0x20}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Sum returns the CID of data.
func Sum(data []byte) CID { return sha256.Sum256(data) }

// String returns the multibase base32 form ("bafkrei…").
func (c CID) String() string {
	return "b" + strings.ToLower(b32.EncodeToString(append(append([]byte(nil), cidPrefix...), c[:]...)))
}

// ParseCID parses the form String writes.
func ParseCID(s string) (CID, error) {
	var c CID
	if len(s) < 2 || s[0] != 'b' {
		return c, fmt.Errorf("%w: %q", ErrBadCID, s)
	}
	raw, err := b32.DecodeString(strings.ToUpper(s[1:]))
	if err != nil || len(raw) != len(cidPrefix)+32 || string(raw[:len(cidPrefix)]) != string(cidPrefix) {
		return c, fmt.Errorf("%w: %q", ErrBadCID, s)
	}
	copy(c[:], raw[len(cidPrefix):])
	return c, nil
}

// Verify reports whether data is the block c names.
func (c CID) Verify(data []byte) bool { return Sum(data) == c }

// MarshalText implements encoding.TextMarshaler.
func (c CID) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CID) UnmarshalText(b []byte) error {
	v, err := ParseCID(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
