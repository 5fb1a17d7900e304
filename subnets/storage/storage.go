// Package storage is taonet's storage subnet on the template: miners keep
// content-addressed chunks (package storage for the data model) and serve
// them; validators audit them with Merkle challenges; clients put and get
// files spread over miners of distinct coldkeys, with erasure coding or
// replication.
//
// Synapses: StoreChunk (put a chunk; the miner checks it hashes to its
// CID), RetrieveChunk (get it back; the client checks the CID), and
// AuditChunk (a seeded leaf challenge answered with the leaf and its
// Merkle path).
package storage

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"github.com/taonet/taonet/axon"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
)

// MaxChunkBytes bounds a stored chunk (the data model's chunk size).
const MaxChunkBytes = st.ChunkSize

// StoreChunk asks a miner to keep a chunk.
type StoreChunk struct {
	synapse.Base
	CID string `json:"cid" bt:"required"`
	// Data is the chunk, base64 (standard, padded), as the reference's
	// synapses carry bytes.
	Data   string `json:"data" bt:"required"`
	Stored *bool  `json:"stored"`
}

// RequiredHashFields implements synapse.Synapse: the signature covers the chunk.
func (*StoreChunk) RequiredHashFields() []string { return []string{"cid", "data"} }

// RetrieveChunk asks a miner for a chunk's bytes.
type RetrieveChunk struct {
	synapse.Base
	CID  string `json:"cid" bt:"required"`
	Data string `json:"data"` // base64
}

// RequiredHashFields implements synapse.Synapse.
func (*RetrieveChunk) RequiredHashFields() []string { return []string{"cid"} }

// AuditChunk is a validator's challenge: the seed picks a leaf of the
// chunk; the miner answers with the leaf and its Merkle path (hex hashes).
type AuditChunk struct {
	synapse.Base
	CID      string   `json:"cid" bt:"required"`
	Seed     string   `json:"seed" bt:"required"`
	Deadline int64    `json:"deadline" bt:"required"`
	Leaf     string   `json:"leaf"` // base64
	Path     []string `json:"path"`
}

// RequiredHashFields implements synapse.Synapse.
func (*AuditChunk) RequiredHashFields() []string { return []string{"cid", "seed", "deadline"} }

// Errors of the miner.
var (
	// ErrUnknownChunk is returned for a chunk the miner does not hold.
	ErrUnknownChunk = errors.New("storage: chunk not held")
	// ErrFull is returned when the miner's store is full.
	ErrFull = errors.New("storage: store full")
)

// Store is a miner's chunks in memory, bounded by Capacity bytes.
type Store struct {
	mu       sync.Mutex
	chunks   map[st.CID][]byte
	used     int64
	Capacity int64
	// Keep, if set, decides whether a chunk is really kept (a lazy miner
	// drops the rest while answering "stored").
	Keep func(st.CID) bool
}

// NewStore returns an empty store of capacity bytes.
func NewStore(capacity int64) *Store {
	return &Store{chunks: map[st.CID][]byte{}, Capacity: capacity}
}

// Put keeps data under its CID, refusing bytes that do not match it.
func (s *Store) Put(cid st.CID, data []byte) error {
	if len(data) > MaxChunkBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", st.ErrTooLarge, len(data), MaxChunkBytes)
	}
	if !cid.Verify(data) {
		return fmt.Errorf("%w: %s", st.ErrChunkMismatch, cid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.chunks[cid]; ok {
		return nil
	}
	if s.used+int64(len(data)) > s.Capacity {
		return ErrFull
	}
	if s.Keep != nil && !s.Keep(cid) {
		return nil // dropped, as a lazy miner does
	}
	s.chunks[cid] = append([]byte(nil), data...)
	s.used += int64(len(data))
	return nil
}

// Get returns a chunk's bytes.
func (s *Store) Get(cid st.CID) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.chunks[cid]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownChunk, cid)
	}
	return d, nil
}

// Drop forgets a chunk (tests: a miner losing data).
func (s *Store) Drop(cid st.CID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.chunks[cid]; ok {
		s.used -= int64(len(d))
		delete(s.chunks, cid)
	}
}

func badRequest(err error) error { return &axon.Error{Code: 400, Message: err.Error()} }

