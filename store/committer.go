package store

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// Backend key layout. Application keys live under appPrefix (0x01); the
// Committer's metadata lives under 0x00, out of reach of application writes.
var (
	appPrefix = []byte{0x01}
	// metaKey holds metaFormat ‖ uint64be(version) ‖ LtHash accumulator.
	metaKey = []byte{0x00, 'm', 'e', 't', 'a'}
)

// metaFormat is the first byte of the metadata value.
const metaFormat = 1

// metaLen is the length of the metadata value.
const metaLen = 1 + 8 + ltBytes

// encodeMeta encodes the committed version and accumulator.
func encodeMeta(version int64, acc *ltHash) []byte {
	b := make([]byte, 0, metaLen)
	b = append(b, metaFormat)
	b = binary.BigEndian.AppendUint64(b, uint64(version))
	return append(b, acc.bytes()...)
}

// decodeMeta decodes a metadata value written by encodeMeta.
func decodeMeta(b []byte) (int64, *ltHash, error) {
	if len(b) != metaLen {
		return 0, nil, fmt.Errorf("%w: metadata is %d bytes, want %d", ErrCorrupt, len(b), metaLen)
	}
	if b[0] != metaFormat {
		return 0, nil, fmt.Errorf("%w: unknown metadata format %d", ErrCorrupt, b[0])
	}
	v := binary.BigEndian.Uint64(b[1:9])
	if v == 0 || v > 1<<63-1 {
		return 0, nil, fmt.Errorf("%w: invalid version %d", ErrCorrupt, v)
	}
	acc := new(ltHash)
	acc.setBytes(b[9:])
	return int64(v), acc, nil
}

// appKey maps an application key to its backend key.
func appKey(key []byte) []byte {
	k := make([]byte, 0, len(appPrefix)+len(key))
	return append(append(k, appPrefix...), key...)
}

// Committer keeps versioned, hashed application state in a Backend. It
// stores the version (block height) and the LtHash accumulator in a metadata
// key range that application keys cannot reach; application keys are stored
// under a one-byte prefix, invisible to users.
//
// The write side (Begin, Prepare, Commit) is meant for one goroutine, the
// ABCI connection; it is nevertheless serialized internally. The read side
// (Version, AppHash, Info, Reader, View) is safe for concurrent use with it.
type Committer struct {
	b Backend

	// wmu serializes Prepare and Commit.
	wmu sync.Mutex
	// vecs caches pair vectors for Prepare (guarded by wmu).
	vecs vectorCache

	// mu guards the fields below.
	mu      sync.Mutex
	version int64
	acc     ltHash
	hash    []byte
	cur     *snapRef // snapshot of the committed state
	closed  bool
	// reads memoizes point reads of cur (see readcache.go).
	reads readCache
}

// snapRef is a reference-counted backend snapshot; it is closed when the
// last reference goes.
type snapRef struct {
	s    Snapshot
	refs int // guarded by Committer.mu
}

// Open loads the committed version and app hash from b. A new (empty)
// backend has version 0 and the hash of the empty state. A restore that was
// interrupted (see BeginRestore) is wiped, leaving an empty store. Open returns an
// error wrapping ErrCorrupt if the metadata is malformed or missing while
// application keys exist. The caller keeps ownership of b and closes it
// after closing the Committer.
func Open(b Backend) (*Committer, error) {
	if m := b.Get(restoreKey); m != nil && b.Get(metaKey) == nil {
		// A restore (state sync) was cut short: drop its partial state.
		if err := wipeRestore(b); err != nil {
			return nil, err
		}
	}
	s := b.Snapshot()
	c := &Committer{b: b, cur: &snapRef{s: s, refs: 1}}
	if m := s.Get(metaKey); m != nil {
		v, acc, err := decodeMeta(m)
		if err != nil {
			s.Close()
			return nil, err
		}
		c.version, c.acc = v, *acc
	} else {
		it := s.Iterator(appPrefix, PrefixEnd(appPrefix))
		found := it.Valid()
		it.Close()
		if found {
			s.Close()
			return nil, fmt.Errorf("%w: application keys without metadata", ErrCorrupt)
		}
	}
	c.hash = c.acc.sum()
	return c, nil
}

