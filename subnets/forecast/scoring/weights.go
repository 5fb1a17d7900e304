package scoring

import (
	"fmt"
	"math"
	"slices"
)

// u16Max is the largest u16 weight, standing for 1.0 on chain.
const u16Max = 65535

// WeightParams holds the subnet hyperparameters that shape a validator's
// weights, in their raw on-chain form.
type WeightParams struct {
	// MinAllowedWeights is the subnet's min_allowed_weights: a weight vector
	// must have at least this many nonzero entries.
	MinAllowedWeights uint16
	// MaxWeightsLimit is the subnet's max_weights_limit: the largest share
	// of the total one uid may get, as a u16 fraction of 65535 (65535: no
	// limit).
	MaxWeightsLimit uint16
	// ExcludeQuantile is the quantile of the smallest nonzero weights to
	// drop, as a u16 fraction of 65535 (the reference's exclude_quantile;
	// 0 keeps all).
	ExcludeQuantile uint16
}

// ProcessWeights is bittensor's process_weights (what
// process_weights_for_netuid calls with the metagraph's size n and the
// subnet's hyperparameters). With weights > 0 taken as nonzero:
//
//  1. no nonzero weight, or n < MinAllowedWeights: every uid 0..n-1 gets 1/n;
//  2. fewer nonzero weights than MinAllowedWeights: every uid 0..n-1 gets
//     1e-5 plus its weight, then NormalizeMaxWeight;
//  3. otherwise the nonzero weights at or above their q-quantile are kept,
//     q = min(ExcludeQuantile/65535, (count-MinAllowedWeights)/count), and
//     NormalizeMaxWeight caps them at MaxWeightsLimit/65535 and makes them
//     sum to 1.
//
// uids and weights must have the same length (the caller's uid list, usually
// 0..n-1); ProcessWeights panics otherwise. It returns new slices.
func ProcessWeights(uids []uint16, weights []float64, n int, p WeightParams) ([]uint16, []float64) {
	if len(uids) != len(weights) {
		panic(fmt.Sprintf("scoring: ProcessWeights with %d uids and %d weights", len(uids), len(weights)))
	}
	limit := float64(p.MaxWeightsLimit) / u16Max
	var nzIdx []int
	for i, w := range weights {
		if w > 0 {
			nzIdx = append(nzIdx, i)
		}
	}
	minAllowed := int(p.MinAllowedWeights)
	if len(nzIdx) == 0 || n < minAllowed {
		if n <= 0 {
			return []uint16{}, []float64{}
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = 1 / float64(n)
		}
		return arange(n), out
	}
	if len(nzIdx) < minAllowed {
		w := make([]float64, n)
		for i := range w {
			w[i] = 1e-5
		}
		for _, i := range nzIdx {
			if i < n { // the reference would raise IndexError past n
				w[i] += weights[i]
			}
		}
		return arange(n), NormalizeMaxWeight(w, limit)
	}
	nzWeights := make([]float64, len(nzIdx))
	for j, i := range nzIdx {
		nzWeights[j] = weights[i]
	}
	maxExclude := float64(max(0, len(nzWeights)-minAllowed)) / float64(len(nzWeights))
	q := math.Min(float64(p.ExcludeQuantile)/u16Max, maxExclude)
	lowest := quantile(nzWeights, q)
	var keptUIDs []uint16
	var kept []float64
	for j, i := range nzIdx {
		if lowest <= nzWeights[j] {
			keptUIDs = append(keptUIDs, uids[i])
			kept = append(kept, nzWeights[j])
		}
	}
	return keptUIDs, NormalizeMaxWeight(kept, limit)
}

// NormalizeMaxWeight is bittensor's normalize_max_weight: it returns x
// scaled to sum to 1 with no entry above limit, by capping the largest
// entries at a common cutoff and renormalising. If x sums to 0, or
// len(x)*limit <= 1 so the cap cannot be met, it returns the uniform vector.
// It returns a new slice.
func NormalizeMaxWeight(x []float64, limit float64) []float64 {
	const epsilon = 1e-7
	n := len(x)
	out := slices.Clone(x)
	if n == 0 {
		return out
	}
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	if sum == 0 || float64(n)*limit <= 1 {
		for i := range out {
			out[i] = 1 / float64(n)
		}
		return out
	}
	values := slices.Clone(x)
	slices.Sort(values)
	est := make([]float64, n)
	maxEst := math.Inf(-1)
	for i, v := range values {
		est[i] = v / sum
		maxEst = math.Max(maxEst, est[i])
	}
	if maxEst <= limit {
		for i := range out {
			out[i] /= sum
		}
		return out
	}
	cumsum := make([]float64, n)
	acc := 0.0
	for i, e := range est {
		acc += e
		cumsum[i] = acc
	}
	nValues := 0
	for i, e := range est {
		estSum := float64(n-i-1) * e
		if e/(estSum+cumsum[i]+epsilon) < limit {
			nValues++
		}
	}
	// The reference indexes cumsum[n_values-1], which is the last element
	// when n_values is 0 (Python's negative index).
	c := cumsum[n-1]
	if nValues > 0 {
		c = cumsum[nValues-1]
	}
	cutoffScale := (limit*c - epsilon) / (1 - limit*float64(n-nValues))
	cutoff := cutoffScale * sum
	total := 0.0
	for i, v := range out {
		if v > cutoff {
			out[i] = cutoff
		}
		total += out[i]
	}
	for i := range out {
		out[i] /= total
	}
	return out
}

// ConvertWeightsForEmit is bittensor's convert_weights_and_uids_for_emit:
// it scales weights so the largest is 65535, rounds each half to even
// (Python's round) and drops the uids whose weight rounds to 0. All-zero
// weights give empty results. Errors wrap ErrNegativeWeight or
// ErrLengthMismatch.
func ConvertWeightsForEmit(uids []uint16, weights []float64) ([]uint16, []uint16, error) {
	if len(uids) != len(weights) {
		return nil, nil, fmt.Errorf("%w: %d uids and %d weights", ErrLengthMismatch, len(uids), len(weights))
	}
	sum, maxW := 0.0, 0.0
	for i, w := range weights {
		if w < 0 || math.IsNaN(w) {
			return nil, nil, fmt.Errorf("%w: uid %d has %v", ErrNegativeWeight, uids[i], w)
		}
		sum += w
		maxW = math.Max(maxW, w)
	}
	if sum == 0 {
		return []uint16{}, []uint16{}, nil
	}
	outUIDs := make([]uint16, 0, len(uids))
	outW := make([]uint16, 0, len(uids))
	for i, w := range weights {
		v := math.RoundToEven(w / maxW * u16Max)
		if v != 0 {
			outUIDs = append(outUIDs, uids[i])
			outW = append(outW, uint16(v))
		}
	}
	return outUIDs, outW, nil
}

// quantile is numpy's default (linear) quantile of xs at q in [0, 1].
func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return s[lo] + (s[hi]-s[lo])*(pos-float64(lo))
}

func arange(n int) []uint16 {
	out := make([]uint16, n)
	for i := range out {
		out[i] = uint16(i)
	}
	return out
}
