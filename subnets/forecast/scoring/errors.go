package scoring

import "errors"

var (
	// ErrLengthMismatch is returned when a prediction's length differs from
	// the truth's, or uids and rewards (or weights) differ in length.
	ErrLengthMismatch = errors.New("scoring: length mismatch")
	// ErrNonFinite is returned when a prediction holds NaN or Inf.
	ErrNonFinite = errors.New("scoring: non-finite prediction")
	// ErrShortHistory is returned when the history has fewer than two values,
	// so the naive scale of MASE is undefined.
	ErrShortHistory = errors.New("scoring: history too short")
	// ErrEmptyTruth is returned when there is nothing to score against.
	ErrEmptyTruth = errors.New("scoring: empty truth")
	// ErrUnknownUID is returned by Scores.Update for a uid outside the
	// tracked range, and by Scores.Weights for more uids than fit in u16.
	ErrUnknownUID = errors.New("scoring: uid out of range")
	// ErrInvalidAlpha is returned by NewScores for an alpha outside (0, 1].
	ErrInvalidAlpha = errors.New("scoring: moving-average alpha out of (0, 1]")
	// ErrNegativeWeight is returned by ConvertWeightsForEmit for a negative
	// or NaN weight.
	ErrNegativeWeight = errors.New("scoring: negative weight")
)
