package yuma

import (
	"sort"

	"github.com/taonet/taonet/fixed"
)

// The functions in this file port the helpers of the reference's
// pallets/subtensor/src/epoch/math.rs that the production (sparse) epoch
// uses, with the same operation order, rounding and saturation.

// sum is Rust's Sum over I32F32: plain (wrapping) addition.
func sum(x []fx) fx {
	var s fx
	for _, v := range x {
		s += v
	}
	return s
}

// inplaceNormalize: if the sum is non-zero, x_i = safe_div(x_i, sum).
func inplaceNormalize(x []fx) {
	inplaceNormalizeUsingSum(x, sum(x))
}

func inplaceNormalizeUsingSum(x []fx, s fx) {
	if s == 0 {
		return
	}
	for i, v := range x {
		x[i] = v.SafeDiv(s)
	}
}

// isTopkNonzero: true where v is non-zero, then (unless len(v) < k) the
// len(v)-k smallest by a stable ascending sort are cleared.
func isTopkNonzero(v []fx, k int) []bool {
	n := len(v)
	res := make([]bool, n)
	for i, x := range v {
		res[i] = x != 0
	}
	if n < k {
		return res
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	for _, i := range idx[:n-k] {
		res[i] = false
	}
	return res
}

// rowNormalize: per row, if its (wrapping) sum is > 0, v = safe_div(v, sum).
func rowNormalize(m *sparse) {
	for i := 0; i < m.rows(); i++ {
		_, vals := m.row(i)
		s := sum(vals)
		if s > 0 {
			for k, v := range vals {
				vals[k] = v.SafeDiv(s)
			}
		}
	}
}

// rowSums is row_sum_sparse (wrapping sums).
func rowSums(m *sparse, out []fx) {
	for i := 0; i < m.rows(); i++ {
		_, vals := m.row(i)
		out[i] = sum(vals)
	}
}

// colNormalize is inplace_col_normalize_sparse: saturating column sums, then
// v = safe_div(v, colsum) where the sum is non-zero. scratch has n entries.
func colNormalize(m *sparse, scratch []fx) {
	clear(scratch)
	for k, j := range m.col {
		scratch[j] = scratch[j].SaturatingAdd(m.val[k])
	}
	for k, j := range m.col {
		if s := scratch[j]; s != 0 {
			m.val[k] = m.val[k].SafeDiv(s)
		}
	}
}

// colMaxUpscale is inplace_col_max_upscale_sparse.
func colMaxUpscale(m *sparse, scratch []fx) {
	clear(scratch)
	for k, j := range m.col {
		if scratch[j] < m.val[k] {
			scratch[j] = m.val[k]
		}
	}
	for k, j := range m.col {
		if s := scratch[j]; s != 0 {
			m.val[k] = m.val[k].SafeDiv(s)
		}
	}
}

// colClip is col_clip_sparse: values above the column threshold are set to
// it, or dropped when the threshold is <= 0.
func colClip(m *sparse, th []fx) *sparse {
	out := newSparse(m.rows(), len(m.col))
	for i := 0; i < m.rows(); i++ {
		cols, vals := m.row(i)
		for k, j := range cols {
			v, t := vals[k], th[j]
			if t < v {
				if t > 0 {
					out.push(j, t)
				}
			} else {
				out.push(j, v)
			}
		}
		out.endRow()
	}
	return out
}

// matmul is matmul_sparse: r_j = Σ_i s_i·m_ij, accumulated row by row with
// saturating ops.
func matmul(m *sparse, s []fx, out []fx) {
	clear(out)
	for i := 0; i < m.rows(); i++ {
		sc := s[i]
		if sc == 0 {
			continue // saturating_add(0·v) leaves every cell unchanged
		}
		cols, vals := m.row(i)
		for k, j := range cols {
			out[j] = out[j].SaturatingAdd(sc.SaturatingMul(vals[k]))
		}
	}
}

// matmulTranspose is matmul_transpose_sparse: d_i = Σ_j v_j·m_ij (saturating).
func matmulTranspose(m *sparse, v []fx, out []fx) {
	for i := 0; i < m.rows(); i++ {
		cols, vals := m.row(i)
		var acc fx
		for k, j := range cols {
			acc = acc.SaturatingAdd(v[j].SaturatingMul(vals[k]))
		}
		out[i] = acc
	}
}

// rowHadamard is row_hadamard_sparse: m_ij·s_i.
func rowHadamard(m *sparse, s []fx) *sparse {
	out := &sparse{ptr: m.ptr, col: m.col, val: make([]fx, len(m.val))}
	for i := 0; i < m.rows(); i++ {
		a, b := m.ptr[i], m.ptr[i+1]
		sc := s[i]
		for k := a; k < b; k++ {
			out.val[k] = m.val[k].SaturatingMul(sc)
		}
	}
	return out
}

// weightedMedianCol is weighted_median_col_sparse.
func weightedMedianCol(stake []fx, score *sparse, n int, majority fx, out []fx) {
	clear(out)
	var useStake []fx
	rowOf := make([]int, 0, len(stake))
	for i, s := range stake {
		if s > 0 {
			useStake = append(useStake, s)
			rowOf = append(rowOf, i)
		}
	}
	m := len(useStake)
	if m == 0 {
		return
	}
	inplaceNormalize(useStake)
	stakeSum := sum(useStake)
	minority := stakeSum.SaturatingSub(majority)
	// use_score column-major: column c is useScore[c*m : (c+1)*m].
	useScore := make([]fx, n*m)
	for k, i := range rowOf {
		if i >= score.rows() {
			break
		}
		cols, vals := score.row(i)
		for e, c := range cols {
			useScore[int(c)*m+k] = vals[e]
		}
	}
	wm := newMedianScratch(m)
	for c := 0; c < n; c++ {
		out[c] = wm.median(useStake, useScore[c*m:(c+1)*m], minority, 0, stakeSum)
	}
}

type medianScratch struct{ a, b, c []int }

func newMedianScratch(m int) *medianScratch {
	return &medianScratch{a: make([]int, m), b: make([]int, m), c: make([]int, m)}
}

// median is weighted_median over all indices 0..len(stake) (mid pivot,
// stable partitions, the reference's iteration limit).
func (w *medianScratch) median(stake, score []fx, minority, lo, hi fx) fx {
	m := len(stake)
	if m != len(score) {
		return 0
	}
	cur := w.a[:m]
	for i := range cur {
		cur[i] = i
	}
	lowerBuf, upperBuf := w.b, w.c
	limit := m
	for iter := 0; ; {
		n := len(cur)
		if n == 0 {
			return 0
		}
		if n == 1 {
			return score[cur[0]]
		}
		pivot := score[cur[n/2]]
		var loStake, hiStake fx
		lower, upper := lowerBuf[:0], upperBuf[:0]
		for _, idx := range cur {
			s := score[idx]
			if s == pivot {
				continue
			}
			if s < pivot {
				loStake = loStake.SaturatingAdd(stake[idx])
				lower = append(lower, idx)
			} else {
				hiStake = hiStake.SaturatingAdd(stake[idx])
				upper = append(upper, idx)
			}
		}
		free := cur[:cap(cur)]
		if minority < lo.SaturatingAdd(loStake) && len(lower) > 0 {
			hi = lo.SaturatingAdd(loStake)
			cur, lowerBuf = lower, free
		} else if hi.SaturatingSub(hiStake) <= minority && len(upper) > 0 {
			lo = hi.SaturatingSub(hiStake)
			cur, upperBuf = upper, free
		} else {
			return pivot
		}
		iter++
		if iter > limit {
			return 0
		}
	}
}

// interpolate is interpolate_sparse: ratio 0 → a, 1 → b, otherwise per row
// and column j in 0..n: a + ratio·(b − a), kept where > 0 (ascending j).
func interpolate(a, b *sparse, n int, ratio fx, ra, rb []fx) *sparse {
	if ratio == 0 {
		return a
	}
	if ratio == fixed.I32F32One {
		return b
	}
	out := newSparse(a.rows(), len(a.col))
	clear(ra)
	clear(rb)
	for i := 0; i < a.rows(); i++ {
		ac, av := a.row(i)
		bc, bv := b.row(i)
		if len(ac) == 0 && len(bc) == 0 {
			out.endRow()
			continue
		}
		for k, j := range ac {
			ra[j] = av[k]
		}
		for k, j := range bc {
			rb[j] = bv[k]
		}
		for j := 0; j < n; j++ {
			v1, v2 := ra[j], rb[j]
			v := v1.SaturatingAdd(ratio.SaturatingMul(v2.SaturatingSub(v1)))
			if v > 0 {
				out.push(uint16(j), v)
			}
		}
		for _, j := range ac {
			ra[j] = 0
		}
		for _, j := range bc {
			rb[j] = 0
		}
		out.endRow()
	}
	return out
}

// matEma is mat_ema_sparse: per row acc_j = α·new_j ⊕ (1−α)·old_j
// (saturating, in that order), kept where > 0, ascending j. acc has n cells.
func matEma(nw, old *sparse, alpha fx, n int, acc []fx) *sparse {
	out := newSparse(nw.rows(), len(nw.col)+len(old.col))
	clear(acc)
	oneMinus := fixed.I32F32One.SaturatingSub(alpha)
	for i := 0; i < nw.rows(); i++ {
		nc, nv := nw.row(i)
		var oc []uint16
		var ov []fx
		if i < old.rows() {
			oc, ov = old.row(i)
		}
		if len(nc) == 0 && len(oc) == 0 {
			out.endRow()
			continue
		}
		if sortedRow(nc) && sortedRow(oc) {
			matEmaMerge(out, nc, nv, oc, ov, alpha, oneMinus)
			out.endRow()
			continue
		}
		for k, j := range nc {
			acc[j] = acc[j].SaturatingAdd(alpha.SaturatingMul(nv[k]))
		}
		for k, j := range oc {
			acc[j] = acc[j].SaturatingAdd(oneMinus.SaturatingMul(ov[k]))
		}
		for j := 0; j < n; j++ {
			if acc[j] > 0 {
				out.push(uint16(j), acc[j])
			}
			acc[j] = 0
		}
		out.endRow()
	}
	return out
}

// matEmaMerge is matEma's row for strictly ascending rows: a merge join that
// gives the same cells as the densified accumulator.
func matEmaMerge(out *sparse, nc []uint16, nv []fx, oc []uint16, ov []fx, alpha, oneMinus fx) {
	a, b := 0, 0
	for a < len(nc) || b < len(oc) {
		var j uint16
		var v fx
		switch {
		case b >= len(oc) || (a < len(nc) && nc[a] < oc[b]):
			j, v = nc[a], alpha.SaturatingMul(nv[a])
			a++
		case a >= len(nc) || oc[b] < nc[a]:
			j, v = oc[b], oneMinus.SaturatingMul(ov[b])
			b++
		default:
			j = nc[a]
			v = alpha.SaturatingMul(nv[a]).SaturatingAdd(oneMinus.SaturatingMul(ov[b]))
			a++
			b++
		}
		if v > 0 {
			out.push(j, v)
		}
	}
}

// maskCols drops (i, j) where drop(i, j).
func filterEntries(m *sparse, keep func(i int, j uint16) bool) *sparse {
	out := newSparse(m.rows(), len(m.col))
	for i := 0; i < m.rows(); i++ {
		cols, vals := m.row(i)
		for k, j := range cols {
			if keep(i, j) {
				out.push(j, vals[k])
			}
		}
		out.endRow()
	}
	return out
}
