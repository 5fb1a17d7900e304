package gateway

import (
	"context"
	crand "crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/bits"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
)

// Storage error codes.
const (
	// CodeTooLarge answers a put over the gateway's limit.
	CodeTooLarge = "TooLarge"
	// CodeNotFound answers a get of a CID nobody serves.
	CodeNotFound = "NotFound"
	// CodeStorageFailed answers a put the miners did not take (the
	// account is refunded).
	CodeStorageFailed = "StorageFailed"
)

// MaxEpochs bounds a lease.
const MaxEpochs = 1_000_000

// Storage sells the storage subnet's space: a put is paid in advance from
// the account's credit, PriceRao per stored byte (with redundancy) per
// epoch, and the gateway keeps the file's redundancy until the lease ends
// (Repair). Gets are free to account holders; anyone may also get a file
// by its CID straight from the miners through the DHT.
type Storage struct {
	Ledger *Ledger
	Log    *slog.Logger
	// Dendrite signs the gateway's requests to miners (its hotkey must hold
	// a validator permit: miners take stores from validators only).
	Dendrite *dendrite.Dendrite
	// Routing is the gateway's DHT node; Peers maps its peers to miners.
	Routing *routing.Node
	Peers   *sub.PeerBook
	// Snapshot returns the subnet's latest metagraph.
	Snapshot func() *metagraph.Snapshot
	// Self is the gateway's hotkey (not a miner).
	Self keys.PublicKey
	// PriceRao is the price of one stored byte for one epoch.
	PriceRao uint64
	// MaxBytes bounds a put.
	MaxBytes int64
	// Redundancy is used when a put names none.
	Redundancy st.Redundancy
	// Timeout bounds each request to a miner.
	Timeout time.Duration
	// AuditsPerLease is how many (chunk, holder) pairs of each lease Repair
	// audits on every pass, drawn at random; 0 means 4.
	AuditsPerLease int

	mu sync.Mutex
	up map[keys.PublicKey]bool // the miners that answered the last Join
}

// PutResponse is the body of POST /v1/storage/files.
type PutResponse struct {
	CID          string `json:"cid"`
	Name         string `json:"name"`
	Size         int64  `json:"size"`
	StoredBytes  uint64 `json:"stored_bytes"`
	Redundancy   string `json:"redundancy"`
	Epochs       uint64 `json:"epochs"`
	PriceRao     uint64 `json:"price_rao"`
	ExpiresBlock int64  `json:"expires_block"`
}

// PriceResponse is the body of GET /v1/storage/price: what a put costs is
// Quote with this price, for the manifest Split makes of the file.
type PriceResponse struct {
	PriceRao   uint64 `json:"price_rao_per_byte_epoch"`
	MaxBytes   int64  `json:"max_bytes"`
	Redundancy string `json:"redundancy"`
	Tempo      uint16 `json:"tempo"`
}

// FilesResponse is the body of GET /v1/storage/files.
type FilesResponse struct {
	Files []PutResponse `json:"files"`
}

// EnableStorage adds the storage routes:
//
//	POST /v1/storage/files?name=N&epochs=E&redundancy=R   body: the file → PutResponse
//	GET  /v1/storage/files                                 → the account's leases
//	GET  /v1/storage/files/{cid}                           → the file's bytes
//	GET  /v1/storage/price                                 → PriceResponse (no key needed)
func (s *Server) EnableStorage(sto *Storage) {
	if sto.Log == nil {
		sto.Log = s.Log
	}
	s.mux.HandleFunc("POST /v1/storage/files", sto.put)
	s.mux.HandleFunc("GET /v1/storage/files", sto.list)
	s.mux.HandleFunc("GET /v1/storage/files/{cid}", sto.get)
	s.mux.HandleFunc("GET /v1/storage/price", sto.price)
}

func (sto *Storage) price(w http.ResponseWriter, _ *http.Request) {
	p := PriceResponse{PriceRao: sto.PriceRao, MaxBytes: sto.MaxBytes, Redundancy: sto.Redundancy.String()}
	if snap := sto.Snapshot(); snap != nil {
		p.Tempo = snap.Subnet.Tempo
	}
	writeJSON(w, http.StatusOK, p)
}

// upMiners returns the subnet's serving miners that answered the last Join.
func (sto *Storage) upMiners() []axon.Info {
	var miners []axon.Info
	if snap := sto.Snapshot(); snap != nil {
		for _, m := range sub.ServingMiners(snap, sto.Self) {
			if sto.isUp(m.Hotkey) {
				miners = append(miners, m)
			}
		}
	}
	return miners
}

// client returns a storage client over the subnet's miners that are up.
func (sto *Storage) client() *sub.Client { return sto.clientOver(sto.upMiners()) }

