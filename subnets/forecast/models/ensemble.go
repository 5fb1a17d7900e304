package models

import (
	"math"
	"strings"
)

// Ensemble combines several models, weighting each by how well it forecast
// the end of the very history it is asked about. For each of Backtests
// origins (the last horizon values held out, then origins moved back by
// half a horizon each, never before the middle of the history) every member
// forecasts horizon values from the history up to the origin; a
// member's weight is the inverse of its mean squared backtest error, and the
// forecast is the weighted mean of the members' forecasts from the whole
// history. It thus leans on the AR fit on stable series and on the adaptive
// learner after a regime switch.
type Ensemble struct {
	// Members are the combined models; an ensemble without members forecasts
	// like LastValue.
	Members []Model
	// Backtests is the number of held-out windows scored per call; 0 means 4.
	Backtests int
}

// DefaultEnsemble returns the strongest model of this package: AR of
// orders 4, 8 and 16 and RLS of orders 4, 8 and 12 (forgetting 0.95, 0.97,
// 0.98), weighted by four backtests. Low orders carry short histories, high
// orders long ones; the backtests pick.
func DefaultEnsemble() Ensemble {
	return Ensemble{Members: []Model{
		AR{Order: 4}, AR{Order: 8}, AR{Order: 16},
		RLS{Order: 4, Forgetting: 0.95}, RLS{Order: 8, Forgetting: 0.97}, RLS{Order: 12, Forgetting: 0.98},
	}}
}

// Name returns "ensemble(member,member,...)".
func (e Ensemble) Name() string {
	names := make([]string, len(e.Members))
	for i, m := range e.Members {
		names[i] = m.Name()
	}
	return "ensemble(" + strings.Join(names, ",") + ")"
}

// Predict backtests the members on the end of history and returns their
// weighted forecast.
func (e Ensemble) Predict(history []float64, horizon int) []float64 {
	if len(e.Members) == 0 || horizon < 1 {
		return LastValue{}.Predict(history, horizon)
	}
	backtests := e.Backtests
	if backtests <= 0 {
		backtests = 4
	}
	n := len(history)
	sse := make([]float64, len(e.Members))
	count := 0
	for b := 1; b <= backtests; b++ {
		origin := n - horizon - (b-1)*max(1, horizon/2)
		if origin < n/2 || origin < 2 {
			break
		}
		past, future := history[:origin], history[origin:origin+horizon]
		for i, m := range e.Members {
			for h, v := range m.Predict(past, horizon) {
				d := v - future[h]
				sse[i] += d * d
			}
		}
		count++
	}
	weights := make([]float64, len(e.Members))
	total := 0.0
	for i := range weights {
		w := 1.0 // no backtest possible: equal weights
		if count > 0 {
			w = 1 / (sse[i] + 1e-300)
		}
		if math.IsNaN(w) || math.IsInf(w, 0) {
			w = 0
		}
		weights[i] = w
		total += w
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return LastValue{}.Predict(history, horizon)
	}
	out := make([]float64, horizon)
	for i, m := range e.Members {
		w := weights[i] / total
		for h, v := range m.Predict(history, horizon) {
			out[h] += w * v
		}
	}
	return finiteOr(out, last(history))
}

var _ Model = Ensemble{}
