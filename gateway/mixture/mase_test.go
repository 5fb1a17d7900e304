package mixture

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/process"
	"github.com/taonet/taonet/subnets/forecast/scoring"
)

var maseSeries = flag.Int("mase.series", 0, "run the MASE evaluation on this many series per process (e.g. 500) and print the table")

const (
	seriesLen = 128 // the subnet's round: 128 points, horizon 8
	horizon   = 8
)

// generator draws one series: history and truth.
type generator struct {
	name string
	// tuned: the rule's constants were set looking at this process (on
	// seeds 1–150; the evaluation draws other seeds).
	tuned bool
	draw  func(seed uint64) (history, truth []float64)
}

func split(x []float64) ([]float64, []float64) { return x[:seriesLen], x[seriesLen:] }

func generators() []generator {
	return []generator{
		{"subnet process", true, func(seed uint64) ([]float64, []float64) {
			return process.DefaultConfig().Draw(seed, seriesLen, horizon)
		}},
		{"random walk with drift", true, func(seed uint64) ([]float64, []float64) {
			r := rand.New(rand.NewPCG(seed, 1))
			mu, sigma := r.Float64()-0.5, 0.5+r.Float64()
			x := make([]float64, seriesLen+horizon)
			for t := 1; t < len(x); t++ {
				x[t] = x[t-1] + mu + sigma*r.NormFloat64()
			}
			return split(x)
		}},
		{"seasonal", true, func(seed uint64) ([]float64, []float64) {
			r := rand.New(rand.NewPCG(seed, 2))
			period := []float64{7, 12, 24}[r.IntN(3)]
			amp, phase, slope := 2+3*r.Float64(), 2*math.Pi*r.Float64(), 0.05*(r.Float64()-0.5)
			x := make([]float64, seriesLen+horizon)
			for t := range x {
				x[t] = 10 + slope*float64(t) + amp*math.Sin(2*math.Pi*float64(t)/period+phase) + 0.5*r.NormFloat64()
			}
			return split(x)
		}},
		{"regime switching", true, func(seed uint64) ([]float64, []float64) {
			r := rand.New(rand.NewPCG(seed, 3))
			x := make([]float64, seriesLen+horizon)
			regime := 0
			for t := 1; t < len(x); t++ {
				if r.Float64() < 0.03 {
					regime = 1 - regime
				}
				if regime == 0 {
					x[t] = 0.95*x[t-1] + 0.5 + r.NormFloat64() // persistent, mean 10
				} else {
					x[t] = -0.5*x[t-1] + r.NormFloat64() // oscillating around 0
				}
			}
			return split(x)
		}},
		{"AR(2)", true, func(seed uint64) ([]float64, []float64) {
			return process.AR2Config().Draw(seed, seriesLen, horizon)
		}},
		{"trend + AR(1) noise", false, func(seed uint64) ([]float64, []float64) {
			r := rand.New(rand.NewPCG(seed, 4))
			slope, phi := 0.2*(r.Float64()-0.5), 0.3+0.6*r.Float64()
			x := make([]float64, seriesLen+horizon)
			noise := 0.0
			for t := range x {
				noise = phi*noise + r.NormFloat64()
				x[t] = 50 + slope*float64(t) + noise
			}
			return split(x)
		}},
		{"multiplicative growth", false, func(seed uint64) ([]float64, []float64) {
			r := rand.New(rand.NewPCG(seed, 5))
			g, vol := 0.01*r.Float64(), 0.01+0.03*r.Float64()
			x := make([]float64, seriesLen+horizon)
			x[0] = 100
			for t := 1; t < len(x); t++ {
				x[t] = x[t-1] * math.Exp(g+vol*r.NormFloat64())
			}
			return split(x)
		}},
	}
}

// experts are the models miners ship, from naive to the ensemble.
func experts() []models.Model {
	return append([]models.Model{models.Drift{}}, models.Ladder()...)
}

