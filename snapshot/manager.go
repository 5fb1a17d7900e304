package snapshot

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/store"
)

// DefaultKeepRecent is the number of snapshots kept when Options.KeepRecent is 0.
const DefaultKeepRecent = 2

// ErrNotFound is returned by LoadChunk for a snapshot or chunk this node
// does not have.
var ErrNotFound = errors.New("snapshot: not found")

// Options configure a Manager.
type Options struct {
	// Interval is the number of blocks between snapshots; 0 disables
	// taking snapshots (the node still restores them).
	Interval uint64
	// KeepRecent is the number of most recent snapshots kept (0: DefaultKeepRecent).
	KeepRecent int
	// ChunkSize is the target chunk size in bytes (0: DefaultChunkSize).
	ChunkSize int
	// Logger receives progress and failures (default: discard).
	Logger *slog.Logger
}

// Source is a committed state to snapshot (a *store.View).
type Source interface {
	Version() int64
	AppHash() []byte
	Export(batch int, fn func([]store.Pair) error) error
	Close() error
}

// Manager keeps the snapshots of one node in a folder: it takes them every
// Interval blocks, prunes all but the KeepRecent newest and serves them to
// peers. It is safe for concurrent use.
type Manager struct {
	dir  string
	opts Options
	log  *slog.Logger

	mu      sync.Mutex
	running bool          // a snapshot is being written
	idle    chan struct{} // closed when no snapshot is being written
}

// record is a snapshot's descriptor on disk (<dir>/<height>/snapshot.json).
type record struct {
	Height   uint64          `json:"height"`
	Format   uint32          `json:"format"`
	Chunks   uint32          `json:"chunks"`
	Hash     string          `json:"hash"`
	Metadata json.RawMessage `json:"metadata"`
}

// Open returns a manager over dir, creating it, and removes the leftovers of
// a snapshot whose writing was interrupted.
func Open(dir string, opts Options) (*Manager, error) {
	if opts.KeepRecent <= 0 {
		opts.KeepRecent = DefaultKeepRecent
	}
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = DefaultChunkSize
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return nil, fmt.Errorf("snapshot: remove partial snapshot: %w", err)
			}
		}
	}
	idle := make(chan struct{})
	close(idle)
	return &Manager{dir: dir, opts: opts, log: log, idle: idle}, nil
}

// Interval returns the number of blocks between snapshots (0: none taken).
func (m *Manager) Interval() uint64 { return m.opts.Interval }

// Due reports whether a snapshot is to be taken at height.
func (m *Manager) Due(height int64) bool {
	return m.opts.Interval > 0 && height > 0 && uint64(height)%m.opts.Interval == 0
}

// CreateAsync writes a snapshot of src in the background and closes src.
// If a snapshot is still being written, src is skipped (and closed): a
// slow disk makes snapshots rarer, never blocks consensus.
func (m *Manager) CreateAsync(src Source) {
	m.mu.Lock()
	if m.running {
		m.mu.Unlock()
		m.log.Warn("snapshot skipped: the previous one is still being written", "height", src.Version())
		src.Close()
		return
	}
	m.running = true
	m.idle = make(chan struct{})
	m.mu.Unlock()
	go func() {
		defer func() {
			m.mu.Lock()
			m.running = false
			close(m.idle)
			m.mu.Unlock()
		}()
		if err := m.Create(src); err != nil {
			m.log.Error("snapshot failed", "height", src.Version(), "err", err)
		}
	}()
}

// Wait blocks until no snapshot is being written.
func (m *Manager) Wait() {
	m.mu.Lock()
	idle := m.idle
	m.mu.Unlock()
	<-idle
}

