// Package snapshot writes, serves and restores snapshots of the
// application state for CometBFT's state sync (the ABCI ListSnapshots,
// LoadSnapshotChunk, OfferSnapshot and ApplySnapshotChunk methods).
//
// # Format 1
//
// A snapshot of height H is the committed application state after block H,
// as its (key, value) pairs in increasing key order. The pairs are split
// into chunks of whole pairs of about ChunkSize bytes; each pair is encoded
// as
//
//	uvarint(len(key)) ‖ key ‖ uvarint(len(value)) ‖ value
//
// The snapshot's metadata (JSON) lists the SHA-256 of every chunk, the app
// hash of the state and the number of pairs; the snapshot hash is the
// SHA-256 of the concatenated chunk hashes, so every node that snapshots the
// same state at the same height offers the same snapshot. A restoring node
// checks each chunk against its hash as it arrives (a corrupt chunk is
// fetched again from another peer) and the whole state against the app hash
// the light client trusts (a snapshot of a different state is rejected).
//
// Snapshots are written outside consensus, in the background, into
// <dir>/<height>/ through a temporary folder renamed into place, so a crash
// never leaves a half-written snapshot in the list.
package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/taonet/taonet/store"
)

// Format is the snapshot format this package writes and restores.
const Format uint32 = 1

// DefaultChunkSize is the target size of a chunk in bytes.
const DefaultChunkSize = 1 << 20

// MaxChunks bounds the number of chunks a snapshot may declare (a snapshot
// of 16 GiB at the default chunk size).
const MaxChunks = 1 << 14

// maxPairBytes bounds one key or value in a chunk.
const maxPairBytes = 64 << 20

// Errors of the snapshot format.
var (
	// ErrMetadata is returned for snapshot metadata that cannot be decoded
	// or does not agree with the snapshot's header.
	ErrMetadata = errors.New("snapshot: bad metadata")
	// ErrChunk is returned for a chunk that cannot be decoded.
	ErrChunk = errors.New("snapshot: corrupt chunk")
)

// Metadata is the JSON carried in abci.Snapshot.Metadata.
type Metadata struct {
	// AppHash is the app hash of the state (hex).
	AppHash string `json:"app_hash"`
	// ChunkHashes are the SHA-256 of each chunk (hex), in order.
	ChunkHashes []string `json:"chunk_hashes"`
	// Pairs is the number of (key, value) pairs.
	Pairs uint64 `json:"pairs"`
}

// encode returns the metadata's JSON.
func (m *Metadata) encode() []byte {
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("snapshot: marshal metadata: %v", err)) // plain struct
	}
	return b
}

// snapshotHash is the snapshot hash: SHA-256 of the chunk hashes.
func (m *Metadata) snapshotHash() []byte {
	h := sha256.New()
	for _, c := range m.ChunkHashes {
		b, _ := hex.DecodeString(c)
		h.Write(b)
	}
	return h.Sum(nil)
}

// DecodeMetadata decodes and checks metadata against the snapshot header
// fields it must agree with: the chunk count and the snapshot hash.
func DecodeMetadata(b []byte, chunks uint32, hash []byte) (*Metadata, error) {
	var m Metadata
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMetadata, err)
	}
	if len(m.ChunkHashes) == 0 || len(m.ChunkHashes) > MaxChunks || uint32(len(m.ChunkHashes)) != chunks {
		return nil, fmt.Errorf("%w: %d chunk hashes for %d chunks", ErrMetadata, len(m.ChunkHashes), chunks)
	}
	for i, c := range m.ChunkHashes {
		if b, err := hex.DecodeString(c); err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("%w: chunk hash %d", ErrMetadata, i)
		}
	}
	if b, err := hex.DecodeString(m.AppHash); err != nil || len(b) != sha256.Size {
		return nil, fmt.Errorf("%w: app hash", ErrMetadata)
	}
	if !bytes.Equal(m.snapshotHash(), hash) {
		return nil, fmt.Errorf("%w: snapshot hash does not match its chunk hashes", ErrMetadata)
	}
	return &m, nil
}

// appendPair appends one encoded pair to b.
func appendPair(b []byte, p store.Pair) []byte {
	b = binary.AppendUvarint(b, uint64(len(p.Key)))
	b = append(b, p.Key...)
	b = binary.AppendUvarint(b, uint64(len(p.Value)))
	return append(b, p.Value...)
}

// DecodeChunk decodes a chunk into its pairs. The pairs alias chunk.
func DecodeChunk(chunk []byte) ([]store.Pair, error) {
	var out []store.Pair
	for off := 0; off < len(chunk); {
		k, n, err := field(chunk[off:])
		if err != nil {
			return nil, fmt.Errorf("%w: key of pair %d: %v", ErrChunk, len(out), err)
		}
		off += n
		v, n, err := field(chunk[off:])
		if err != nil {
			return nil, fmt.Errorf("%w: value of pair %d: %v", ErrChunk, len(out), err)
		}
		off += n
		if len(k) == 0 {
			return nil, fmt.Errorf("%w: empty key in pair %d", ErrChunk, len(out))
		}
		out = append(out, store.Pair{Key: k, Value: v})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no pairs", ErrChunk)
	}
	return out, nil
}

// field reads one uvarint-length-prefixed field.
func field(b []byte) ([]byte, int, error) {
	l, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, 0, errors.New("bad length")
	}
	if l > maxPairBytes || l > uint64(len(b)-n) {
		return nil, 0, fmt.Errorf("length %d past the end", l)
	}
	end := n + int(l)
	return b[n:end:end], end, nil
}

// chunkHash is the hex SHA-256 of a chunk.
func chunkHash(chunk []byte) string {
	s := sha256.Sum256(chunk)
	return hex.EncodeToString(s[:])
}
