package forecast

import "errors"

var (
	// ErrNilSynapse is returned when a nil *Forecast is validated.
	ErrNilSynapse = errors.New("forecast: nil synapse")
	// ErrSeriesLength is returned when a request's series is shorter or
	// longer than the limits allow.
	ErrSeriesLength = errors.New("forecast: series length out of range")
	// ErrHorizon is returned when a request's horizon is outside the limits.
	ErrHorizon = errors.New("forecast: horizon out of range")
	// ErrNonFinite is returned when a series or prediction value is NaN or
	// infinite.
	ErrNonFinite = errors.New("forecast: non-finite value")
	// ErrOutOfBounds is returned when a series or prediction value exceeds
	// Limits.MaxAbs in magnitude.
	ErrOutOfBounds = errors.New("forecast: value out of bounds")
	// ErrNoPrediction is returned when a response carries no prediction.
	ErrNoPrediction = errors.New("forecast: missing prediction")
	// ErrPredictionLength is returned when a prediction's length differs from
	// the requested horizon.
	ErrPredictionLength = errors.New("forecast: prediction length differs from horizon")
	// ErrBadStream is returned by StreamReader for a line that is not a
	// finite number, or more values than it allows.
	ErrBadStream = errors.New("forecast: bad forecast stream")
	// ErrInvalidLimits is returned by Limits.Validate for inconsistent limits.
	ErrInvalidLimits = errors.New("forecast: invalid limits")
)
