package mainnetday

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
)

// BlockSeconds is the reference chain's block time: real_time_factor is
// blocks × BlockSeconds / seconds.
const BlockSeconds = 12

// setupBlockTxs bounds the transactions of a setup block.
const setupBlockTxs = 4096

// genesisTime is the first block's time (a fixed instant: the run is deterministic).
var genesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Result is what a run measured. The first fields are the issue's
// contract; the others explain them.
type Result struct {
	Blocks         int     `json:"blocks"`
	Seconds        float64 `json:"seconds"`
	RealTimeFactor float64 `json:"real_time_factor"`
	Txs            int     `json:"txs"`
	P50BlockMs     float64 `json:"p50_block_ms"`
	P99BlockMs     float64 `json:"p99_block_ms"`
	MaxBlockMs     float64 `json:"max_block_ms"`
	StateBytes     int64   `json:"state_bytes"`
	PeakRSSBytes   int64   `json:"peak_rss_bytes"`

	// Subnets, UIDs, Validators and Tempo echo the configuration.
	Subnets    int `json:"subnets"`
	UIDs       int `json:"uids"`
	Validators int `json:"validators"`
	Tempo      int `json:"tempo"`
	// FailedTxs counts measured transactions whose call failed (they
	// still paid their fee), by call name in FailedByCall.
	FailedTxs    int            `json:"failed_txs"`
	FailedByCall map[string]int `json:"failed_by_call,omitempty"`
	// FirstFailure is each failing call's first error.
	FirstFailure map[string]string `json:"first_failure,omitempty"`
	// Epochs is the subnet and root epochs run in the measured blocks.
	Epochs int `json:"epochs"`
	// EpochBlockP50Ms and QuietBlockP50Ms split p50 by blocks with and without an epoch.
	EpochBlockP50Ms float64 `json:"epoch_block_p50_ms"`
	QuietBlockP50Ms float64 `json:"quiet_block_p50_ms"`
	// SetupSeconds is the unmeasured setup (registrations and a warm-up
	// tempo); SignSeconds the unmeasured signing of the measured blocks.
	SetupSeconds float64 `json:"setup_seconds"`
	SignSeconds  float64 `json:"sign_seconds"`
	// WorstBlocks are the slowest measured blocks, slowest first.
	WorstBlocks []BlockStat `json:"worst_blocks"`
	// AppHash is the app hash after the last block: equal for equal configurations.
	AppHash string `json:"app_hash"`
}

// BlockStat is one measured block.
type BlockStat struct {
	Height int64   `json:"height"`
	Ms     float64 `json:"ms"`
	Txs    int     `json:"txs"`
	Epochs int     `json:"epochs"`
}

// Options are a run's knobs that do not change the workload.
type Options struct {
	// Dir holds the Pebble state ("": a temporary folder, removed after).
	Dir string
	// Progress, if set, is called after every measured block.
	Progress func(done, total int, measured time.Duration)
	// CPUProfile, if set, receives a CPU profile of the measured blocks.
	CPUProfile io.Writer
}

