package template

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/subnets/forecast/scoring"
	"github.com/taonet/taonet/synapse"
	"github.com/taonet/taonet/tx"
)

// ValidatorConfig configures a Validator. Start from DefaultValidatorConfig.
type ValidatorConfig struct {
	// Netuid is the subnet (--netuid).
	Netuid uint16
	// SampleSize is how many miners each step queries (--neuron.sample_size).
	SampleSize int
	// Timeout bounds each query (--neuron.timeout).
	Timeout time.Duration
	// Alpha is the scores' moving-average weight on the new rewards
	// (--neuron.moving_average_alpha), in (0, 1].
	Alpha float64
	// EpochLength is the blocks between metagraph syncs and weight updates
	// (--neuron.epoch_length): weights are set when
	// block - last_update[uid] > EpochLength.
	EpochLength uint64
	// DisableSetWeights keeps the weights off chain (--neuron.disable_set_weights).
	DisableSetWeights bool
	// VpermitTAOLimit: miners holding a validator permit and more stake than
	// this (rao) are not queried (--neuron.vpermit_tao_limit).
	VpermitTAOLimit uint64
	// StepInterval is the pause after each step (the template's forward
	// sleeps 5 s).
	StepInterval time.Duration
	// VersionKey is sent with set_weights; it must not be below the
	// subnet's weights_version. The template sends its spec version.
	VersionKey uint64
	// Dendrite configures the validator's dendrite.
	Dendrite dendrite.Config
	// Logger receives the validator's logs; nil means slog.Default().
	Logger *slog.Logger
}

// DefaultValidatorConfig returns the template's defaults: netuid 1, 50
// miners a step, a 10 s timeout, alpha 0.1, weights every 100 blocks,
// vpermit limit 4096 TAO, a 5 s pause between steps, and a dendrite whose
// external ip is LoopbackAlias, so that it reaches local miners.
func DefaultValidatorConfig() ValidatorConfig {
	d := dendrite.DefaultConfig()
	d.ExternalIP = LoopbackAlias
	return ValidatorConfig{
		Netuid: 1, SampleSize: 50, Timeout: 10 * time.Second, Alpha: scoring.DefaultAlpha,
		EpochLength: 100, VpermitTAOLimit: 4096 * 1_000_000_000, StepInterval: 5 * time.Second,
		VersionKey: SpecVersion, Dendrite: d,
	}
}

// Validate reports the first unusable setting; errors wrap ErrInvalidConfig
// or dendrite.ErrInvalidConfig.
func (c ValidatorConfig) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
	}
	switch {
	case c.SampleSize < 1:
		return bad("sample size %d", c.SampleSize)
	case c.Timeout <= 0:
		return bad("timeout %v", c.Timeout)
	case !(c.Alpha > 0 && c.Alpha <= 1):
		return bad("moving average alpha %v, want (0, 1]", c.Alpha)
	case c.StepInterval < 0:
		return bad("step interval %v", c.StepInterval)
	}
	return c.Dendrite.Validate()
}

// Validator runs the template's validator loop for a Task.
type Validator struct {
	cfg    ValidatorConfig
	chain  Chain
	hotkey *keys.Keypair
	task   Task
	den    *dendrite.Dendrite
	log    *slog.Logger

	mg *metagraph.Metagraph

	mu      sync.Mutex          // guards everything below
	view    *metagraph.Snapshot // the snapshot the scores are aligned with
	uid     uint16
	scores  *scoring.Scores
	step    uint64
	synced  uint64 // block of the last metagraph sync
	lastSet uint64 // block of the last accepted set_weights (0: none)
	// waitReason is the last reason weights had to wait (logged at info once).
	waitReason string
	rng        *rand.Rand
	running    bool
	setCount   int
}

// NewValidator returns a validator for task, signing with hotkey.
func NewValidator(cfg ValidatorConfig, chain Chain, hotkey *keys.Keypair, task Task) (*Validator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if task == nil {
		return nil, fmt.Errorf("%w: nil task", ErrInvalidConfig)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	log = log.With("neuron", "validator", "hotkey", hotkey.SS58())
	dcfg := cfg.Dendrite
	if dcfg.Logger == nil {
		dcfg.Logger = log
	}
	d, err := dendrite.New(hotkey, dcfg)
	if err != nil {
		return nil, err
	}
	scores, _ := scoring.NewScores(0, cfg.Alpha) // alpha validated above
	return &Validator{
		cfg: cfg, chain: chain, hotkey: hotkey, task: task, den: d, log: log, scores: scores,
		mg:  metagraph.New(chain, cfg.Netuid),
		rng: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}, nil
}

// Close releases the dendrite's connections.
func (v *Validator) Close() { v.den.Close() }

// UID returns the validator's uid (valid after the first Sync).
func (v *Validator) UID() uint16 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.uid
}

// Scores returns a copy of the moving-average scores, indexed by uid.
func (v *Validator) Scores() []float64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.scores.Values()
}

// Step returns the number of completed steps.
func (v *Validator) Step() uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.step
}

