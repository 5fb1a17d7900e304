package storage

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/klauspost/reedsolomon"
)

// Limits.
const (
	// ChunkSize is the size of a file's chunks (the last may be shorter).
	ChunkSize = 256 << 10
	// MaxFileSize bounds a put.
	MaxFileSize = 1 << 30
)

// Errors of manifests and redundancy.
var (
	// ErrBadManifest is returned for a manifest that contradicts itself
	// (sizes that do not add up, shards that do not match the scheme).
	ErrBadManifest = errors.New("storage: inconsistent manifest")
	// ErrTooLarge is returned for a file over MaxFileSize.
	ErrTooLarge = errors.New("storage: file too large")
	// ErrChunkMismatch is returned for bytes that do not hash to their CID.
	ErrChunkMismatch = errors.New("storage: chunk does not match its CID")
	// ErrUnrecoverable is returned when too few shards remain to rebuild a stripe.
	ErrUnrecoverable = errors.New("storage: too few shards to rebuild")
)

// Redundancy is how a file survives miners leaving: Kind "replication"
// stores each chunk Copies times; Kind "erasure" cuts each stripe of the
// file into Data shards and adds Parity shards (Reed–Solomon), any Data of
// which rebuild it.
type Redundancy struct {
	Kind   string `json:"kind"`
	Copies int    `json:"copies,omitempty"`
	Data   int    `json:"data,omitempty"`
	Parity int    `json:"parity,omitempty"`
}

// Redundancy kinds.
const (
	Replication = "replication"
	Erasure     = "erasure"
)

// Validate checks r's bounds.
func (r Redundancy) Validate() error {
	switch r.Kind {
	case Replication:
		if r.Copies < 1 || r.Copies > 16 {
			return fmt.Errorf("%w: copies %d, want 1..16", ErrBadManifest, r.Copies)
		}
	case Erasure:
		if r.Data < 1 || r.Parity < 1 || r.Data+r.Parity > 64 {
			return fmt.Errorf("%w: %d+%d shards, want data ≥ 1, parity ≥ 1, at most 64", ErrBadManifest, r.Data, r.Parity)
		}
	default:
		return fmt.Errorf("%w: redundancy %q, want replication or erasure", ErrBadManifest, r.Kind)
	}
	return nil
}

// Chunk is one stored block: its CID, size, Merkle root, and its place.
type Chunk struct {
	CID  CID  `json:"cid"`
	Size int  `json:"size"`
	Root Hash `json:"merkle_root"`
	// Stripe and Shard place it: for erasure coding, shard Shard of stripe
	// Stripe (shards Data… are parity); for replication, Stripe is the
	// chunk's index and Shard 0.
	Stripe int `json:"stripe"`
	Shard  int `json:"shard"`
}

// Manifest describes a stored file. Its CID is the CID of its JSON.
type Manifest struct {
	Name       string     `json:"name"`
	Size       int64      `json:"size"`
	Redundancy Redundancy `json:"redundancy"`
	// StripeSize is the file bytes per stripe (erasure) or per chunk
	// (replication).
	StripeSize int     `json:"stripe_size"`
	Chunks     []Chunk `json:"chunks"`
}

// Hash implements JSON for Merkle roots as hex.
func (h Hash) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf("%x", h[:])), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (h *Hash) UnmarshalText(b []byte) error {
	raw, err := hex.DecodeString(string(b))
	if err != nil || len(raw) != len(h) {
		return fmt.Errorf("%w: merkle root %q", ErrBadManifest, b)
	}
	copy(h[:], raw)
	return nil
}

// Encode returns the manifest's bytes and CID.
func (m *Manifest) Encode() ([]byte, CID, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, CID{}, err
	}
	return b, Sum(b), nil
}

// DecodeManifest parses and validates a manifest; data must hash to want.
func DecodeManifest(data []byte, want CID) (*Manifest, error) {
	if !want.Verify(data) {
		return nil, fmt.Errorf("%w: manifest %s", ErrChunkMismatch, want)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadManifest, err)
	}
	return &m, m.Validate()
}

