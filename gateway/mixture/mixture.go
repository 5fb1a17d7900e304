// Package mixture is the gateway's mixture of experts: it weighs the
// forecasts of several miners for one query by how well each forecast the
// held-back tail of that very query's history, with a little of each
// miner's track record, and blends them.
//
// The rule (Rule.Weights):
//
//  1. Backtest. For each origin o in Origins(n, h) (the history cut h, 2h,
//     … steps before its end, as long as at least MinFit points remain)
//     every expert forecasts history[o:o+h] from history[:o]; its error is
//     the MASE of that forecast (scaled by history[:o]'s naive error, as
//     the subnet scores), averaged over the origins. An expert without a
//     valid backtest (missing, wrong length, not finite) gets weight 0.
//  2. Record and anchor. The query's error is blended with the expert's
//     record at this gateway (Tracker: a moving average of its backtest
//     errors on earlier queries, worth up to RecordWeight origins as it
//     grows), then discounted by Anchor × prior_i: a short tail must show a
//     clear advantage to overrule a long track record.
//  3. Gate. weight_i ∝ exp(−(e_i − e_min) / (Temperature × e_min)) ×
//     (Floor + prior_i)^PriorWeight: an expert whose error is a
//     Temperature fraction (2%) above the best one's gets 1/e of its
//     weight, so the best expert dominates unless others are as good, and
//     near-equals share; the prior (the miner's incentive relative to the
//     best, in [0, 1]) only tilts between near-equals.
//  4. Blend. The answer is the weighted mean of the experts' forecasts.
//
// The gating is input-dependent: it is computed per query from the
// query's own history, so it follows whatever process the user's series
// comes from, not the validator's.
package mixture

import (
	"errors"
	"math"

	"github.com/taonet/taonet/subnets/forecast/scoring"
)

// ErrNoExpert is returned when no expert has a usable forecast.
var ErrNoExpert = errors.New("mixture: no expert has a valid forecast")

// Expert is one miner's answers for a query.
type Expert struct {
	// Forecast is its forecast of the query's horizon.
	Forecast []float64
	// Backtests are its forecasts of the held-back tails, one per origin
	// of Origins, in that order (nil entries: no answer).
	Backtests [][]float64
	// Prior is its track record in [0, 1] (0 when unknown).
	Prior float64
	// Record is its mean backtest error over earlier queries at this
	// gateway (see Tracker), and Seen how many queries that mean holds
	// (0: none).
	Record float64
	Seen   int
}

// Rule holds the mixture's constants.
type Rule struct {
	// MaxOrigins bounds the backtest origins per query.
	MaxOrigins int
	// MinFit is the shortest history a backtest forecasts from.
	MinFit int
	// Temperature is the relative backtest error that costs an expert a
	// factor e of weight.
	Temperature float64
	// PriorWeight is the exponent of the track record; Floor keeps an
	// unknown record from zeroing an expert.
	PriorWeight, Floor float64
	// Anchor discounts an expert's backtest error by Anchor × its prior:
	// the query's short tail must show a clear advantage to overrule a
	// long track record.
	Anchor float64
	// RecordWeight is how many backtest origins an expert's Record counts
	// for when it is blended with the query's own backtests.
	RecordWeight float64
}

// DefaultRule is the gateway's rule (no anchor: the record does its job).
// Its constants were explored on five processes (seeds 1–150) and chosen
// among four candidates on other seeds of those and two further
// processes (see the MASE evaluation in this package's tests).
func DefaultRule() Rule {
	return Rule{MaxOrigins: 6, MinFit: 32, Temperature: 0.02, PriorWeight: 0.25, Floor: 0.1, RecordWeight: 60}
}

// Origins returns the backtest origins for a history of n points and a
// horizon h: n−h, n−2h, … (at most MaxOrigins, each leaving MinFit points).
func (r Rule) Origins(n, h int) []int {
	var out []int
	for k := 1; k <= r.MaxOrigins; k++ {
		o := n - k*h
		if o < r.MinFit || o < 2 {
			break
		}
		out = append(out, o)
	}
	return out
}

