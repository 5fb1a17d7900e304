package synapse

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// VersionAsInt encodes a major.minor.patch version as the reference's
// version_as_int: patch + 1000*minor + 1000000*major (10.2.0 -> 10002000).
func VersionAsInt(major, minor, patch int) int {
	return major*1_000_000 + minor*1_000 + patch
}

// ProtocolVersion is the version this package reports in TerminalInfo.Version:
// the bittensor SDK release 10.2.0 (VersionAsInt(10, 2, 0)) whose wire format
// it implements. Python axons apply the nonce time window to senders at or
// above 7.2.0.
const ProtocolVersion = 10_002_000

// RequestMessage returns the text a dendrite signs for a request,
// "{nonce}.{dendrite_hotkey}.{axon_hotkey}.{uuid}.{body_hash}", from the
// dendrite terminal, the axon hotkey and the body hash.
func RequestMessage(dendrite *TerminalInfo, axonHotkey, bodyHash string) string {
	return strconv.FormatInt(dendrite.Nonce, 10) + "." + dendrite.Hotkey + "." + axonHotkey + "." + dendrite.UUID + "." + bodyHash
}

// ResponseMessage returns the text an axon signs on a response,
// "{axon_nonce}.{dendrite_hotkey}.{axon_hotkey}.{axon_uuid}" (no body hash).
func ResponseMessage(axon *TerminalInfo, dendriteHotkey string) string {
	return strconv.FormatInt(axon.Nonce, 10) + "." + dendriteHotkey + "." + axon.Hotkey + "." + axon.UUID
}

// FormatSignature returns "0x" followed by the lowercase hex of sig.
func FormatSignature(sig []byte) string { return "0x" + hex.EncodeToString(sig) }

// ParseSignature decodes "0x"+hex (the prefix is optional) into 64 bytes.
func ParseSignature(s string) ([]byte, error) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(t) != 128 {
		return nil, fmt.Errorf("%w: %d hex digits, want 128", ErrBadSignature, len(t))
	}
	b, err := hex.DecodeString(t)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return b, nil
}

// NewTerminalUUID returns a time-based (version 1) UUID string with a random
// node id and clock sequence, like Python's uuid.uuid1() that dendrites and
// axons use to name themselves.
func NewTerminalUUID() string {
	// 100 ns intervals since 1582-10-15.
	const gregorianOffset = 0x01B21DD213814000
	ts := uint64(time.Now().UnixNano()/100) + gregorianOffset
	var rnd [8]byte
	_, _ = rand.Read(rnd[:]) // crypto/rand.Read never fails
	var u [16]byte
	binary.BigEndian.PutUint32(u[0:4], uint32(ts))
	binary.BigEndian.PutUint16(u[4:6], uint16(ts>>32))
	binary.BigEndian.PutUint16(u[6:8], uint16(ts>>48)&0x0fff|0x1000)
	u[8] = rnd[0]&0x3f | 0x80
	u[9] = rnd[1]
	copy(u[10:], rnd[2:])
	u[10] |= 0x01 // multicast bit: a random node id
	return formatUUID(u)
}

// NewRandomUUID returns a random (version 4) UUID string, as the reference
// uses to tag internal errors.
func NewRandomUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return formatUUID(u)
}

func formatUUID(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