// EmptyAppHash returns the app hash of the empty state (what a new store
// reports before its first Commit).
func EmptyAppHash() []byte {
	var zero ltHash
	return zero.sum()
}

// Version returns the last committed version (0 before the first Commit).
func (c *Committer) Version() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// AppHash returns the 32-byte app hash of the last committed state. The
// result is a fresh copy.
func (c *Committer) AppHash() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return clone(c.hash)
}

// Info returns the last committed version and its app hash together.
func (c *Committer) Info() (version int64, appHash []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version, clone(c.hash)
}

// acquire returns a new reference to the current committed snapshot, or nil
// after Close.
func (c *Committer) acquire() *snapRef {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.cur.refs++
	return c.cur
}

// release drops a reference taken by acquire.
func (c *Committer) release(r *snapRef) {
	c.mu.Lock()
	r.refs--
	last := r.refs == 0
	c.mu.Unlock()
	if last {
		if err := r.s.Close(); err != nil {
			panic(fmt.Errorf("store: close snapshot: %w", err))
		}
	}
}

// Reader returns the committed application state. It is safe for concurrent
// use, also while a block is being built and committed. Each Get and Has
// reads the latest committed version at the time of the call; each iterator
// is pinned to the version current at its creation until it is closed. For
// several reads from one version, use View. Reads panic after Close.
func (c *Committer) Reader() Reader {
	return NewPrefixReader(liveReader{c}, appPrefix)
}

// liveReader reads the latest committed snapshot (full backend key space).
type liveReader struct{ c *Committer }

func (l liveReader) ref() *snapRef {
	r := l.c.acquire()
	if r == nil {
		panic(ErrClosed)
	}
	return r
}

func (l liveReader) Get(key []byte) []byte { return l.c.cachedGet(key) }

func (l liveReader) Has(key []byte) bool { return l.c.cachedGet(key) != nil }

func (l liveReader) Iterator(start, end []byte) Iterator {
	r := l.ref()
	return &releasingIterator{Iterator: r.s.Iterator(start, end), release: func() { l.c.release(r) }}
}

func (l liveReader) ReverseIterator(start, end []byte) Iterator {
	r := l.ref()
	return &releasingIterator{Iterator: r.s.ReverseIterator(start, end), release: func() { l.c.release(r) }}
}

// releasingIterator runs release once, after closing the wrapped iterator.
type releasingIterator struct {
	Iterator
	release func()
}

func (it *releasingIterator) Close() error {
	if it.release == nil {
		return nil
	}
	err := it.Iterator.Close()
	it.release()
	it.release = nil
	return err
}

// View is a consistent read-only view of one committed version. It is safe
// for concurrent use and must be closed; iterators must be closed first.
type View struct {
	Reader
	c       *Committer
	r       *snapRef
	version int64
	hash    []byte
}

// View pins the current committed version for reading until the View is
// closed. It returns ErrClosed after Close.
func (c *Committer) View() (*View, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClosed
	}
	c.cur.refs++
	return &View{
		Reader:  NewPrefixReader(c.cur.s, appPrefix),
		c:       c,
		r:       c.cur,
		version: c.version,
		hash:    clone(c.hash),
	}, nil
}

// Version returns the version the view reads.
func (v *View) Version() int64 { return v.version }

// AppHash returns the app hash of the version the view reads (a copy).
func (v *View) AppHash() []byte { return clone(v.hash) }

// Close releases the view. It is safe to call more than once.
func (v *View) Close() error {
	if v.r != nil {
		v.c.release(v.r)
		v.r = nil
	}
	return nil
}

// baseKV is the read-only parent of a block branch: the committed state at
// version, read through the live reader.
type baseKV struct {
	Reader
	c       *Committer
	version int64
}

func (b *baseKV) Set(key, value []byte) {
	panic("store: committed state is read-only (commit a block branch with Prepare and Commit, not Write)")
}

func (b *baseKV) Delete(key []byte) {
	panic("store: committed state is read-only (commit a block branch with Prepare and Commit, not Write)")
}

