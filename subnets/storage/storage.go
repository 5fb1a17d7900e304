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
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
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

// DHTPeer asks a miner for its DHT node's peer id and addresses: clients
// bootstrap the subnet's DHT from the axons on chain with it, and map the
// DHT's holders back to axons.
type DHTPeer struct {
	synapse.Base
	PeerID string   `json:"peer_id"`
	Addrs  []string `json:"addrs"`
}

// RequiredHashFields implements synapse.Synapse.
func (*DHTPeer) RequiredHashFields() []string { return nil }

// ReleaseChunk tells a miner that the caller no longer needs a chunk it
// stored (a validator's old test chunks); the miner forgets the chunk
// once nobody who stored it needs it.
type ReleaseChunk struct {
	synapse.Base
	CID      string `json:"cid" bt:"required"`
	Released *bool  `json:"released"`
}

// RequiredHashFields implements synapse.Synapse.
func (*ReleaseChunk) RequiredHashFields() []string { return []string{"cid"} }

// Errors of the miner.
var (
	// ErrUnknownChunk is returned for a chunk the miner does not hold.
	ErrUnknownChunk = errors.New("storage: chunk not held")
	// ErrFull is returned when the miner's store is full.
	ErrFull = errors.New("storage: store full")
	// ErrNotStorer is returned for a release by a caller that did not
	// store the chunk.
	ErrNotStorer = errors.New("storage: the caller did not store this chunk")
	// ErrNoRouting is returned by a miner that runs no DHT node.
	ErrNoRouting = errors.New("storage: miner runs no DHT node")
)

// Store is a miner's chunks in memory, bounded by Capacity bytes.
type Store struct {
	mu       sync.Mutex
	chunks   map[st.CID][]byte
	storers  map[st.CID]map[string]bool // who stored each chunk (hotkeys, SS58)
	used     int64
	Capacity int64
	// Keep, if set, decides whether a chunk is really kept (a lazy miner
	// drops the rest while answering "stored").
	Keep func(st.CID) bool
}

// NewStore returns an empty store of capacity bytes.
func NewStore(capacity int64) *Store {
	return &Store{chunks: map[st.CID][]byte{}, storers: map[st.CID]map[string]bool{}, Capacity: capacity}
}

// Put keeps data under its CID, refusing bytes that do not match it.
func (s *Store) Put(cid st.CID, data []byte) error { return s.PutFor(cid, data, "") }

// PutFor is Put on behalf of storer (a hotkey), who may Release it later.
func (s *Store) PutFor(cid st.CID, data []byte, storer string) error {
	if len(data) > MaxChunkBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", st.ErrTooLarge, len(data), MaxChunkBytes)
	}
	if !cid.Verify(data) {
		return fmt.Errorf("%w: %s", st.ErrChunkMismatch, cid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.chunks[cid]; !ok && s.used+int64(len(data)) > s.Capacity {
		return ErrFull
	}
	if s.storers[cid] == nil {
		s.storers[cid] = map[string]bool{}
	}
	s.storers[cid][storer] = true
	if _, ok := s.chunks[cid]; ok {
		return nil
	}
	if s.Keep != nil && !s.Keep(cid) {
		return nil // dropped, as a lazy miner does
	}
	s.chunks[cid] = append([]byte(nil), data...)
	s.used += int64(len(data))
	return nil
}

// Release forgets that storer needs cid, and the chunk once no storer
// needs it.
func (s *Store) Release(cid st.CID, storer string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.storers[cid][storer] {
		return fmt.Errorf("%w: %s", ErrNotStorer, cid)
	}
	delete(s.storers[cid], storer)
	if len(s.storers[cid]) > 0 {
		return nil
	}
	delete(s.storers, cid)
	if d, ok := s.chunks[cid]; ok {
		s.used -= int64(len(d))
		delete(s.chunks, cid)
	}
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

// CIDs returns the CIDs of the chunks held, in byte order.
func (s *Store) CIDs() []st.CID {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]st.CID, 0, len(s.chunks))
	for c := range s.chunks {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b st.CID) int { return bytes.Compare(a[:], b[:]) })
	return out
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

