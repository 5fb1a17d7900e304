package forecast

import (
	"fmt"
	"math"

	"github.com/taonet/taonet/synapse"
)

// Forecast asks a miner for the next Horizon values of Series. The validator
// fills RoundID, Series and Horizon; the miner fills Prediction, which is nil
// (JSON null, Python None) until then.
type Forecast struct {
	synapse.Base
	// RoundID identifies the validator's round, so that a stale answer can be
	// told from a fresh one.
	RoundID uint64 `json:"round_id" bt:"required"`
	// Series is the observed history, oldest value first.
	Series []float64 `json:"series" bt:"required"`
	// Horizon is the number of future values asked for.
	Horizon int `json:"horizon" bt:"required"`
	// Prediction holds the miner's forecast of the next Horizon values, or
	// nil if the miner has not answered.
	Prediction []float64 `json:"prediction"`
}

// RequiredHashFields makes the body hash cover the request's inputs.
func (*Forecast) RequiredHashFields() []string {
	return []string{"round_id", "series", "horizon"}
}

// Deserialize returns the miner's prediction, like the Python synapse's
// deserialize method. The slice is shared with f.
func (f *Forecast) Deserialize() []float64 { return f.Prediction }

var (
	_ synapse.Synapse     = (*Forecast)(nil)
	_ synapse.HashFielder = (*Forecast)(nil)
)

// Limits bounds what a request and a response may carry. Both sides check
// them on everything decoded from the network.
type Limits struct {
	// MinSeries is the fewest history values a request may carry; models
	// need some history to fit.
	MinSeries int
	// MaxSeries is the most history values a request may carry; it bounds
	// the miner's work per request.
	MaxSeries int
	// MinHorizon is the smallest horizon a request may ask for (at least 1).
	MinHorizon int
	// MaxHorizon is the largest horizon a request may ask for; it bounds the
	// prediction a validator accepts.
	MaxHorizon int
	// MaxAbs bounds the magnitude of every series and prediction value, so
	// that error arithmetic cannot overflow.
	MaxAbs float64
}

// DefaultLimits returns the subnet's limits: 16 to 4096 history values,
// horizons 1 to 128, magnitudes up to 1e12.
func DefaultLimits() Limits {
	return Limits{MinSeries: 16, MaxSeries: 4096, MinHorizon: 1, MaxHorizon: 128, MaxAbs: 1e12}
}

// Validate reports whether the limits are consistent. Errors wrap
// ErrInvalidLimits.
func (l Limits) Validate() error {
	switch {
	case l.MinSeries < 2 || l.MaxSeries < l.MinSeries:
		return fmt.Errorf("%w: series length range [%d, %d]", ErrInvalidLimits, l.MinSeries, l.MaxSeries)
	case l.MinHorizon < 1 || l.MaxHorizon < l.MinHorizon:
		return fmt.Errorf("%w: horizon range [%d, %d]", ErrInvalidLimits, l.MinHorizon, l.MaxHorizon)
	case !(l.MaxAbs > 0) || math.IsInf(l.MaxAbs, 0) || l.MaxAbs > math.MaxFloat64/4:
		// The bound leaves head-room for differences of two values.
		return fmt.Errorf("%w: max abs %v", ErrInvalidLimits, l.MaxAbs)
	}
	return nil
}

// ValidateRequest reports whether f is a request a miner should answer: its
// series length and horizon are within the limits and every series value is
// finite and within MaxAbs. It ignores Prediction. Errors wrap ErrNilSynapse,
// ErrSeriesLength, ErrHorizon, ErrNonFinite or ErrOutOfBounds.
func (l Limits) ValidateRequest(f *Forecast) error {
	if f == nil {
		return ErrNilSynapse
	}
	if n := len(f.Series); n < l.MinSeries || n > l.MaxSeries {
		return fmt.Errorf("%w: %d values, want %d to %d", ErrSeriesLength, n, l.MinSeries, l.MaxSeries)
	}
	if f.Horizon < l.MinHorizon || f.Horizon > l.MaxHorizon {
		return fmt.Errorf("%w: %d, want %d to %d", ErrHorizon, f.Horizon, l.MinHorizon, l.MaxHorizon)
	}
	return l.checkValues("series", f.Series)
}

// ValidateResponse reports whether f is an answer a validator can score: a
// valid request (see ValidateRequest) whose Prediction holds exactly Horizon
// finite values within MaxAbs. Errors wrap those of ValidateRequest,
// ErrNoPrediction or ErrPredictionLength.
func (l Limits) ValidateResponse(f *Forecast) error {
	if err := l.ValidateRequest(f); err != nil {
		return err
	}
	if f.Prediction == nil {
		return ErrNoPrediction
	}
	if len(f.Prediction) != f.Horizon {
		return fmt.Errorf("%w: %d values for horizon %d", ErrPredictionLength, len(f.Prediction), f.Horizon)
	}
	return l.checkValues("prediction", f.Prediction)
}

// checkValues reports the first non-finite or out-of-bounds value of xs.
func (l Limits) checkValues(what string, xs []float64) error {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%w: %s[%d] = %v", ErrNonFinite, what, i, x)
		}
		if math.Abs(x) > l.MaxAbs {
			return fmt.Errorf("%w: |%s[%d]| = %g > %g", ErrOutOfBounds, what, i, math.Abs(x), l.MaxAbs)
		}
	}
	return nil
}