// clientOver returns a storage client over miners.
func (sto *Storage) clientOver(miners []axon.Info) *sub.Client {
	return &sub.Client{Dendrite: sto.Dendrite, Miners: miners, Timeout: sto.Timeout, Parallel: 8, Routing: sto.Routing, Peers: sto.Peers}
}

// Join (re)joins the subnet's DHT from the current axons, and notes which
// miners are up (answered): Repair treats the others as gone.
func (sto *Storage) Join(ctx context.Context) (int, error) {
	c := sto.client()
	n, err := c.Bootstrap(ctx)
	up := map[keys.PublicKey]bool{}
	for _, hk := range c.Answered {
		up[hk] = true
	}
	sto.mu.Lock()
	sto.up = up
	sto.mu.Unlock()
	return n, err
}

// isUp reports whether the miner answered the last Join (true before any).
func (sto *Storage) isUp(hk keys.PublicKey) bool {
	sto.mu.Lock()
	defer sto.mu.Unlock()
	return sto.up == nil || sto.up[hk]
}

// Quote returns what storing m for epochs costs.
func (sto *Storage) Quote(m *st.Manifest, epochs uint64) (stored, price uint64, err error) {
	mb, _, err := m.Encode()
	if err != nil {
		return 0, 0, err
	}
	stored = m.StoredBytes() + 3*uint64(len(mb)) // the manifest is kept thrice
	hi, byteEpochs := bits.Mul64(stored, epochs)
	hi2, price := bits.Mul64(byteEpochs, sto.PriceRao)
	if hi != 0 || hi2 != 0 {
		return stored, 0, fmt.Errorf("%w: the price overflows", ErrInsufficientCredit)
	}
	return stored, price, nil
}

func (sto *Storage) put(w http.ResponseWriter, r *http.Request) {
	key := bearer(r)
	if _, err := sto.Ledger.Lookup(key); err != nil {
		authError(w, err)
		return
	}
	q := r.URL.Query()
	epochs, err := strconv.ParseUint(q.Get("epochs"), 10, 64)
	if q.Get("epochs") == "" {
		epochs, err = 1, nil
	}
	if err != nil || epochs < 1 || epochs > MaxEpochs {
		writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("epochs %q: want 1..%d", q.Get("epochs"), MaxEpochs))
		return
	}
	red := sto.Redundancy
	if v := q.Get("redundancy"); v != "" {
		if red, err = st.ParseRedundancy(v); err != nil {
			writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
			return
		}
	}
	name := q.Get("name")
	if name == "" {
		name = "file"
	}
	if r.ContentLength > sto.MaxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Sprintf("file of %d bytes, this gateway takes at most %d", r.ContentLength, sto.MaxBytes))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, sto.MaxBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Sprintf("file over %d bytes", sto.MaxBytes))
		return
	}
	m, blocks, err := st.Split(name, data, red)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	stored, price, err := sto.Quote(m, epochs)
	if err != nil {
		writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
		return
	}
	snap := sto.Snapshot()
	if snap == nil {
		writeError(w, http.StatusServiceUnavailable, CodeStorageFailed, "no metagraph yet")
		return
	}
	if err := sto.Ledger.Debit(key, price); err != nil {
		if errors.Is(err, ErrInsufficientCredit) {
			writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
			return
		}
		authError(w, err)
		return
	}
	lease, err := sto.store(r.Context(), m, blocks)
	if err != nil {
		if rerr := sto.Ledger.Refund(key, price); rerr != nil {
			sto.Log.Error("storage: refund", "err", rerr)
		}
		writeError(w, http.StatusBadGateway, CodeStorageFailed, err.Error())
		return
	}
	lease.StoredBytes, lease.Epochs, lease.PriceRao = stored, epochs, price
	lease.PutBlock = snap.Block
	lease.ExpiresBlock = snap.Block + int64(epochs)*(int64(snap.Subnet.Tempo)+1)
	if err := sto.Ledger.AddFile(key, lease); err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	sto.Log.Info("storage: put", "cid", lease.CID, "size", lease.Size, "stored", stored, "epochs", epochs, "price_rao", price)
	writeJSON(w, http.StatusCreated, lease.PutResponse)
}

// store places and stores the chunks and the manifest.
func (sto *Storage) store(ctx context.Context, m *st.Manifest, blocks [][]byte) (FileLease, error) {
	cid, holders, err := sto.client().Store(ctx, m, blocks, uint64(time.Now().UnixNano()))
	if err != nil {
		return FileLease{}, err
	}
	return FileLease{PutResponse: PutResponse{CID: cid.String(), Name: m.Name, Size: m.Size, Redundancy: m.Redundancy.String()},
		Manifest: *m, Holders: holders}, nil
}

