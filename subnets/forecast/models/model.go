package models

import "math"

// Model forecasts a series.
type Model interface {
	// Name returns a short identifier of the model and its parameters.
	Name() string
	// Predict returns a new slice holding the forecast of the horizon values
	// that follow history (oldest first). It must not modify history. For an
	// empty history or horizon < 1 it returns a slice of horizon zeros (nil
	// for horizon < 1). Every returned value is finite.
	Predict(history []float64, horizon int) []float64
}

// fill returns a slice of horizon copies of v (nil for horizon < 1).
func fill(v float64, horizon int) []float64 {
	if horizon < 1 {
		return nil
	}
	out := make([]float64, horizon)
	for i := range out {
		out[i] = v
	}
	return out
}

// last returns the last value of xs, or 0 for an empty slice.
func last(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)-1]
}

// finiteOr replaces every non-finite value of pred by fallback and returns
// pred; a diverging fit must never reach the wire as NaN or Inf.
func finiteOr(pred []float64, fallback float64) []float64 {
	for i, v := range pred {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			pred[i] = fallback
		}
	}
	return pred
}

// standardize returns the mean and standard deviation of xs, with sd 1 for a
// constant series, so a fit can work on (x-mean)/sd whatever the scale.
func standardize(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 1
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(xs)))
	if !(sd > 1e-12*math.Max(1, math.Abs(mean))) || math.IsInf(sd, 0) {
		sd = 1
	}
	return mean, sd
}

// scaled returns (xs-mean)/sd in a new slice.
func scaled(xs []float64, mean, sd float64) []float64 {
	z := make([]float64, len(xs))
	for i, x := range xs {
		z[i] = (x - mean) / sd
	}
	return z
}

// Ladder returns the models a miner can ship, from worst to best on the
// subnet's process: LastValue, AR(8), RLS(8, 0.97) and DefaultEnsemble.
func Ladder() []Model {
	return []Model{LastValue{}, AR{Order: 8}, RLS{Order: 8, Forgetting: 0.97}, DefaultEnsemble()}
}
