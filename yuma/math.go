package yuma

import (
	"cmp"
	"slices"

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

// vecMaxUpscaleToU16 is the reference's vec_max_upscale_to_u16 into out:
// scale x so its largest value becomes 65535, rounding half away from zero
// (above 32768 through the ratio 65535/max, else as x·65535/max); with a
// zero maximum every value is x·65535 truncated.
func vecMaxUpscaleToU16(x []fx, out []uint16) {
	u16max := fixed.I32F32FromU16(65535)
	var top fx
	for i, v := range x {
		if i == 0 || v > top {
			top = v
		}
	}
	switch {
	case len(x) == 0:
	case top == 0:
		for i, v := range x {
			out[i] = v.SaturatingMul(u16max).ToU16()
		}
	case top > fixed.I32F32FromU16(32768):
		ratio := u16max.SafeDiv(top)
		for i, v := range x {
			out[i] = v.SaturatingMul(ratio).Round().ToU16()
		}
	default:
		for i, v := range x {
			out[i] = v.SaturatingMul(u16max).SafeDiv(top).Round().ToU16()
		}
	}
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

// colNormalize is inplace_col_normalize_sparse: saturating column sums, then
// v = safe_div(v, colsum) where the sum is non-zero. scratch has n entries.
func colNormalize(m *sparse, scratch []fx) {
	clear(scratch)
	colSums(m, scratch)
	colDivide(m, scratch)
}

// colSums adds m's column sums (saturating, row-major order) into sums.
func colSums(m *sparse, sums []fx) {
	for k, j := range m.col {
		sums[j] = sums[j].SaturatingAdd(m.val[k])
	}
}

// colDivide divides every entry by its column's non-zero sum.
func colDivide(m *sparse, sums []fx) {
	for k, j := range m.col {
		if s := sums[j]; s != 0 {
			m.val[k] = m.val[k].SafeDiv(s)
		}
	}
}

// colClip is col_clip_sparse: values above the column threshold are set to
// it, or dropped when the threshold is <= 0. In the same pass it computes
// row_sum_sparse of the result into trust and matmul_sparse(result, stake)
// into ranks (both fully overwritten), in the reference's accumulation order.
func colClip(m *sparse, th, stake []fx, out *sparse, trust, ranks []fx) *sparse {
	out.reset(m.rows(), len(m.col))
	clear(ranks)
	col, val, ptr := out.col, out.val, out.ptr
	for i := 0; i < m.rows(); i++ {
		cols, vals := m.row(i)
		sc := stake[i]
		var rowSum fx
		for k, j := range cols {
			v, t := vals[k], th[j]
			if t < v {
				if t <= 0 {
					continue
				}
				v = t
			}
			col, val = append(col, j), append(val, v)
			rowSum += v  // row_sum: plain Sum
			if sc != 0 { // saturating_add(0·v) changes nothing
				ranks[j] = ranks[j].SaturatingAdd(sc.SaturatingMul(v))
			}
		}
		trust[i] = rowSum
		ptr = append(ptr, len(col))
	}
	out.col, out.val, out.ptr = col, val, ptr
	return out
}

// divideDividendsMax finishes the original-Yuma bonds in one pass: it
// divides every entry by its column sum (inplace_col_normalize_sparse's
// second half), computes matmul_transpose_sparse(m, inc) into div and the
// column maxima (inplace_col_max_upscale_sparse's first half) into mx.
func divideDividendsMax(m *sparse, sums, inc, div, mx []fx) {
	clear(mx)
	for i := 0; i < m.rows(); i++ {
		a, b := m.ptr[i], m.ptr[i+1]
		var acc fx
		for k := a; k < b; k++ {
			j := m.col[k]
			v := m.val[k]
			if s := sums[j]; s != 0 {
				v = v.SafeDiv(s)
				m.val[k] = v
			}
			acc = acc.SaturatingAdd(inc[j].SaturatingMul(v))
			if mx[j] < v {
				mx[j] = v
			}
		}
		div[i] = acc
	}
}

// rowHadamard is row_hadamard_sparse: m_ij·s_i, written into vals (view
// becomes m's structure with them); it adds the result's column sums to sums.
func rowHadamard(m *sparse, s []fx, vals []fx, sums []fx, view *sparse) *sparse {
	out := m.view(vals[:len(m.val)], view)
	for i := 0; i < m.rows(); i++ {
		a, b := m.ptr[i], m.ptr[i+1]
		sc := s[i]
		for k := a; k < b; k++ {
			v := m.val[k].SaturatingMul(sc)
			out.val[k] = v
			sums[m.col[k]] = sums[m.col[k]].SaturatingAdd(v)
		}
	}
	return out
}

// medianWork holds weightedMedianCol's scratch, reused across epochs.
type medianWork struct {
	useStake []fx
	rowOf    []int
	cursor   []int
	chunk    []fx
	scratch  medianScratch
	sorted   sparse  // the used rows, sorted, when some row is not
	entries  []entry // sorting scratch
	ident    []int   // 0..m-1, the row map of sorted
}

type entry struct {
	col uint16
	val fx
}

// chunkEntries bounds the column-major score buffer (entries of 8 bytes) so
// that a chunk of columns stays in cache while its medians are computed.
const chunkEntries = 1 << 19

// weightedMedianCol is weighted_median_col_sparse: the stake-weighted median
// of every column over the rows with positive stake. The reference builds
// the whole columns × rows score matrix; this fills it a chunk of columns at
// a time through a cursor per (sorted) row, which gives the same columns in
// bounded memory.
func (w *medianWork) weightedMedianCol(stake []fx, score *sparse, n int, majority fx, out []fx) {
	clear(out)
	w.useStake, w.rowOf = w.useStake[:0], w.rowOf[:0]
	for i, s := range stake {
		if s > 0 && i < score.rows() {
			w.useStake = append(w.useStake, s)
			w.rowOf = append(w.rowOf, i)
		}
	}
	useStake := w.useStake
	m := len(useStake)
	if m == 0 {
		return
	}
	inplaceNormalize(useStake)
	stakeSum := sum(useStake)
	minority := stakeSum.SaturatingSub(majority)
	rowOf := w.rowOf
	for _, i := range w.rowOf {
		if cols, _ := score.row(i); !sortedRow(cols) {
			// Unsorted rows are first sorted; row k of the copy is used row k.
			score = w.sortRows(score)
			w.ident = grow(w.ident, m)
			for k := range w.ident {
				w.ident[k] = k
			}
			rowOf = w.ident
			break
		}
	}
	w.cursor = grow(w.cursor, m)
	width := max(1, min(n, chunkEntries/m))
	w.chunk = grow(w.chunk, width*m)
	w.scratch.grow(m)
	for c0 := 0; c0 < n; c0 += width {
		c1 := min(n, c0+width)
		chunk := w.chunk[:(c1-c0)*m]
		clear(chunk)
		for k, i := range rowOf {
			cols, vals := score.row(i)
			p := w.cursor[k]
			for ; p < len(cols) && int(cols[p]) < c1; p++ {
				chunk[(int(cols[p])-c0)*m+k] = vals[p]
			}
			w.cursor[k] = p
		}
		for c := c0; c < c1; c++ {
			off := (c - c0) * m
			out[c] = w.scratch.median(useStake, chunk[off:off+m], minority, 0, stakeSum)
		}
	}
}

// sortRows returns the used rows of score sorted by column with duplicate
// columns resolved as the reference's fill resolves them (the later entry
// wins); row k of the result is used row k.
func (w *medianWork) sortRows(score *sparse) *sparse {
	out := w.sorted.reset(len(w.rowOf), 0)
	for _, i := range w.rowOf {
		cols, vals := score.row(i)
		es := w.entries[:0]
		for k, c := range cols {
			es = append(es, entry{c, vals[k]})
		}
		slices.SortStableFunc(es, func(a, b entry) int { return cmp.Compare(a.col, b.col) })
		for k, e := range es {
			if k+1 < len(es) && es[k+1].col == e.col {
				continue // a later entry for the same column wins
			}
			out.push(e.col, e.val)
		}
		out.endRow()
		w.entries = es
	}
	return out
}

type medianScratch struct{ a, b, c []int }

func (w *medianScratch) grow(m int) {
	w.a, w.b, w.c = grow(w.a, m), grow(w.b, m), grow(w.c, m)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// median is weighted_median over all indices 0..len(stake) (mid pivot,
// stable partitions, the reference's iteration limit). The partition is
// branch-free; stake sums use plain addition, which equals the reference's
// saturating addition because normalised stakes (each <= 1, at most 65535
// of them) cannot overflow.
func (w *medianScratch) median(stake, score []fx, minority, lo, hi fx) fx {
	m := len(stake)
	if m != len(score) {
		return 0
	}
	cur := w.a[:m]
	for i := range cur {
		cur[i] = i
	}
	lowerBuf, upperBuf := w.b[:m], w.c[:m]
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
		lower, upper := lowerBuf[:n], upperBuf[:n]
		nl, nu := 0, 0
		for _, idx := range cur {
			s, st := score[idx], stake[idx]
			lower[nl] = idx
			upper[nu] = idx
			lt, gt := b2i(s < pivot), b2i(s > pivot)
			nl += lt
			nu += gt
			loStake += st & fx(-lt)
			hiStake += st & fx(-gt)
		}
		free := cur[:cap(cur)]
		if minority < lo.SaturatingAdd(loStake) && nl > 0 {
			hi = lo.SaturatingAdd(loStake)
			cur, lowerBuf = lower[:nl], free
		} else if hi.SaturatingSub(hiStake) <= minority && nu > 0 {
			lo = hi.SaturatingSub(hiStake)
			cur, upperBuf = upper[:nu], free
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
func interpolate(a, b *sparse, n int, ratio fx, ra, rb []fx, out *sparse) *sparse {
	if ratio == 0 {
		return a
	}
	if ratio == fixed.I32F32One {
		return b
	}
	out.reset(a.rows(), len(a.col))
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
// It adds the result's column sums to sums.
func matEma(nw, old *sparse, alpha fx, n int, acc []fx, out *sparse, sums []fx) *sparse {
	out.reset(nw.rows(), len(nw.col)+len(old.col))
	clear(acc)
	oneMinus := fixed.I32F32One.SaturatingSub(alpha)
	col, val, ptr := out.col, out.val, out.ptr
	for i := 0; i < nw.rows(); i++ {
		nc, nv := nw.row(i)
		var oc []uint16
		var ov []fx
		if i < old.rows() {
			oc, ov = old.row(i)
		}
		switch {
		case len(nc) == 0 && len(oc) == 0:
		case sortedRow(nc) && sortedRow(oc):
			start := len(col)
			col, val = matEmaMerge(col, val, nc, nv, oc, ov, alpha, oneMinus)
			for k := start; k < len(col); k++ {
				sums[col[k]] = sums[col[k]].SaturatingAdd(val[k])
			}
		default:
			for k, j := range nc {
				acc[j] = acc[j].SaturatingAdd(alpha.SaturatingMul(nv[k]))
			}
			for k, j := range oc {
				acc[j] = acc[j].SaturatingAdd(oneMinus.SaturatingMul(ov[k]))
			}
			for j := 0; j < n; j++ {
				if acc[j] > 0 {
					col, val = append(col, uint16(j)), append(val, acc[j])
					sums[j] = sums[j].SaturatingAdd(acc[j])
				}
				acc[j] = 0
			}
		}
		ptr = append(ptr, len(col))
	}
	out.col, out.val, out.ptr = col, val, ptr
	return out
}

// matEmaMerge is matEma's row for strictly ascending rows: a merge join that
// gives the same cells as the densified accumulator.
func matEmaMerge(col []uint16, val []fx, nc []uint16, nv []fx, oc []uint16, ov []fx, alpha, oneMinus fx) ([]uint16, []fx) {
	if slices.Equal(nc, oc) { // same columns (the steady state): a plain zip
		ov = ov[:len(nv)]
		for k, j := range nc {
			if v := alpha.SaturatingMul(nv[k]).SaturatingAdd(oneMinus.SaturatingMul(ov[k])); v > 0 {
				col, val = append(col, j), append(val, v)
			}
		}
		return col, val
	}
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
			col, val = append(col, j), append(val, v)
		}
	}
	return col, val
}