// Attach adds the miner's three handlers over store to a.
func Attach(a *axon.Axon, store *Store) error {
	if err := axon.Attach(a, axon.Handler[*StoreChunk]{Forward: storeForward(store)}); err != nil {
		return err
	}
	if err := axon.Attach(a, axon.Handler[*RetrieveChunk]{Forward: retrieveForward(store)}); err != nil {
		return err
	}
	return axon.Attach(a, axon.Handler[*AuditChunk]{Forward: auditForward(store)})
}

// encode is the synapses' form of bytes.
func encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// storeForward keeps a StoreChunk's chunk in store.
func storeForward(store *Store) func(context.Context, *StoreChunk) error {
	return func(_ context.Context, s *StoreChunk) error {
		cid, err := st.ParseCID(s.CID)
		if err != nil {
			return badRequest(err)
		}
		data, err := base64.StdEncoding.DecodeString(s.Data)
		if err != nil {
			return badRequest(fmt.Errorf("storage: data is not base64: %w", err))
		}
		if err := store.Put(cid, data); err != nil {
			return badRequest(err)
		}
		ok := true
		s.Stored, s.Data = &ok, ""
		return nil
	}
}

// retrieveForward serves a RetrieveChunk from store.
func retrieveForward(store *Store) func(context.Context, *RetrieveChunk) error {
	return func(_ context.Context, s *RetrieveChunk) error {
		cid, err := st.ParseCID(s.CID)
		if err != nil {
			return badRequest(err)
		}
		d, err := store.Get(cid)
		if err != nil {
			return &axon.Error{Code: 404, Message: err.Error()}
		}
		s.Data = encode(d)
		return nil
	}
}

// auditForward answers an AuditChunk from store.
func auditForward(store *Store) func(context.Context, *AuditChunk) error {
	return func(_ context.Context, s *AuditChunk) error {
		c, err := challengeOf(s)
		if err != nil {
			return badRequest(err)
		}
		d, err := store.Get(c.CID)
		if err != nil {
			return &axon.Error{Code: 404, Message: err.Error()}
		}
		p, err := st.Answer(c, d)
		if err != nil {
			return badRequest(err)
		}
		s.Leaf = encode(p.Leaf)
		s.Path = make([]string, len(p.Path))
		for i, h := range p.Path {
			s.Path[i] = hex.EncodeToString(h[:])
		}
		return nil
	}
}

// challengeOf reads the challenge of an audit request.
func challengeOf(s *AuditChunk) (st.Challenge, error) {
	c := st.Challenge{Deadline: s.Deadline}
	cid, err := st.ParseCID(s.CID)
	if err != nil {
		return c, err
	}
	seed, err := hex.DecodeString(s.Seed)
	if err != nil || len(seed) != 32 {
		return c, fmt.Errorf("storage: audit seed %q: want 64 hex digits", s.Seed)
	}
	c.CID = cid
	copy(c.Seed[:], seed)
	return c, nil
}

// proofOf reads the proof of an audit answer.
func proofOf(s *AuditChunk, cid st.CID) (st.Proof, error) {
	leaf, err := base64.StdEncoding.DecodeString(s.Leaf)
	if err != nil {
		return st.Proof{}, fmt.Errorf("%w: leaf is not base64", st.ErrWrongProof)
	}
	p := st.Proof{CID: cid, Leaf: leaf}
	for _, h := range s.Path {
		raw, err := hex.DecodeString(h)
		if err != nil || len(raw) != 32 {
			return p, fmt.Errorf("%w: path hash %q", st.ErrWrongProof, h)
		}
		var x st.Hash
		copy(x[:], raw)
		p.Path = append(p.Path, x)
	}
	return p, nil
}

// AttachTemplate adds the miner's three handlers over store to a template
// miner.
func AttachTemplate(m *template.Miner, store *Store) error {
	if err := template.Attach(m, axon.Handler[*StoreChunk]{Forward: storeForward(store)}); err != nil {
		return err
	}
	if err := template.Attach(m, axon.Handler[*RetrieveChunk]{Forward: retrieveForward(store)}); err != nil {
		return err
	}
	return template.Attach(m, axon.Handler[*AuditChunk]{Forward: auditForward(store)})
}