// Miner is a storage miner's handlers: its store, and optionally its DHT
// node and an artificial delay.
type Miner struct {
	// Store keeps the chunks.
	Store *Store
	// Routing, if set, announces every stored chunk on the subnet's DHT
	// and answers DHTPeer; nil serves without content routing.
	Routing *routing.Node
	// Delay is added before every answer (a slow miner in demos and tests).
	Delay time.Duration
	// Logger receives announcement failures; nil means slog.Default().
	Logger *slog.Logger

	mu      sync.Mutex
	pending map[st.CID]bool // announcements that failed, retried by JoinDHT
}

// ErrUnpaidStore is the reason a miner refuses a StoreChunk from a caller
// without a validator permit: users store through a validator or a
// gateway, which charge for it.
var ErrUnpaidStore = errors.New("storage: stores are accepted from validators only (put through a gateway, which charges for storage)")

// Attach adds the miner's handlers over store to a.
func Attach(a *axon.Axon, store *Store) error { return (&Miner{Store: store}).Attach(a) }

// AttachTemplate adds the miner's handlers over store to a template miner.
func AttachTemplate(m *template.Miner, store *Store) error {
	return (&Miner{Store: store}).AttachTemplate(m)
}

// open is the blacklist of the synapses anyone may call: retrieval and
// the DHT address (the bytes are checked against their CID by the caller).
func open[S any](context.Context, S) (bool, string) { return false, "" }

// Attach adds the miner's handlers to a plain axon (whose default
// blacklist applies to StoreChunk and AuditChunk).
func (m *Miner) Attach(a *axon.Axon) error {
	return errors.Join(
		axon.Attach(a, axon.Handler[*StoreChunk]{Forward: m.storeForward}),
		axon.Attach(a, axon.Handler[*RetrieveChunk]{Forward: m.retrieveForward, Blacklist: open[*RetrieveChunk]}),
		axon.Attach(a, axon.Handler[*AuditChunk]{Forward: m.auditForward}),
		axon.Attach(a, axon.Handler[*ReleaseChunk]{Forward: m.releaseForward}),
		axon.Attach(a, axon.Handler[*DHTPeer]{Forward: m.peerForward, Blacklist: open[*DHTPeer]}),
	)
}

// AttachTemplate adds the miner's handlers to a template miner: a
// StoreChunk needs a caller with a validator permit (ErrUnpaidStore),
// an AuditChunk a registered caller, and anyone may retrieve a chunk or ask
// for the miner's DHT address.
func (m *Miner) AttachTemplate(t *template.Miner) error {
	paid := func(_ context.Context, s *StoreChunk) (bool, string) {
		if bl, reason := t.Blacklist(s); bl {
			return bl, reason
		}
		pk, err := keys.ParseSS58(s.Dendrite.Hotkey)
		if err != nil {
			return false, "" // verification answers it with 401
		}
		snap := t.Metagraph().Snapshot()
		if snap == nil {
			return true, ErrUnpaidStore.Error() // no metagraph yet: nobody's permit is known
		}
		if uid, ok := snap.UIDOf(pk); !ok || !snap.ValidatorPermit[uid] {
			return true, ErrUnpaidStore.Error()
		}
		return false, ""
	}
	return errors.Join(
		template.Attach(t, axon.Handler[*StoreChunk]{Forward: m.storeForward, Blacklist: paid}),
		template.Attach(t, axon.Handler[*RetrieveChunk]{Forward: m.retrieveForward, Blacklist: open[*RetrieveChunk]}),
		template.Attach(t, axon.Handler[*AuditChunk]{Forward: m.auditForward}),
		template.Attach(t, axon.Handler[*ReleaseChunk]{Forward: m.releaseForward}),
		template.Attach(t, axon.Handler[*DHTPeer]{Forward: m.peerForward, Blacklist: open[*DHTPeer]}),
	)
}

