package scoring

import (
	"fmt"
	"math"
	"slices"
)

// DefaultAlpha is the subnet template's moving-average alpha
// (--neuron.moving_average_alpha).
const DefaultAlpha = 0.1

// Scores is a validator's moving-average score per uid, the template's
// self.scores. It is not safe for concurrent use.
type Scores struct {
	alpha  float64
	values []float64
}

// NewScores returns zero scores for uids 0..n-1 that move with the given
// alpha. Errors wrap ErrInvalidAlpha.
func NewScores(n int, alpha float64) (*Scores, error) {
	if !(alpha > 0 && alpha <= 1) {
		return nil, fmt.Errorf("%w: %v", ErrInvalidAlpha, alpha)
	}
	return &Scores{alpha: alpha, values: make([]float64, max(n, 0))}, nil
}

// Len returns the number of tracked uids.
func (s *Scores) Len() int { return len(s.values) }

// Values returns a copy of the scores, indexed by uid.
func (s *Scores) Values() []float64 { return slices.Clone(s.values) }

// Update folds one round of rewards into the scores as the template's
// update_scores does: a reward vector over all uids is built with
// rewards[i] at uids[i] and 0 elsewhere, and
//
//	scores = alpha*vector + (1-alpha)*scores,
//
// so uids that were not queried decay too. A NaN reward counts as 0 (the
// template's nan_to_num), and so, unlike the template, does ±Inf. Empty
// input changes nothing. If a uid repeats, its last reward counts. Errors
// (length mismatch, unknown uid) wrap ErrLengthMismatch or ErrUnknownUID and
// leave the scores unchanged.
func (s *Scores) Update(uids []uint16, rewards []float64) error {
	if len(uids) != len(rewards) {
		return fmt.Errorf("%w: %d uids and %d rewards", ErrLengthMismatch, len(uids), len(rewards))
	}
	if len(uids) == 0 {
		return nil
	}
	vec := make([]float64, len(s.values))
	for i, uid := range uids {
		if int(uid) >= len(s.values) {
			return fmt.Errorf("%w: %d of %d", ErrUnknownUID, uid, len(s.values))
		}
		r := rewards[i]
		if math.IsNaN(r) || math.IsInf(r, 0) {
			r = 0
		}
		vec[uid] = r
	}
	for i := range s.values {
		s.values[i] = s.alpha*vec[i] + (1-s.alpha)*s.values[i]
	}
	return nil
}

// Resize tracks uids 0..n-1: new uids start at 0, as in the template's
// resync_metagraph when the metagraph grows; uids past n are dropped.
func (s *Scores) Resize(n int) {
	n = max(n, 0)
	if n <= len(s.values) {
		s.values = s.values[:n:n]
		return
	}
	s.values = append(s.values, make([]float64, n-len(s.values))...)
}

// Reset zeroes the score of uid, as the template does when a uid's hotkey
// changes (a new miner took the slot). An unknown uid is ignored.
func (s *Scores) Reset(uid uint16) {
	if int(uid) < len(s.values) {
		s.values[uid] = 0
	}
}

// Weights returns the uids and u16 weights a set_weights call should carry,
// as the template's set_weights computes them: the scores divided by their
// L1 norm (1 if that is 0 or NaN), ProcessWeights over uids 0..n-1 with the
// subnet's parameters, then ConvertWeightsForEmit.
func (s *Scores) Weights(p WeightParams) (uids, weights []uint16, err error) {
	if len(s.values) > 1<<16 {
		return nil, nil, fmt.Errorf("%w: %d uids do not fit in u16", ErrUnknownUID, len(s.values))
	}
	norm := 0.0
	for _, v := range s.values {
		norm += math.Abs(v)
	}
	if norm == 0 || math.IsNaN(norm) {
		norm = 1
	}
	raw := make([]float64, len(s.values))
	for i, v := range s.values {
		raw[i] = v / norm
	}
	pu, pw := ProcessWeights(arange(len(raw)), raw, len(raw), p)
	return ConvertWeightsForEmit(pu, pw)
}