// stripes returns the number of stripes of the manifest's file.
func (m *Manifest) stripes() int {
	if m.Size == 0 {
		return 1
	}
	return int((m.Size + int64(m.StripeSize) - 1) / int64(m.StripeSize))
}

// shardsPerStripe is Copies=1 per stripe for replication (copies are
// placements of one chunk), Data+Parity for erasure coding.
func (m *Manifest) shardsPerStripe() int {
	if m.Redundancy.Kind == Erasure {
		return m.Redundancy.Data + m.Redundancy.Parity
	}
	return 1
}

// Validate checks that the manifest's sizes and chunks add up, so that a
// manifest lying about sizes is refused before anything is fetched.
func (m *Manifest) Validate() error {
	if err := m.Redundancy.Validate(); err != nil {
		return err
	}
	if m.Size < 0 || m.Size > MaxFileSize || m.StripeSize < 1 || m.StripeSize > 16*ChunkSize {
		return fmt.Errorf("%w: size %d, stripe size %d", ErrBadManifest, m.Size, m.StripeSize)
	}
	n, per := m.stripes(), m.shardsPerStripe()
	if len(m.Chunks) != n*per {
		return fmt.Errorf("%w: %d chunks, want %d stripes × %d", ErrBadManifest, len(m.Chunks), n, per)
	}
	for i, c := range m.Chunks {
		if c.Stripe != i/per || c.Shard != i%per {
			return fmt.Errorf("%w: chunk %d is stripe %d shard %d", ErrBadManifest, i, c.Stripe, c.Shard)
		}
		want := m.chunkSize(c.Stripe)
		if c.Size != want {
			return fmt.Errorf("%w: chunk %d claims %d bytes, the file's layout gives %d", ErrBadManifest, i, c.Size, want)
		}
	}
	return nil
}

// stripeBytes is the file bytes in stripe s.
func (m *Manifest) stripeBytes(s int) int {
	return int(min(int64(m.StripeSize), m.Size-int64(s)*int64(m.StripeSize)))
}

// chunkSize is the size of each chunk of stripe s.
func (m *Manifest) chunkSize(s int) int {
	b := m.stripeBytes(s)
	if m.Redundancy.Kind == Erasure {
		return max(1, (b+m.Redundancy.Data-1)/m.Redundancy.Data) // Reed–Solomon needs non-empty shards
	}
	return b
}

// Split cuts a file into its chunks (with their bytes) and manifest.
func Split(name string, data []byte, r Redundancy) (*Manifest, [][]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, nil, err
	}
	if len(data) > MaxFileSize {
		return nil, nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(data), MaxFileSize)
	}
	m := &Manifest{Name: name, Size: int64(len(data)), Redundancy: r, StripeSize: ChunkSize}
	var enc reedsolomon.Encoder
	if r.Kind == Erasure {
		m.StripeSize = ChunkSize * r.Data
		var err error
		if enc, err = reedsolomon.New(r.Data, r.Parity); err != nil {
			return nil, nil, err
		}
	}
	var blocks [][]byte
	for s := 0; s < m.stripes(); s++ {
		part := data[s*m.StripeSize : s*m.StripeSize+m.stripeBytes(s)]
		shards := [][]byte{append([]byte(nil), part...)}
		if enc != nil {
			size := m.chunkSize(s)
			shards = make([][]byte, r.Data+r.Parity)
			for i := range shards {
				shards[i] = make([]byte, size)
				if i < r.Data && i*size < len(part) {
					copy(shards[i], part[i*size:])
				}
			}
			if err := enc.Encode(shards); err != nil {
				return nil, nil, err
			}
		}
		for i, b := range shards {
			m.Chunks = append(m.Chunks, Chunk{CID: Sum(b), Size: len(b), Root: Root(b), Stripe: s, Shard: i})
			blocks = append(blocks, b)
		}
	}
	return m, blocks, m.Validate()
}