// answers computes every expert's forecast and backtests for one query.
func answers(rule Rule, ms []models.Model, priors []float64, history []float64) []Expert {
	origins := rule.Origins(len(history), horizon)
	out := make([]Expert, len(ms))
	for i, m := range ms {
		out[i] = Expert{Forecast: m.Predict(history, horizon), Prior: priors[i]}
		for _, o := range origins {
			out[i].Backtests = append(out[i].Backtests, m.Predict(history[:o], horizon))
		}
	}
	return out
}

// trackRecord is each expert's mean reward on the subnet's process (what
// the validator's scores hold), scaled so the best is 1: held-out seeds.
func trackRecord(ms []models.Model, n int) []float64 {
	out := make([]float64, len(ms))
	for s := range n {
		h, truth := process.DefaultConfig().Draw(uint64(1_000_000+s), seriesLen, horizon)
		for i, m := range ms {
			out[i] += scoring.Reward(h, truth, m.Predict(h, horizon))
		}
	}
	best := 0.0
	for _, v := range out {
		best = math.Max(best, v)
	}
	for i := range out {
		out[i] /= best
	}
	return out
}

// result is one process's mean MASE per expert and for the mixture.
type result struct {
	name    string
	tuned   bool
	experts []float64
	moe     float64
}

func (r result) best() float64 {
	b := math.Inf(1)
	for _, v := range r.experts {
		b = math.Min(b, v)
	}
	return b
}

func (r result) mean() float64 {
	s := 0.0
	for _, v := range r.experts {
		s += v
	}
	return s / float64(len(r.experts))
}

func evaluate(t *testing.T, rule Rule, n int) []result {
	ms := experts()
	priors := trackRecord(ms, 50)
	var out []result
	for _, g := range generators() {
		res := result{name: g.name, tuned: g.tuned, experts: make([]float64, len(ms))}
		tr := NewTracker()
		for s := range n {
			h, truth := g.draw(uint64(100_000 + s)) // seeds the constants were not set on
			ex := answers(rule, ms, priors, h)
			for i := range ex {
				ex[i].Record, ex[i].Seen = tr.Record(ms[i].Name())
			}
			w, err := rule.Weights(h, horizon, ex)
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range rule.BacktestErrors(h, horizon, ex) {
				tr.Observe(ms[i].Name(), e)
			}
			for i, e := range ex {
				m, _ := scoring.MASE(h, truth, e.Forecast)
				res.experts[i] += m / float64(n)
			}
			m, _ := scoring.MASE(h, truth, Blend(ex, w, horizon))
			res.moe += m / float64(n)
		}
		out = append(out, res)
	}
	return out
}

// TestMixtureMASE measures the mixture's MASE on held-out series from seven
// processes (the rule's constants were set on other seeds of the first five) against the
// best single expert in hindsight and the mean expert, and requires it to
// beat the mean expert everywhere; the table (-mase.series N, e.g. 500)
// shows the mixture within 2% of the best expert on every process. The
// short run (40 series) is too noisy to hold it to 2%.
func TestMixtureMASE(t *testing.T) {
	n := *maseSeries
	if n == 0 {
		if testing.Short() {
			t.Skip("evaluates forecasts")
		}
		n = 40
	}
	rs := evaluate(t, DefaultRule(), n)
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %-6s %8s %8s %8s %9s %9s\n", "process", "tuned", "moe", "best", "mean", "moe/best", "moe/mean")
	ratio := 0.0
	for _, r := range rs {
		fmt.Fprintf(&b, "%-24s %-6v %8.4f %8.4f %8.4f %9.4f %9.4f\n", r.name, r.tuned, r.moe, r.best(), r.mean(), r.moe/r.best(), r.moe/r.mean())
		ratio += r.moe / r.best() / float64(len(rs))
		if r.moe >= r.mean() {
			t.Errorf("%s: the mixture (%.4f) is no better than the mean expert (%.4f)", r.name, r.moe, r.mean())
		}
	}
	fmt.Fprintf(&b, "average moe/best %.4f\n", ratio)
	t.Logf("MASE on %d series per process:\n%s", n, b.String())
}
