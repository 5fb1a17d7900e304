package models

// LastValue is the naive forecast: every future value equals the last
// observed one. It is optimal for a random walk and the baseline every other
// model must beat.
type LastValue struct{}

// Name returns "last".
func (LastValue) Name() string { return "last" }

// Predict repeats the last value of history.
func (LastValue) Predict(history []float64, horizon int) []float64 {
	return finiteOr(fill(last(history), horizon), 0)
}

// Mean forecasts the mean of the history: optimal for white noise around a
// fixed level, poor for anything persistent.
type Mean struct{}

// Name returns "mean".
func (Mean) Name() string { return "mean" }

// Predict repeats the mean of history.
func (Mean) Predict(history []float64, horizon int) []float64 {
	m, _ := standardize(history)
	return finiteOr(fill(m, horizon), last(history))
}

// Drift extends the line from the first to the last observed value: the
// last value plus h times the average step.
type Drift struct{}

// Name returns "drift".
func (Drift) Name() string { return "drift" }

// Predict returns last + h*(last-first)/(n-1) for h = 1..horizon.
func (Drift) Predict(history []float64, horizon int) []float64 {
	out := fill(last(history), horizon)
	if n := len(history); n > 1 {
		slope := (history[n-1] - history[0]) / float64(n-1)
		for h := range out {
			out[h] += float64(h+1) * slope
		}
	}
	return finiteOr(out, last(history))
}

var (
	_ Model = LastValue{}
	_ Model = Mean{}
	_ Model = Drift{}
)