// WeightsSet returns how many set_weights calls the chain accepted.
func (v *Validator) WeightsSet() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.setCount
}

// Metagraph returns the validator's metagraph.
func (v *Validator) Metagraph() *metagraph.Metagraph { return v.mg }

// Resync re-syncs the metagraph: it checks registration, zeroes the scores
// of uids whose hotkey changed and tracks new uids. Errors wrap
// ErrNotRegistered or the metagraph's errors.
func (v *Validator) Resync(ctx context.Context) error {
	snap, uid, err := syncUID(ctx, v.mg, v.hotkey.Public())
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if old := v.view; old != nil {
		for i := 0; i < min(old.N, snap.N); i++ {
			if old.Hotkeys[i] != snap.Hotkeys[i] {
				v.scores.Reset(uint16(i))
			}
		}
	}
	v.scores.Resize(snap.N)
	v.view, v.uid, v.synced = snap, uid, uint64(max(snap.Block, 0))
	return nil
}

// sample returns up to SampleSize random uids of serving miners: the
// template's get_random_uids (serving, and not a permitted validator above
// the vpermit limit), without the validator itself.
func (v *Validator) sample() ([]uint16, []axon.Info) {
	v.mu.Lock()
	defer v.mu.Unlock()
	vw := v.view
	var avail []uint16
	for i := range vw.N {
		u := uint16(i)
		if u == v.uid || !vw.AxonInfo(u).IsServing() {
			continue
		}
		if vw.ValidatorPermit[i] && vw.Stake[i] > v.cfg.VpermitTAOLimit {
			continue
		}
		avail = append(avail, u)
	}
	v.rng.Shuffle(len(avail), func(i, j int) { avail[i], avail[j] = avail[j], avail[i] })
	avail = avail[:min(len(avail), v.cfg.SampleSize)]
	slices.Sort(avail)
	infos := make([]axon.Info, len(avail))
	for i, u := range avail {
		infos[i] = vw.AxonInfo(u)
	}
	return avail, infos
}

// Forward runs one step: it draws a round, queries a sample of miners with
// each request, scores the responses and folds the rewards into the
// moving average. It returns the queried uids and their rewards.
func (v *Validator) Forward(ctx context.Context) ([]uint16, []float64, error) {
	v.mu.Lock()
	needSync := v.view == nil
	step := v.step
	v.mu.Unlock()
	if needSync {
		if err := v.Resync(ctx); err != nil {
			return nil, nil, err
		}
	}
	uids, infos := v.sample()
	if len(uids) == 0 {
		v.logWait(ErrNoMiners)
		v.mu.Lock()
		v.step++
		v.mu.Unlock()
		return nil, nil, nil
	}
	r, err := v.task.NewRound(ctx, step)
	if err != nil {
		return nil, nil, fmt.Errorf("template: new round: %w", err)
	}
	reqs := r.Requests()
	responses := make([][]dendrite.Response, len(uids))
	for i := range responses {
		responses[i] = make([]dendrite.Response, len(reqs))
	}
	for j, req := range reqs {
		setTimeout(req, v.cfg.Timeout)
		for i, resp := range v.den.Query(ctx, infos, req, v.cfg.Timeout) {
			responses[i][j] = resp
		}
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	rewards := r.Rewards(uids, responses)
	if len(rewards) != len(uids) {
		return nil, nil, fmt.Errorf("template: round gave %d rewards for %d uids", len(rewards), len(uids))
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.scores.Update(uids, rewards); err != nil {
		return nil, nil, err
	}
	v.step++
	return uids, rewards, nil
}

// setTimeout records the query timeout in the synapse, as the dendrite's
// caller does in the reference.
func setTimeout(s synapse.Synapse, d time.Duration) {
	s.SynapseBase().Timeout = d.Seconds()
}

// Sync is the template's sync after a step: resync the metagraph every
// EpochLength blocks and set weights when they are due. It returns whether
// weights were set. Errors are the chain's; a weight update that is not
// possible yet (no permit, rate limit, no scores) is not an error.
func (v *Validator) Sync(ctx context.Context) (bool, error) {
	block, err := v.chain.Block(ctx)
	if err != nil {
		return false, err
	}
	v.mu.Lock()
	stale := v.view == nil || block >= v.synced+max(v.cfg.EpochLength, 1)
	v.mu.Unlock()
	if stale {
		if err := v.Resync(ctx); err != nil {
			return false, err
		}
	}
	if !v.shouldSetWeights(block) {
		return false, nil
	}
	switch err := v.SetWeights(ctx); {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNoPermit), errors.Is(err, ErrNoScores), errors.Is(err, ErrRateLimited):
		v.logWait(err)
		return false, nil
	default:
		return false, err
	}
}

// waitWhy says why a weight update must wait and when it can go through.
func waitWhy(err error) string {
	switch {
	case errors.Is(err, ErrNoMiners):
		return "no other neuron on the subnet serves an axon yet (this validator never queries its own hotkey: run the miner under another hotkey); retrying every step"
	case errors.Is(err, ErrNoScores):
		return "no miner has answered with a usable response yet (is a miner serving an axon on this subnet, under another hotkey than this validator's?); retrying every step"
	case errors.Is(err, ErrNoPermit):
		return "this hotkey has no validator permit; permits are computed at the subnet's next epoch (every tempo blocks) from stake"
	default:
		return "the subnet's weights_set_rate_limit has not passed since the last update"
	}
}

// logWait logs why weights wait: at info when the reason changes, at debug
// while it stays the same, so a waiting validator says why once.
func (v *Validator) logWait(err error) {
	v.mu.Lock()
	why := waitWhy(err)
	same := v.waitReason == why
	v.waitReason = why
	v.mu.Unlock()
	if same {
		v.log.Debug("weights not set yet", "reason", err)
		return
	}
	v.log.Info("weights not set yet", "reason", err, "why", why)
}

// shouldSetWeights is the template's should_set_weights.
func (v *Validator) shouldSetWeights(block uint64) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.step == 0 || v.cfg.DisableSetWeights || v.view == nil {
		return false
	}
	last := max(v.view.LastUpdate[v.uid], v.lastSet)
	return block > last+v.cfg.EpochLength
}