func (sto *Storage) list(w http.ResponseWriter, r *http.Request) {
	a, err := sto.Ledger.Lookup(bearer(r))
	if err != nil {
		authError(w, err)
		return
	}
	out := FilesResponse{Files: []PutResponse{}}
	for _, f := range a.Files {
		out.Files = append(out.Files, f.PutResponse)
	}
	writeJSON(w, http.StatusOK, out)
}

func (sto *Storage) get(w http.ResponseWriter, r *http.Request) {
	if _, err := sto.Ledger.Lookup(bearer(r)); err != nil {
		authError(w, err)
		return
	}
	cid, err := st.ParseCID(r.PathValue("cid"))
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	data, m, err := sto.client().Fetch(r.Context(), cid)
	if err != nil {
		status, code := http.StatusBadGateway, CodeStorageFailed
		if errors.Is(err, sub.ErrNoHolder) {
			status, code = http.StatusNotFound, CodeNotFound
		}
		writeError(w, status, code, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("X-Taonet-Name", m.Name)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// Repair restores the redundancy of every unexpired lease whose holders
// left (their axons no longer serve, or did not answer the last Join) or
// lost its data (failed an audit of one of the lease's chunks: such a
// miner is trusted with none of the file's chunks any more): the lost
// chunks are rebuilt and stored on other miners, and the manifest is
// stored again. It returns how many chunks were re-stored.
func (sto *Storage) Repair(ctx context.Context) (int, error) {
	snap := sto.Snapshot()
	if snap == nil {
		return 0, nil
	}
	up := sto.upMiners()
	total := 0
	var errs []error
	for _, f := range sto.Ledger.Leases(snap.Block) {
		holders := make([][]keys.PublicKey, len(f.Holders))
		for i, hs := range f.Holders {
			for _, h := range hs {
				pk, err := keys.ParseSS58(h)
				if err != nil {
					return total, fmt.Errorf("gateway: corrupt lease %s: holder %q: %w", f.CID, h, err)
				}
				holders[i] = append(holders[i], pk)
			}
		}
		failed := sto.audit(ctx, f, holders, up)
		live := slices.DeleteFunc(slices.Clone(up), func(m axon.Info) bool { return failed[m.Hotkey] })
		c := sto.clientOver(slices.Clone(live))
		p := make(sub.Placement, len(holders))
		for i, hs := range holders {
			for _, pk := range hs {
				j := slices.IndexFunc(c.Miners, func(m axon.Info) bool { return m.Hotkey == pk })
				if j < 0 { // gone, or failed an audit: a placeholder that is not alive
					c.Miners = append(c.Miners, axon.Info{Hotkey: pk})
					j = len(c.Miners) - 1
				}
				p[i] = append(p[i], j)
			}
		}
		alive := func(h int) bool { return h < len(live) }
		m := f.Manifest
		next, n, err := c.Repair(ctx, &m, p, alive)
		total += n
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.CID, err))
			continue
		}
		if n == 0 {
			continue
		}
		if _, err := c.PutManifest(ctx, &m, next); err != nil {
			errs = append(errs, fmt.Errorf("%s: manifest: %w", f.CID, err))
		}
		if err := sto.Ledger.SetHolders(f.CID, c.Holders(next)); err != nil {
			return total, err
		}
		sto.Log.Info("storage: repaired", "cid", f.CID, "chunks", n)
	}
	return total, errors.Join(errs...)
}

// audit challenges up to AuditsPerLease random (chunk, holder) pairs of
// lease f (whose holders are parsed) among the miners that are up, each
// with a fresh seed, and returns the holders that failed.
func (sto *Storage) audit(ctx context.Context, f FileLease, holders [][]keys.PublicKey, up []axon.Info) map[keys.PublicKey]bool {
	type pair struct{ chunk, miner int }
	var pairs []pair
	for i, hs := range holders {
		for _, pk := range hs {
			if j := slices.IndexFunc(up, func(m axon.Info) bool { return m.Hotkey == pk }); j >= 0 {
				pairs = append(pairs, pair{i, j})
			}
		}
	}
	n := sto.AuditsPerLease
	if n <= 0 {
		n = 4
	}
	mrand.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	c := sto.clientOver(up)
	failed := map[keys.PublicKey]bool{}
	for _, pr := range pairs[:min(n, len(pairs))] {
		var seed [32]byte
		if _, err := crand.Read(seed[:]); err != nil {
			return failed
		}
		deadline := time.Now().Add(sto.Timeout + time.Second).Unix()
		if err := c.Audit(ctx, pr.miner, f.Manifest.Chunks[pr.chunk], seed, deadline); err != nil && ctx.Err() == nil {
			sto.Log.Info("storage: audit failed", "cid", f.CID, "chunk", pr.chunk, "miner", up[pr.miner].Hotkey.SS58(), "err", err)
			failed[up[pr.miner].Hotkey] = true
		}
	}
	return failed
}
