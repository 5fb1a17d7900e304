package history

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/cockroachdb/pebble"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// Key prefixes of the index database.
const (
	prefixMeta   = 'm' // m -> last indexed height (u64 BE)
	prefixSnap   = 's' // s netuid(2) last_step(8) -> Snapshot JSON
	prefixTx     = 'a' // a pubkey(32) height(8) index(4) -> TxRef JSON
	prefixEvent  = 'e' // e kind NUL height(8) seq(4) -> EventRef JSON
	prefixHeight = 'h' // h height(8) -> keys written for that height (for pruning)
	prefixBlock  = 'b' // b hash -> height (u64 BE)
)

// DefaultRetainBlocks is how many recent blocks the index keeps.
const DefaultRetainBlocks = 200_000

// ErrClosed is returned once the index is closed.
var ErrClosed = errors.New("history: index closed")

// Index is the history index over one node.
type Index struct {
	db     *pebble.DB
	src    api.Backend
	retain int64
	log    *slog.Logger

	mu      sync.Mutex // serialises Sync
	closed  bool
	indexed int64
}

// Options configure Open.
type Options struct {
	// RetainBlocks bounds the index to the most recent blocks (default DefaultRetainBlocks).
	RetainBlocks int64
	// Logger receives indexing errors (default: discard).
	Logger *slog.Logger
}

// Open opens (creating when missing) the index database in dir over src.
func Open(dir string, src api.Backend, opts Options) (*Index, error) {
	db, err := pebble.Open(dir, &pebble.Options{})
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", dir, err)
	}
	if opts.RetainBlocks <= 0 {
		opts.RetainBlocks = DefaultRetainBlocks
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	ix := &Index{db: db, src: src, retain: opts.RetainBlocks, log: opts.Logger}
	v, closer, err := db.Get([]byte{prefixMeta})
	switch {
	case err == nil:
		if len(v) != 8 {
			closer.Close()
			db.Close()
			return nil, fmt.Errorf("history: %w: meta record of %d bytes", ErrCorrupt, len(v))
		}
		ix.indexed = int64(binary.BigEndian.Uint64(v))
		closer.Close()
	case errors.Is(err, pebble.ErrNotFound):
	default:
		db.Close()
		return nil, fmt.Errorf("history: read meta: %w", err)
	}
	return ix, nil
}

// blockBaser is implemented by a backend that knows its lowest block.
type blockBaser interface {
	// BlockBase returns the lowest height whose block the node still has.
	BlockBase() int64
}

// ErrCorrupt reports an index record that does not decode.
var ErrCorrupt = errors.New("history: corrupt index")

// Close closes the database.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.db.Close()
}

// Indexed is the last height whose block is in the index.
func (ix *Index) Indexed() int64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.indexed
}

// Run indexes every committed block until ctx ends: first the blocks the
// index misses (all of them when it was rebuilt), then each new block as the
// node announces it.
func (ix *Index) Run(ctx context.Context) {
	blocks, cancel := ix.src.Subscribe()
	defer cancel()
	for {
		if err := ix.Sync(ctx); err != nil && !errors.Is(err, ErrClosed) && ctx.Err() == nil {
			ix.log.Warn("history: sync failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case _, ok := <-blocks:
			if !ok {
				return
			}
		}
	}
}

// Sync indexes every committed block after the last indexed one, then
// snapshots each subnet whose latest epoch is not yet recorded.
func (ix *Index) Sync(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	v, err := ix.src.View()
	if err != nil {
		return fmt.Errorf("history: view: %w", err)
	}
	defer v.Close()
	top := v.Version()
	// Blocks below the node's base (pruned, or never had: state sync) and
	// blocks that would fall out of the window at once are not fetched.
	from := max(ix.indexed+1, top-ix.retain+1)
	if b, ok := ix.src.(blockBaser); ok {
		from = max(from, b.BlockBase())
	}
	for h := from; h <= top; h++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b, err := ix.src.Block(ctx, h)
		if err != nil {
			return fmt.Errorf("history: block %d: %w", h, err)
		}
		if err := ix.indexBlock(b); err != nil {
			return err
		}
		ix.indexed = h
	}
	if ix.indexed != top {
		return nil
	}
	batch := ix.db.NewBatch()
	defer batch.Close()
	var written []byte
	for _, id := range subtensor.Netuids(v) {
		m, ok := api.BuildMetagraph(v, top, id, true)
		if !ok || m.Subnet.LastStep == 0 {
			continue
		}
		k := snapKey(id, m.Subnet.LastStep)
		if _, c, err := ix.db.Get(k); err == nil {
			c.Close()
			continue
		}
		val, err := json.Marshal(snapshotOf(m))
		if err != nil {
			return fmt.Errorf("history: encode snapshot: %w", err)
		}
		_ = batch.Set(k, val, nil)
		written = appendKey(written, k)
	}
	if len(written) == 0 {
		return nil
	}
	hk := heightKey(top)
	prev, c, err := ix.db.Get(hk)
	if err == nil {
		written = append(append([]byte(nil), prev...), written...)
		c.Close()
	}
	_ = batch.Set(hk, written, nil)
	if err := batch.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("history: write snapshot: %w", err)
	}
	return nil
}