// Create writes a snapshot of src, closes src and prunes old snapshots.
func (m *Manager) Create(src Source) error {
	defer src.Close()
	height := src.Version()
	if height <= 0 {
		return fmt.Errorf("snapshot: nothing committed to snapshot")
	}
	final := filepath.Join(m.dir, strconv.FormatInt(height, 10))
	if _, err := os.Stat(final); err == nil {
		return nil // already taken (a restart replayed this height)
	}
	tmp, err := os.MkdirTemp(m.dir, ".tmp-")
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer os.RemoveAll(tmp)

	meta := Metadata{AppHash: hex.EncodeToString(src.AppHash()), ChunkHashes: []string{}}
	var chunk []byte
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		if len(meta.ChunkHashes) >= MaxChunks {
			return fmt.Errorf("snapshot: state needs more than %d chunks", MaxChunks)
		}
		name := filepath.Join(tmp, strconv.Itoa(len(meta.ChunkHashes)))
		if err := writeFileSync(name, chunk); err != nil {
			return err
		}
		meta.ChunkHashes = append(meta.ChunkHashes, chunkHash(chunk))
		chunk = chunk[:0]
		return nil
	}
	err = src.Export(1024, func(ps []store.Pair) error {
		for _, p := range ps {
			chunk = appendPair(chunk, p)
			meta.Pairs++
			if len(chunk) >= m.opts.ChunkSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("snapshot: height %d: %w", height, err)
	}
	if len(meta.ChunkHashes) == 0 {
		return fmt.Errorf("snapshot: height %d: empty state", height)
	}
	rec := record{
		Height: uint64(height), Format: Format, Chunks: uint32(len(meta.ChunkHashes)),
		Hash: hex.EncodeToString(meta.snapshotHash()), Metadata: meta.encode(),
	}
	b, _ := json.MarshalIndent(rec, "", "  ")
	if err := writeFileSync(filepath.Join(tmp, "snapshot.json"), b); err != nil {
		return fmt.Errorf("snapshot: height %d: %w", height, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("snapshot: height %d: %w", height, err)
	}
	syncDir(m.dir)
	m.log.Info("snapshot taken", "height", height, "chunks", rec.Chunks, "pairs", meta.Pairs)
	return m.prune()
}

// prune removes all but the KeepRecent newest snapshots.
func (m *Manager) prune() error {
	hs, err := m.heights()
	if err != nil {
		return err
	}
	for len(hs) > m.opts.KeepRecent {
		if err := os.RemoveAll(filepath.Join(m.dir, strconv.FormatUint(hs[0], 10))); err != nil {
			return fmt.Errorf("snapshot: prune: %w", err)
		}
		hs = hs[1:]
	}
	return nil
}

// heights lists the heights of the complete snapshots on disk, oldest first.
func (m *Manager) heights() ([]uint64, error) {
	ents, err := os.ReadDir(m.dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	var hs []uint64
	for _, e := range ents {
		h, err := strconv.ParseUint(e.Name(), 10, 64)
		if err != nil || !e.IsDir() || h == 0 {
			continue
		}
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	return hs, nil
}

// Oldest returns the height of the oldest snapshot kept, 0 if none.
func (m *Manager) Oldest() int64 {
	hs, err := m.heights()
	if err != nil || len(hs) == 0 {
		return 0
	}
	return int64(hs[0])
}

// List returns the snapshots this node serves, newest first.
func (m *Manager) List() ([]*abci.Snapshot, error) {
	hs, err := m.heights()
	if err != nil {
		return nil, err
	}
	out := make([]*abci.Snapshot, 0, len(hs))
	for i := len(hs) - 1; i >= 0; i-- {
		rec, err := m.load(hs[i])
		if err != nil {
			m.log.Warn("snapshot unreadable, not served", "height", hs[i], "err", err)
			continue
		}
		hash, _ := hex.DecodeString(rec.Hash)
		out = append(out, &abci.Snapshot{Height: rec.Height, Format: rec.Format, Chunks: rec.Chunks, Hash: hash, Metadata: rec.Metadata})
	}
	return out, nil
}

func (m *Manager) load(height uint64) (*record, error) {
	b, err := os.ReadFile(filepath.Join(m.dir, strconv.FormatUint(height, 10), "snapshot.json"))
	if err != nil {
		return nil, err
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMetadata, err)
	}
	return &rec, nil
}

// LoadChunk returns chunk index of the snapshot at height in format.
func (m *Manager) LoadChunk(height uint64, format, index uint32) ([]byte, error) {
	if format != Format {
		return nil, fmt.Errorf("%w: format %d", ErrNotFound, format)
	}
	rec, err := m.load(height)
	if err != nil {
		return nil, fmt.Errorf("%w: height %d", ErrNotFound, height)
	}
	if index >= rec.Chunks {
		return nil, fmt.Errorf("%w: chunk %d of %d", ErrNotFound, index, rec.Chunks)
	}
	b, err := os.ReadFile(filepath.Join(m.dir, strconv.FormatUint(height, 10), strconv.FormatUint(uint64(index), 10)))
	if err != nil {
		return nil, fmt.Errorf("%w: chunk %d: %v", ErrNotFound, index, err)
	}
	return b, nil
}

func writeFileSync(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir fsyncs a folder so a rename in it is durable (best effort).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
