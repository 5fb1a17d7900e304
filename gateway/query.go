package gateway

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/gateway/mixture"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/subnets/forecast"
)

// Policies.
const (
	PolicyMoE  = "moe"
	PolicyTopK = "top-k"
	PolicyRace = "race"
)

// ErrNoMiner is returned when no miner gave a valid answer.
var ErrNoMiner = errors.New("gateway: no miner answered")

// Statuses of a miner's answer.
const (
	StatusOK      = "ok"      // valid, used
	StatusLate    = "late"    // valid, after the race was won (kept for scoring)
	StatusInvalid = "invalid" // NaN, wrong length, out of range
	StatusFailed  = "failed"  // error or timeout
)

// Forecaster asks one miner for a forecast of horizon steps after series.
type Forecaster interface {
	Forecast(ctx context.Context, m Miner, series []float64, horizon int) ([]float64, error)
}

// DendriteForecaster asks miners over their axons with the forecasting
// subnet's synapse, signed by the gateway's hotkey. It keeps a pool of
// dendrites and lends each to one request at a time: an axon refuses a
// request whose nonce is older than the last one it saw from the same
// dendrite, and concurrent requests of one dendrite may arrive out of
// order.
type DendriteForecaster struct {
	free    chan *dendrite.Dendrite
	all     []*dendrite.Dendrite
	Timeout time.Duration
}

// MaxMinerResponse bounds a miner's answer: a forecast of the largest
// horizon is a few KiB; a larger body is refused unread (the miner is
// scored down).
const MaxMinerResponse = 1 << 20

// NewDendriteForecaster returns a forecaster with n dendrites of hotkey.
func NewDendriteForecaster(hotkey *keys.Keypair, n int, timeout time.Duration) (*DendriteForecaster, error) {
	f := &DendriteForecaster{free: make(chan *dendrite.Dendrite, n), Timeout: timeout}
	cfg := dendrite.DefaultConfig()
	cfg.MaxResponseBytes = MaxMinerResponse
	for range n {
		d, err := dendrite.New(hotkey, cfg)
		if err != nil {
			f.Close()
			return nil, err
		}
		f.all = append(f.all, d)
		f.free <- d
	}
	return f, nil
}

// Close releases the dendrites' connections.
func (f *DendriteForecaster) Close() {
	for _, d := range f.all {
		d.Close()
	}
}

// acquire lends a dendrite (nil when ctx ends first).
func (f *DendriteForecaster) acquire(ctx context.Context) *dendrite.Dendrite {
	select {
	case d := <-f.free:
		return d
	case <-ctx.Done():
		return nil
	}
}

func (f *DendriteForecaster) release(d *dendrite.Dendrite) { f.free <- d }

// Forecast implements Forecaster.
func (f *DendriteForecaster) Forecast(ctx context.Context, m Miner, series []float64, horizon int) ([]float64, error) {
	d := f.acquire(ctx)
	if d == nil {
		return nil, ctx.Err()
	}
	defer f.release(d)
	resp := d.Call(ctx, m.Axon, &forecast.Forecast{Series: series, Horizon: horizon}, f.Timeout)
	if resp.Err != nil {
		return nil, resp.Err
	}
	out, ok := resp.Synapse.(*forecast.Forecast)
	if !ok {
		return nil, fmt.Errorf("gateway: miner %d answered %T", m.UID, resp.Synapse)
	}
	return out.Prediction, nil
}

// MinerAnswer is one miner's part in an answer (the provenance).
type MinerAnswer struct {
	UID        uint16    `json:"uid"`
	Hotkey     string    `json:"hotkey"`
	Prediction []float64 `json:"prediction"`
	LatencyMs  float64   `json:"latency_ms"`
	Weight     float64   `json:"weight"`
	Status     string    `json:"status"`
}

// Answer is the body of POST /v1/forecast.
type Answer struct {
	Prediction []float64     `json:"prediction"`
	Policy     string        `json:"policy"`
	PriceRao   uint64        `json:"price_rao"`
	Miners     []MinerAnswer `json:"miners"`
}

// Router answers forecast queries with the pool's miners.
type Router struct {
	Pool   *Pool
	Ask    Forecaster
	Policy string
	// K is how many miners answer a query.
	K int
	// Rule is the mixture's rule (policy moe).
	Rule mixture.Rule
	// MaxAbs bounds a valid prediction's values.
	MaxAbs float64

	tmu     sync.Mutex
	tracker *mixture.Tracker // each miner's backtest record (moe)
}

// valid reports whether p is a usable forecast of h steps.
func (r *Router) valid(p []float64, h int) bool {
	if len(p) != h {
		return false
	}
	for _, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > r.MaxAbs {
			return false
		}
	}
	return true
}

// reply is one miner's reply to one request.
type reply struct {
	miner   Miner
	pred    []float64
	latency time.Duration
	err     error
}

// ask asks m for series and reports the outcome to the pool.
func (r *Router) ask(ctx context.Context, m Miner, series []float64, h int) reply {
	t0 := time.Now()
	p, err := r.Ask.Forecast(ctx, m, series, h)
	rep := reply{miner: m, pred: p, latency: time.Since(t0), err: err}
	r.Pool.Report(m.Hotkey, err == nil && r.valid(p, h), rep.latency)
	return rep
}

func (r *Router) status(rep reply, h int) string {
	switch {
	case rep.err != nil:
		return StatusFailed
	case !r.valid(rep.pred, h):
		return StatusInvalid
	}
	return StatusOK
}