// Weights returns the experts' weights (summing to 1) for a query with
// history and horizon h, or ErrNoExpert.
func (r Rule) Weights(history []float64, h int, experts []Expert) ([]float64, error) {
	origins := r.Origins(len(history), h)
	errs := make([]float64, len(experts))
	best := math.Inf(1)
	for i, e := range experts {
		errs[i] = math.Inf(1)
		if !valid(e.Forecast, h) {
			continue
		}
		if len(origins) == 0 {
			errs[i] = 1 // no room to backtest: the prior alone decides
		} else if len(e.Backtests) == len(origins) {
			sum, ok := 0.0, true
			for j, o := range origins {
				m, err := scoring.MASE(history[:o], history[o:o+h], e.Backtests[j])
				if err != nil || !valid(e.Backtests[j], h) {
					ok = false
					break
				}
				sum += m
			}
			if ok {
				q := sum / float64(len(origins))
				if e.Seen > 0 && r.RecordWeight > 0 {
					k := r.RecordWeight * float64(e.Seen) / float64(e.Seen+10) // trust a record as it grows
					q = (q*float64(len(origins)) + e.Record*k) / (float64(len(origins)) + k)
				}
				errs[i] = q * (1 - r.Anchor*math.Min(math.Max(e.Prior, 0), 1))
			}
		}
		best = math.Min(best, errs[i])
	}
	if math.IsInf(best, 1) {
		return nil, ErrNoExpert
	}
	scale := r.Temperature * math.Max(best, 1e-9)
	w := make([]float64, len(experts))
	total := 0.0
	for i, e := range experts {
		if math.IsInf(errs[i], 1) {
			continue
		}
		prior := math.Pow(r.Floor+math.Min(math.Max(e.Prior, 0), 1), r.PriorWeight)
		w[i] = math.Exp(-(errs[i]-best)/scale) * prior
		total += w[i]
	}
	for i := range w {
		w[i] /= total
	}
	return w, nil
}

// Blend returns the weighted mean of the experts' forecasts.
func Blend(experts []Expert, weights []float64, h int) []float64 {
	out := make([]float64, h)
	for i, e := range experts {
		if weights[i] == 0 {
			continue
		}
		for t := range out {
			out[t] += weights[i] * e.Forecast[t]
		}
	}
	return out
}

func valid(f []float64, h int) bool {
	if len(f) != h {
		return false
	}
	for _, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// BacktestErrors returns each expert's mean backtest MASE for the query
// (+Inf when it has none), for a Tracker.
func (r Rule) BacktestErrors(history []float64, h int, experts []Expert) []float64 {
	origins := r.Origins(len(history), h)
	out := make([]float64, len(experts))
	for i, e := range experts {
		out[i] = math.Inf(1)
		if len(origins) == 0 || len(e.Backtests) != len(origins) {
			continue
		}
		sum := 0.0
		for j, o := range origins {
			m, err := scoring.MASE(history[:o], history[o:o+h], e.Backtests[j])
			if err != nil || !valid(e.Backtests[j], h) {
				sum = math.Inf(1)
				break
			}
			sum += m
		}
		out[i] = sum / float64(len(origins))
	}
	return out
}

// Tracker keeps each expert's record: an exponential moving average of
// its backtest errors over the queries it answered (keys are the experts'
// names, e.g. hotkeys). It is not safe for concurrent use.
type Tracker struct {
	// Alpha is the moving average's step (default 0.05).
	Alpha float64
	mean  map[string]float64
	seen  map[string]int
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	return &Tracker{Alpha: 0.05, mean: map[string]float64{}, seen: map[string]int{}}
}

// Record returns name's record and how many queries it holds.
func (t *Tracker) Record(name string) (float64, int) { return t.mean[name], t.seen[name] }

// Observe adds one query's backtest error of name (+Inf: none, skipped;
// errors are capped at 10 so that one blow-up does not erase a record).
func (t *Tracker) Observe(name string, err float64) {
	if math.IsInf(err, 0) || math.IsNaN(err) {
		return
	}
	err = math.Min(err, 10)
	if t.seen[name] == 0 {
		t.mean[name] = err
	} else {
		a := math.Max(t.Alpha, 1/float64(t.seen[name]+1))
		t.mean[name] += a * (err - t.mean[name])
	}
	t.seen[name]++
}
