package scoring

import (
	"fmt"
	"math"
)

// MASE returns the mean absolute scaled error of prediction against truth:
// the mean absolute error divided by the mean absolute one-step change of
// history (the in-sample error of the naive last-value forecast). It is
// scale-free: 1 means "as bad per step as the naive forecast is in one step".
// A constant history is scaled by a tiny multiple of its level instead, so
// an exact forecast scores 0 and any miss scores high.
func MASE(history, truth, prediction []float64) (float64, error) {
	if len(history) < 2 {
		return 0, ErrShortHistory
	}
	if len(truth) == 0 {
		return 0, ErrEmptyTruth
	}
	if len(prediction) != len(truth) {
		return 0, fmt.Errorf("%w: %d predicted values for %d true ones", ErrLengthMismatch, len(prediction), len(truth))
	}
	scale := 0.0
	for t := 1; t < len(history); t++ {
		scale += math.Abs(history[t] - history[t-1])
	}
	scale /= float64(len(history) - 1)
	if !(scale > 0) {
		scale = 1e-9 * math.Max(1, math.Abs(history[len(history)-1]))
	}
	mae := 0.0
	for i, p := range prediction {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return 0, fmt.Errorf("%w: [%d] = %v", ErrNonFinite, i, p)
		}
		mae += math.Abs(p - truth[i])
	}
	mae /= float64(len(truth))
	m := mae / scale
	if math.IsNaN(m) {
		return math.Inf(1), nil
	}
	return m, nil
}

// Reward maps a prediction to a reward in [0, 1]: exp(-MASE), so a perfect
// forecast earns 1, a naive-quality one about exp(-1) per unit of error, and
// a missing (nil), wrong-length or non-finite prediction earns 0.
func Reward(history, truth, prediction []float64) float64 {
	if prediction == nil {
		return 0
	}
	m, err := MASE(history, truth, prediction)
	if err != nil {
		return 0
	}
	return math.Exp(-m)
}