// Run generates cfg's network and workload and drives the app through it.
func Run(ctx context.Context, cfg Config, opt Options) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	dir := opt.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "taonet-mainnet-day-")
		if err != nil {
			return nil, fmt.Errorf("mainnetday: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	w, err := newWorkload(cfg)
	if err != nil {
		return nil, err
	}
	d, err := openDriver(dir, w.genesis())
	if err != nil {
		return nil, err
	}
	defer d.close()
	res := &Result{Blocks: cfg.Blocks, Subnets: cfg.Subnets, UIDs: cfg.UIDs, Validators: cfg.Validators, Tempo: cfg.Tempo, FailedByCall: map[string]int{}, FirstFailure: map[string]string{}}

	setupStart := time.Now()
	setup, err := w.setup(setupBlockTxs)
	if err != nil {
		return nil, err
	}
	for _, txs := range setup {
		if _, err := d.block(txs, nil); err != nil {
			return nil, fmt.Errorf("mainnetday: setup: %w", err)
		}
	}
	w.resync(d.app.NextNonce) // the setup was signed ahead: once, after all of it
	// A warm-up tempo: every subnet runs an epoch, so permits exist.
	for range cfg.Tempo + 1 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		txs, err := w.block(uint64(d.height+1), false)
		if err != nil {
			return nil, err
		}
		// Weights set before a subnet's first epoch fail: not counted.
		wr := &Result{FailedByCall: map[string]int{}, FirstFailure: map[string]string{}}
		if _, err := d.block(txs, wr); err != nil {
			return nil, fmt.Errorf("mainnetday: warm-up: %w", err)
		}

		w.resync(d.app.NextNonce)
	}
	res.SetupSeconds = time.Since(setupStart).Seconds()

	if opt.CPUProfile != nil {
		if err := pprof.StartCPUProfile(opt.CPUProfile); err != nil {
			return nil, fmt.Errorf("mainnetday: cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	stats := make([]BlockStat, 0, cfg.Blocks)
	var measured time.Duration
	for i := range cfg.Blocks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := d.height + 1
		t0 := time.Now()
		txs, err := w.block(uint64(h), true)
		if err != nil {
			return nil, err
		}
		res.SignSeconds += time.Since(t0).Seconds()
		took, err := d.block(txs, res)
		if err != nil {
			return nil, fmt.Errorf("mainnetday: block %d: %w", h, err)
		}
		w.resync(d.app.NextNonce)
		measured += took
		epochs := 0
		for s := 0; s <= cfg.Subnets; s++ {
			tempo := uint16(cfg.Tempo)
			if s == int(subtensor.RootNetUID) {
				tempo = subtensor.DefaultRootParams().Tempo
			}
			if subtensor.EpochDue(uint16(s), tempo, uint64(h)) {
				epochs++
			}
		}
		res.Epochs += epochs
		res.Txs += len(txs)
		stats = append(stats, BlockStat{Height: h, Ms: ms(took), Txs: len(txs), Epochs: epochs})
		if opt.Progress != nil {
			opt.Progress(i+1, cfg.Blocks, measured)
		}
	}
	if opt.CPUProfile != nil {
		pprof.StopCPUProfile()
	}
	for _, n := range res.FailedByCall {
		res.FailedTxs += n
	}
	res.Seconds = measured.Seconds()
	if res.Seconds > 0 {
		res.RealTimeFactor = float64(cfg.Blocks*BlockSeconds) / res.Seconds
	}
	summarize(res, stats)
	res.AppHash = hex.EncodeToString(d.appHash)
	if err := d.close(); err != nil {
		return nil, err
	}
	res.StateBytes = dirSize(dir)
	res.PeakRSSBytes = peakRSS()
	return res, nil
}

// summarize fills the block-time percentiles and the worst blocks.
func summarize(res *Result, stats []BlockStat) {
	all, epoch, quiet := make([]float64, 0, len(stats)), []float64{}, []float64{}
	for _, s := range stats {
		all = append(all, s.Ms)
		if s.Epochs > 0 {
			epoch = append(epoch, s.Ms)
		} else {
			quiet = append(quiet, s.Ms)
		}
	}
	res.P50BlockMs = percentile(all, 50)
	res.P99BlockMs = percentile(all, 99)
	res.MaxBlockMs = percentile(all, 100)
	res.EpochBlockP50Ms = percentile(epoch, 50)
	res.QuietBlockP50Ms = percentile(quiet, 50)
	worst := append([]BlockStat(nil), stats...)
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].Ms > worst[j].Ms })
	res.WorstBlocks = worst[:min(10, len(worst))]
}

// percentile returns the p-th percentile of xs (nearest rank; 0 for none).
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// dirSize is the size in bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if info, err := e.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// driver runs blocks through the app as CometBFT would.
type driver struct {
	app     *app.App
	backend *pebble.DB
	db      *store.Committer
	height  int64
	appHash []byte
	closed  bool
}

func openDriver(dir string, g *chain.Genesis) (*driver, error) {
	backend, err := pebble.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("mainnetday: open state: %w", err)
	}
	db, err := store.Open(backend)
	if err != nil {
		backend.Close()
		return nil, fmt.Errorf("mainnetday: open state: %w", err)
	}
	d := &driver{app: app.New(chain.New(), db, ChainID), backend: backend, db: db}
	state, err := json.Marshal(g)
	if err != nil {
		d.close()
		return nil, fmt.Errorf("mainnetday: genesis: %w", err)
	}
	if _, err := d.app.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId: ChainID, AppStateBytes: state, InitialHeight: 1, Time: genesisTime,
	}); err != nil {
		d.close()
		return nil, fmt.Errorf("mainnetday: init chain: %w", err)
	}
	return d, nil
}

// block finalizes and commits one block of txs and returns the time the
// two calls took. Failed calls are counted by name into res (nil: the
// setup, where every call must succeed).
func (d *driver) block(txs []tagged, res *Result) (time.Duration, error) {
	raw := make([][]byte, len(txs))
	for i, t := range txs {
		raw[i] = t.raw
	}
	h := d.height + 1
	ctx := context.Background()
	t0 := time.Now()
	resp, err := d.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{
		Txs: raw, Height: h, Time: genesisTime.Add(time.Duration(h) * BlockSeconds * time.Second),
	})
	if err != nil {
		return 0, err
	}
	if _, err := d.app.Commit(ctx, &abci.RequestCommit{}); err != nil {
		return 0, err
	}
	took := time.Since(t0)
	d.height, d.appHash = h, resp.AppHash
	for i, r := range resp.TxResults {
		if r.Code == 0 {
			continue
		}
		if res == nil {
			return 0, fmt.Errorf("%s failed: %s", txs[i].call, r.Log)
		}
		if res.FailedByCall[txs[i].call]++; res.FirstFailure[txs[i].call] == "" {
			res.FirstFailure[txs[i].call] = r.Log
		}
	}
	return took, nil
}

func (d *driver) close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	if err := d.db.Close(); err != nil {
		d.backend.Close()
		return fmt.Errorf("mainnetday: close state: %w", err)
	}
	if err := d.backend.Close(); err != nil {
		return fmt.Errorf("mainnetday: close state: %w", err)
	}
	return nil
}