// SetWeights sets weights from the current scores with a fresh metagraph:
// normalised, processed with the subnet's min_allowed_weights and
// max_weights_limit, converted to u16 and sent with set_weights signed by
// the hotkey (waiting for the block). Errors wrap ErrNoScores, ErrNoPermit,
// ErrRateLimited, ErrVersionKey or the chain's errors (*TxError).
func (v *Validator) SetWeights(ctx context.Context) error {
	if err := v.Resync(ctx); err != nil {
		return err
	}
	v.mu.Lock()
	vw, uid := v.view, v.uid
	hp := vw.Subnet.Hyperparameters
	vals := v.scores.Values()
	last := max(vw.LastUpdate[uid], v.lastSet)
	block := uint64(max(vw.Block, 0))
	v.mu.Unlock()
	if !slices.ContainsFunc(vals, func(x float64) bool { return x > 0 }) {
		return ErrNoScores
	}
	if !vw.ValidatorPermit[uid] {
		return ErrNoPermit
	}
	if hp.WeightsVersionKey != 0 && v.cfg.VersionKey < hp.WeightsVersionKey {
		return fmt.Errorf("%w: %d < %d", ErrVersionKey, v.cfg.VersionKey, hp.WeightsVersionKey)
	}
	// The chain checks the limit against the block the tx lands in (≥ block+1).
	if last != 0 && block+1 < last+hp.WeightsRateLimit {
		return fmt.Errorf("%w: last update %d, limit %d blocks", ErrRateLimited, last, hp.WeightsRateLimit)
	}
	v.mu.Lock()
	uids, weights, err := v.scores.Weights(scoring.WeightParams{
		MinAllowedWeights: hp.MinAllowedWeights, MaxWeightsLimit: hp.MaxWeightsLimit,
	})
	v.mu.Unlock()
	if err != nil {
		return err
	}
	if len(uids) == 0 {
		return ErrNoScores
	}
	call := tx.SetWeights{Netuid: v.cfg.Netuid, Dests: uids, Weights: weights, VersionKey: v.cfg.VersionKey}
	if err := v.chain.Submit(ctx, v.hotkey, call, true); err != nil {
		return err
	}
	v.mu.Lock()
	v.lastSet = max(block, 1)
	v.setCount++
	v.mu.Unlock()
	v.log.Info("weights set", "uid", uid, "block", block, "uids", uids, "weights", weights)
	return nil
}

// errorPause is the least pause after a failed step, so that an
// unreachable node is not polled in a tight loop.
const errorPause = time.Second

// Run is the validator loop: sync, then until ctx ends, Forward, Sync and
// pause StepInterval. Step and chain errors are logged and the loop goes
// on; it returns nil when ctx ends, and ErrNotRegistered (or another
// startup error) when the first sync fails.
func (v *Validator) Run(ctx context.Context) error {
	v.mu.Lock()
	if v.running {
		v.mu.Unlock()
		return ErrStarted
	}
	v.running = true
	v.mu.Unlock()
	if err := v.Resync(ctx); err != nil {
		return err
	}
	for ctx.Err() == nil {
		pause := v.cfg.StepInterval
		if _, _, err := v.Forward(ctx); err != nil && ctx.Err() == nil {
			v.log.Warn("forward failed", "err", err)
			pause = max(pause, errorPause)
		}
		if _, err := v.Sync(ctx); err != nil && ctx.Err() == nil {
			if errors.Is(err, ErrNotRegistered) {
				return err
			}
			v.log.Warn("sync failed", "err", err)
			pause = max(pause, errorPause)
		}
		if pause > 0 {
			t := time.NewTimer(pause)
			select {
			case <-ctx.Done():
				t.Stop()
			case <-t.C:
			}
		}
	}
	return nil
}