// Join rebuilds the file from the chunks that could be fetched (nil where
// a chunk is missing). Every present chunk must hash to its CID; an
// erasure-coded stripe needs Data of its shards.
func Join(m *Manifest, blocks [][]byte) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if len(blocks) != len(m.Chunks) {
		return nil, fmt.Errorf("%w: %d blocks for %d chunks", ErrBadManifest, len(blocks), len(m.Chunks))
	}
	blocks = append([][]byte(nil), blocks...)
	for i, b := range blocks {
		if b == nil && m.Chunks[i].Size == 0 && m.Chunks[i].CID == Sum(nil) {
			blocks[i] = []byte{} // an empty chunk needs no fetching
			continue
		}
		if b != nil && !m.Chunks[i].CID.Verify(b) {
			return nil, fmt.Errorf("%w: chunk %d (%s)", ErrChunkMismatch, i, m.Chunks[i].CID)
		}
	}
	out := make([]byte, 0, m.Size)
	per := m.shardsPerStripe()
	var dec reedsolomon.Encoder
	if m.Redundancy.Kind == Erasure {
		var err error
		if dec, err = reedsolomon.New(m.Redundancy.Data, m.Redundancy.Parity); err != nil {
			return nil, err
		}
	}
	for s := 0; s < m.stripes(); s++ {
		shards := append([][]byte(nil), blocks[s*per:(s+1)*per]...)
		if dec == nil {
			if shards[0] == nil {
				return nil, fmt.Errorf("%w: chunk %d missing", ErrUnrecoverable, s)
			}
			out = append(out, shards[0]...)
			continue
		}
		if err := dec.ReconstructData(shards); err != nil {
			return nil, fmt.Errorf("%w: stripe %d: %v", ErrUnrecoverable, s, err)
		}
		part := make([]byte, 0, m.stripeBytes(s))
		for i := 0; i < m.Redundancy.Data && len(part) < m.stripeBytes(s); i++ {
			part = append(part, shards[i]...)
		}
		out = append(out, part[:m.stripeBytes(s)]...)
	}
	return out, nil
}

// ErrBadRedundancy is returned for a redundancy string that does not parse.
var ErrBadRedundancy = errors.New("storage: redundancy: want erasure:DATA+PARITY (e.g. erasure:4+2) or replication:COPIES (e.g. replication:3)")

// ParseRedundancy reads "erasure:D+P" or "replication:N" and validates it.
func ParseRedundancy(s string) (Redundancy, error) {
	kind, rest, _ := strings.Cut(s, ":")
	var r Redundancy
	switch kind {
	case Erasure:
		d, p, ok := strings.Cut(rest, "+")
		a, err1 := strconv.Atoi(d)
		b, err2 := strconv.Atoi(p)
		if !ok || err1 != nil || err2 != nil {
			return r, fmt.Errorf("%w: %q", ErrBadRedundancy, s)
		}
		r = Redundancy{Kind: Erasure, Data: a, Parity: b}
	case Replication:
		n, err := strconv.Atoi(rest)
		if err != nil {
			return r, fmt.Errorf("%w: %q", ErrBadRedundancy, s)
		}
		r = Redundancy{Kind: Replication, Copies: n}
	default:
		return r, fmt.Errorf("%w: %q", ErrBadRedundancy, s)
	}
	return r, r.Validate()
}

// String writes r in the form ParseRedundancy reads.
func (r Redundancy) String() string {
	if r.Kind == Erasure {
		return fmt.Sprintf("erasure:%d+%d", r.Data, r.Parity)
	}
	return fmt.Sprintf("replication:%d", r.Copies)
}

// StoredBytes is how many bytes the file's chunks take on miners: every
// chunk once under erasure coding, Copies times under replication.
func (m *Manifest) StoredBytes() uint64 {
	copies := uint64(1)
	if m.Redundancy.Kind == Replication {
		copies = uint64(m.Redundancy.Copies)
	}
	var n uint64
	for _, c := range m.Chunks {
		n += uint64(c.Size) * copies
	}
	return n
}