// Begin returns a working branch for the next block over the committed
// state. Nest per-transaction branches over it with NewCache and Write them
// into it; do not call Write on the block branch itself (it panics): pass it
// to Prepare and Commit instead. Dropping the branch discards the block.
func (c *Committer) Begin() *Cache {
	c.mu.Lock()
	v := c.version
	c.mu.Unlock()
	return NewCache(&baseKV{Reader: c.Reader(), c: c, version: v})
}

// Pending is a block prepared for commit: its backend writes and the app
// hash the state will have once it is committed. It is immutable.
type Pending struct {
	c       *Committer
	base    int64 // committed version the block was built on
	version int64
	changes []Change // backend writes, including the metadata
	acc     ltHash
	hash    []byte
}

// AppHash returns the app hash the state will have after Commit (a copy).
func (p *Pending) AppHash() []byte { return clone(p.hash) }

// Version returns the version the block will be committed as.
func (p *Pending) Version() int64 { return p.version }

// Prepare computes the app hash the state would have after applying blk's
// buffered writes as version, without writing anything. blk must come from
// Begin on this Committer (else ErrForeign) at the current version (else
// ErrStale). version must be Version()+1, or any positive version when
// nothing has been committed yet (a chain's initial height); otherwise
// ErrVersion. Writes made to blk after Prepare are not part of the Pending.
// Prepare may be called again on the same branch, for example at InitChain
// (for the genesis hash) and again at FinalizeBlock of the initial height;
// only the Pending passed to Commit counts.
// Cost: O(buffered writes) hashing and committed-state reads.
func (c *Committer) Prepare(blk *Cache, version int64) (*Pending, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	base, ok := blk.parent.(*baseKV)
	if !ok || base.c != c {
		return nil, ErrForeign
	}
	r := c.acquire()
	if r == nil {
		return nil, ErrClosed
	}
	defer c.release(r)
	c.mu.Lock()
	cv, acc := c.version, c.acc
	c.mu.Unlock()
	if base.version != cv {
		return nil, fmt.Errorf("%w: branch at version %d, committed %d", ErrStale, base.version, cv)
	}
	if version <= 0 || (cv > 0 && version != cv+1) || version <= cv {
		return nil, fmt.Errorf("%w: version %d after committed version %d", ErrVersion, version, cv)
	}

	changes, delta := diff(cachedReader{c}, &c.vecs, blk.Changes())
	acc.merge(delta)
	changes = append(changes, Change{Key: metaKey, Value: encodeMeta(version, &acc)})
	return &Pending{c: c, base: cv, version: version, changes: changes, acc: acc, hash: acc.sum()}, nil
}

// Commit atomically persists p: its application writes, the new version and
// the accumulator in one backend batch. p must come from Prepare on this
// Committer (else ErrForeign) and the committed version must not have moved
// since (else ErrStale; a Pending commits at most once). If the backend fails
// the error wraps its cause and the committed state is unchanged.
func (c *Committer) Commit(p *Pending) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if p.c != c {
		return ErrForeign
	}
	c.mu.Lock()
	closed, cv := c.closed, c.version
	c.mu.Unlock()
	if closed {
		return ErrClosed
	}
	if p.base != cv {
		return fmt.Errorf("%w: pending built on version %d, committed %d", ErrStale, p.base, cv)
	}
	if err := c.b.Apply(p.changes); err != nil {
		return fmt.Errorf("store: commit version %d: %w", p.version, err)
	}
	s := c.b.Snapshot()
	c.mu.Lock()
	old := c.cur
	c.cur = &snapRef{s: s, refs: 1}
	c.version, c.acc, c.hash = p.version, p.acc, clone(p.hash)
	c.reads.update(p.changes)
	c.mu.Unlock()
	c.release(old)
	return nil
}

// Close releases the Committer's snapshot (open iterators and Views keep
// theirs until closed). It does not close the Backend. Later calls return
// ErrClosed from the methods that can fail and panic from Reader methods.
func (c *Committer) Close() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	r := c.cur
	c.mu.Unlock()
	c.release(r)
	return nil
}