// wait sleeps for the miner's Delay.
func (m *Miner) wait(ctx context.Context) {
	if m.Delay <= 0 {
		return
	}
	t := time.NewTimer(m.Delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// encode is the synapses' form of bytes.
func encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// storeForward keeps a StoreChunk's chunk and announces it on the DHT.
func (m *Miner) storeForward(ctx context.Context, s *StoreChunk) error {
	m.wait(ctx)
	cid, err := st.ParseCID(s.CID)
	if err != nil {
		return badRequest(err)
	}
	data, err := base64.StdEncoding.DecodeString(s.Data)
	if err != nil {
		return badRequest(fmt.Errorf("storage: data is not base64: %w", err))
	}
	if err := m.Store.PutFor(cid, data, s.Dendrite.Hotkey); err != nil {
		return badRequest(err)
	}
	m.announce(ctx, cid)
	ok := true
	s.Stored, s.Data = &ok, ""
	return nil
}

// retrieveForward serves a RetrieveChunk from the store.
func (m *Miner) retrieveForward(ctx context.Context, s *RetrieveChunk) error {
	m.wait(ctx)
	cid, err := st.ParseCID(s.CID)
	if err != nil {
		return badRequest(err)
	}
	d, err := m.Store.Get(cid)
	if err != nil {
		return &axon.Error{Code: 404, Message: err.Error()}
	}
	s.Data = encode(d)
	return nil
}

// releaseForward forgets a chunk the caller stored.
func (m *Miner) releaseForward(_ context.Context, s *ReleaseChunk) error {
	cid, err := st.ParseCID(s.CID)
	if err != nil {
		return badRequest(err)
	}
	if err := m.Store.Release(cid, s.Dendrite.Hotkey); err != nil {
		return &axon.Error{Code: 403, Message: err.Error()}
	}
	ok := true
	s.Released = &ok
	return nil
}

// auditForward answers an AuditChunk from the store.
func (m *Miner) auditForward(ctx context.Context, s *AuditChunk) error {
	m.wait(ctx)
	c, err := challengeOf(s)
	if err != nil {
		return badRequest(err)
	}
	d, err := m.Store.Get(c.CID)
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

// peerForward answers a DHTPeer with the miner's DHT node.
func (m *Miner) peerForward(_ context.Context, s *DHTPeer) error {
	if m.Routing == nil {
		return &axon.Error{Code: 404, Message: ErrNoRouting.Error()}
	}
	s.PeerID, s.Addrs = m.Routing.ID(), m.Routing.Addrs()
	return nil
}

// announce tells the DHT that the miner holds cid, within
// handlerAnnounceTimeout (the store's answer waits for it). A failure is
// logged, not returned: the chunk is stored, and JoinDHT retries the
// announcement at its next pass.
func (m *Miner) announce(ctx context.Context, cid st.CID) bool {
	if m.Routing == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), handlerAnnounceTimeout)
	defer cancel()
	err := m.Routing.Provide(ctx, cid)
	m.mu.Lock()
	if m.pending == nil {
		m.pending = map[st.CID]bool{}
	}
	if err != nil {
		m.pending[cid] = true
	} else {
		delete(m.pending, cid)
	}
	m.mu.Unlock()
	if err != nil {
		log := m.Logger
		if log == nil {
			log = slog.Default()
		}
		level := slog.LevelWarn
		if errors.Is(err, routing.ErrNoPeers) {
			level = slog.LevelDebug // not joined yet: JoinDHT announces it once joined
		}
		log.Log(ctx, level, "storage: announcing a chunk", "cid", cid, "err", err)
	}
	return err == nil
}

// handlerAnnounceTimeout bounds the announcement a store waits for.
const handlerAnnounceTimeout = 3 * time.Second

// retryAnnouncements announces again the chunks whose announcement failed
// and returns how many are still pending.
func (m *Miner) retryAnnouncements(ctx context.Context) int {
	m.mu.Lock()
	var cids []st.CID
	for c := range m.pending {
		cids = append(cids, c)
	}
	m.mu.Unlock()
	slices.SortFunc(cids, func(a, b st.CID) int { return bytes.Compare(a[:], b[:]) })
	left := 0
	for _, c := range cids {
		if ctx.Err() != nil || !m.announce(ctx, c) {
			left++
		}
	}
	return left
}

// Announce re-announces every chunk in the store (after the DHT's provider
// records expire, or once the miner has DHT peers) and returns how many.
func (m *Miner) Announce(ctx context.Context) int {
	cids := m.Store.CIDs()
	for _, c := range cids {
		if ctx.Err() != nil {
			break
		}
		m.announce(ctx, c)
	}
	return len(cids)
}