func (r *Router) answerOf(rep reply, h int, weight float64, status string) MinerAnswer {
	a := MinerAnswer{UID: rep.miner.UID, Hotkey: rep.miner.Hotkey, LatencyMs: float64(rep.latency.Microseconds()) / 1000, Weight: weight, Status: status}
	if status == StatusOK || status == StatusLate {
		a.Prediction = rep.pred
	}
	return a
}

// Forecast answers one query with the router's policy.
func (r *Router) Forecast(ctx context.Context, series []float64, h int) (*Answer, error) {
	switch r.Policy {
	case PolicyRace:
		return r.race(ctx, series, h)
	case PolicyTopK, PolicyMoE:
		return r.gather(ctx, series, h)
	}
	return nil, fmt.Errorf("gateway: unknown policy %q", r.Policy)
}

// gather asks the top K candidates; a miner that fails or answers invalid
// output is replaced by the next candidate, until K valid answers or no
// candidate is left. top-k weighs them by incentive, moe by the mixture.
func (r *Router) gather(ctx context.Context, series []float64, h int) (*Answer, error) {
	cands := r.Pool.Candidates()
	ans := &Answer{Policy: r.Policy}
	var good []reply
	next := 0
	for len(good) < r.K && next < len(cands) {
		batch := cands[next:min(next+r.K-len(good), len(cands))]
		next += len(batch)
		reps := make([]reply, len(batch))
		var wg sync.WaitGroup
		for i, m := range batch {
			wg.Add(1)
			go func() { defer wg.Done(); reps[i] = r.ask(ctx, m, series, h) }()
		}
		wg.Wait()
		for _, rep := range reps {
			if st := r.status(rep, h); st != StatusOK {
				ans.Miners = append(ans.Miners, r.answerOf(rep, h, 0, st))
				continue
			}
			good = append(good, rep)
		}
	}
	if len(good) == 0 {
		return ans, ErrNoMiner
	}
	weights := incentiveWeights(good)
	if r.Policy == PolicyMoE {
		w, err := r.moeWeights(ctx, series, h, good)
		if err != nil {
			return ans, err
		}
		weights = w
	}
	ans.Prediction = make([]float64, h)
	for i, g := range good {
		for t := range ans.Prediction {
			ans.Prediction[t] += weights[i] * g.pred[t]
		}
		r.Pool.SetWeight(g.miner.Hotkey, weights[i])
		ans.Miners = append(ans.Miners, r.answerOf(g, h, weights[i], StatusOK))
	}
	return ans, nil
}

// moeWeights asks each answering miner to forecast the held-back tails of
// the query's own history and weighs them with the mixture rule, their
// incentive (relative to the best) as the track record.
func (r *Router) moeWeights(ctx context.Context, series []float64, h int, good []reply) ([]float64, error) {
	origins := r.Rule.Origins(len(series), h)
	best := 0.0
	for _, g := range good {
		best = math.Max(best, g.miner.Incentive)
	}
	experts := make([]mixture.Expert, len(good))
	var wg sync.WaitGroup
	for i, g := range good {
		experts[i] = mixture.Expert{Forecast: g.pred, Backtests: make([][]float64, len(origins))}
		if best > 0 {
			experts[i].Prior = g.miner.Incentive / best
		}
		// One miner's backtests go one after the other: an axon refuses a
		// request whose nonce is older than one it already saw.
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j, o := range origins {
				if p, err := r.Ask.Forecast(ctx, g.miner, series[:o], h); err == nil {
					experts[i].Backtests[j] = p
				}
			}
		}()
	}
	wg.Wait()
	r.tmu.Lock()
	defer r.tmu.Unlock()
	if r.tracker == nil {
		r.tracker = mixture.NewTracker()
	}
	for i, g := range good {
		experts[i].Record, experts[i].Seen = r.tracker.Record(g.miner.Hotkey)
	}
	w, err := r.Rule.Weights(series, h, experts)
	for i, e := range r.Rule.BacktestErrors(series, h, experts) {
		r.tracker.Observe(good[i].miner.Hotkey, e)
	}
	if errors.Is(err, mixture.ErrNoExpert) {
		return incentiveWeights(good), nil // no usable backtest: fall back to top-k's weights
	}
	return w, err
}

// incentiveWeights weighs replies by their miners' incentive.
func incentiveWeights(good []reply) []float64 {
	w := make([]float64, len(good))
	total := 0.0
	for i, g := range good {
		w[i] = g.miner.Incentive + 1e-9
		total += w[i]
	}
	for i := range w {
		w[i] /= total
	}
	return w
}

// race asks K candidates at once and answers with the first valid
// forecast; the others finish in the background and are scored.
func (r *Router) race(ctx context.Context, series []float64, h int) (*Answer, error) {
	cands := r.Pool.Candidates()
	ans := &Answer{Policy: PolicyRace}
	for next := 0; next < len(cands); {
		batch := cands[next:min(next+r.K, len(cands))]
		next += len(batch)
		out := make(chan reply, len(batch))
		for _, m := range batch {
			go func() { out <- r.ask(context.WithoutCancel(ctx), m, series, h) }()
		}
		for range batch {
			rep := <-out
			st := r.status(rep, h)
			if st != StatusOK {
				ans.Miners = append(ans.Miners, r.answerOf(rep, h, 0, st))
				continue
			}
			ans.Prediction = rep.pred
			ans.Miners = append(ans.Miners, r.answerOf(rep, h, 1, StatusOK))
			r.Pool.SetWeight(rep.miner.Hotkey, 1)
			return ans, nil // the rest report to the pool when they finish
		}
	}
	return ans, ErrNoMiner
}