// indexBlock writes one block's txs and events and the new indexed height in
// one synced batch, then prunes what fell out of the window.
func (ix *Index) indexBlock(b *apitypes.BlockInfo) error {
	batch := ix.db.NewBatch()
	defer batch.Close()
	var written []byte
	put := func(k []byte, v any) error {
		val, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("history: encode: %w", err)
		}
		_ = batch.Set(k, val, nil)
		written = appendKey(written, k)
		return nil
	}
	if hb, err := hex.DecodeString(strings.TrimPrefix(b.Hash, "0x")); err == nil && len(hb) > 0 {
		k := append([]byte{prefixBlock}, hb...)
		_ = batch.Set(k, binary.BigEndian.AppendUint64(nil, uint64(b.Height)), nil)
		written = appendKey(written, k)
	}
	seq := uint32(0)
	addEvent := func(e EventRef) error {
		seq++
		return put(eventKey(e.Type, b.Height, seq), e)
	}
	for _, t := range b.Txs {
		ref := TxRef{Hash: t.Hash, Height: b.Height, Index: t.Index, Call: t.Result.Call,
			Code: t.Result.Code, Error: t.Result.Error, Fee: t.Result.Fee, Time: b.Time}
		accounts := map[keys.PublicKey]bool{}
		if raw, err := hex.DecodeString(strings.TrimPrefix(t.Tx, "0x")); err == nil {
			if d, err := tx.Decode(raw); err == nil {
				accounts[d.Signer] = true
				ref.Signer = d.Signer.SS58()
			}
		}
		for _, e := range t.Result.Events {
			for _, a := range e.Attrs {
				if pk, err := keys.ParsePublicKey(a.Value); err == nil && len(a.Value) >= 46 {
					accounts[pk] = true
				}
			}
			if err := addEvent(EventRef{Height: b.Height, Tx: t.Hash, Type: e.Type, Attrs: e.Attrs}); err != nil {
				return err
			}
		}
		for pk := range accounts { // each key is written once; order does not matter
			if err := put(txKey(pk, b.Height, t.Index), ref); err != nil {
				return err
			}
		}
	}
	for _, e := range b.Events {
		if err := addEvent(EventRef{Height: b.Height, Type: e.Type, Attrs: e.Attrs}); err != nil {
			return err
		}
	}
	if len(written) > 0 {
		_ = batch.Set(heightKey(b.Height), written, nil)
	}
	var hv [8]byte
	binary.BigEndian.PutUint64(hv[:], uint64(b.Height))
	_ = batch.Set([]byte{prefixMeta}, hv[:], nil)
	if err := ix.prune(batch, b.Height-ix.retain); err != nil {
		return err
	}
	if err := batch.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("history: write block %d: %w", b.Height, err)
	}
	return nil
}

// prune deletes the records written at heights up to cutoff.
func (ix *Index) prune(batch *pebble.Batch, cutoff int64) error {
	if cutoff <= 0 {
		return nil
	}
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: heightKey(0), UpperBound: heightKey(cutoff + 1)})
	if err != nil {
		return fmt.Errorf("history: prune: %w", err)
	}
	defer it.Close()
	for it.First(); it.Valid(); it.Next() {
		ks, err := splitKeys(it.Value())
		if err != nil {
			return err
		}
		for _, k := range ks {
			_ = batch.Delete(k, nil)
		}
		_ = batch.Delete(append([]byte(nil), it.Key()...), nil)
	}
	return it.Error()
}

func heightKey(h int64) []byte {
	k := []byte{prefixHeight}
	return binary.BigEndian.AppendUint64(k, uint64(h))
}

func snapKey(netuid uint16, step uint64) []byte {
	k := binary.BigEndian.AppendUint16([]byte{prefixSnap}, netuid)
	return binary.BigEndian.AppendUint64(k, step)
}

func txKey(pk keys.PublicKey, h int64, idx uint32) []byte {
	k := append([]byte{prefixTx}, pk[:]...)
	k = binary.BigEndian.AppendUint64(k, uint64(h))
	return binary.BigEndian.AppendUint32(k, idx)
}

func eventPrefix(kind string) []byte {
	k := append([]byte{prefixEvent}, kind...)
	return append(k, 0)
}

func eventKey(kind string, h int64, seq uint32) []byte {
	k := binary.BigEndian.AppendUint64(eventPrefix(kind), uint64(h))
	return binary.BigEndian.AppendUint32(k, seq)
}

// appendKey appends k length-prefixed to a key list.
func appendKey(list, k []byte) []byte {
	list = binary.AppendUvarint(list, uint64(len(k)))
	return append(list, k...)
}

// splitKeys decodes a key list written by appendKey.
func splitKeys(b []byte) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, fmt.Errorf("%w: key list", ErrCorrupt)
		}
		out = append(out, append([]byte(nil), b[w:w+int(n)]...))
		b = b[w+int(n):]
	}
	return out, nil
}
