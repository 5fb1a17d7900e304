package yuma

import "github.com/taonet/taonet/fixed"

// alphaSigmoid is the reference's alpha_sigmoid (run_epoch.rs).
func alphaSigmoid(consensus, weight, bond, low, high, steepness fx) fx {
	const one = fixed.I32F32One
	diffBuy := weight.SaturatingSub(consensus).Clamp(0, one)
	diffSell := bond.SaturatingSub(weight).Clamp(0, one)
	combined := diffSell
	if weight >= bond {
		combined = diffBuy
	}
	x := steepness.SaturatingDiv(fixed.I32F32FromI64(-100)).SaturatingMul(combined.SaturatingSub(fixed.I32F32Half))
	sigmoid := one.SaturatingDiv(one.SaturatingAdd(fixed.ExpSafe(x)))
	alpha := low.SaturatingAdd(sigmoid.SaturatingMul(high.SaturatingSub(low)))
	return alpha.Clamp(low, high)
}

// mergeCursor reproduces the peekable-iterator walk of
// compute_liquid_alpha_values_sparse: for ascending targets j it skips
// entries with column < j and yields the value of an entry with column == j
// without consuming it. Visiting only some targets gives the same values as
// visiting all of them, because the walk only ever moves forward.
type mergeCursor struct {
	cols []uint16
	vals []fx
	p    int
}

func (c *mergeCursor) at(j uint16) fx {
	for c.p < len(c.cols) {
		if c.cols[c.p] < j {
			c.p++
			continue
		}
		if c.cols[c.p] == j {
			return c.vals[c.p]
		}
		break
	}
	return 0
}

// liquidEma is compute_liquid_alpha_values_sparse followed by
// mat_ema_alpha_sparse(w, b, alphas). Alphas are only evaluated where the
// EMA reads them (the columns of each w row), in ascending order when the
// row is sorted; otherwise the whole row is evaluated as the reference does.
func liquidEma(w, b *sparse, consensus []fx, n int, low, high, steepness fx, decayed []fx, alphaRow []fx, out *sparse) *sparse {
	return liquidEmaEval(w, b, consensus, n, low, high, steepness, decayed, alphaRow, false, out)
}

// liquidEmaEval is liquidEma; full forces the reference's whole-row alpha
// evaluation (tests compare both).
func liquidEmaEval(w, b *sparse, consensus []fx, n int, low, high, steepness fx, decayed []fx, alphaRow []fx, full bool, out *sparse) *sparse {
	out.reset(w.rows(), len(w.col))
	clear(decayed)
	for i := 0; i < w.rows(); i++ {
		wc, wv := w.row(i)
		bc, bv := b.row(i)
		if len(wc) > 0 {
			wcur := mergeCursor{cols: wc, vals: wv}
			bcur := mergeCursor{cols: bc, vals: bv}
			if !full && sortedRow(wc) {
				for _, j := range wc {
					alphaRow[j] = alphaSigmoid(consensus[j], wcur.at(j), bcur.at(j), low, high, steepness)
				}
			} else {
				for j := 0; j < n; j++ {
					alphaRow[j] = alphaSigmoid(consensus[j], wcur.at(uint16(j)), bcur.at(uint16(j)), low, high, steepness)
				}
			}
			emaAlphaRow(out, wc, wv, bc, bv, alphaRow, decayed)
		}
		out.endRow()
	}
	return out
}

// emaAlphaRow is one row of mat_ema_alpha_sparse: decayed_j = (1 − α_j)·old_j
// (last entry wins), then for each new entry in order
// min(1, decayed_j + max(0, α_j·new_j)), kept where > 0. Only new's columns
// are emitted; old-only bonds are dropped, as in the reference. alpha must
// hold the row's alphas at least at new's and old's columns below
// len(alpha); decayed must be zero and is left zero.
func emaAlphaRow(out *sparse, nc []uint16, nv []fx, oc []uint16, ov []fx, alpha, decayed []fx) {
	const one = fixed.I32F32One
	for k, j := range oc {
		if int(j) < len(alpha) {
			decayed[j] = one.SaturatingSub(alpha[j]).SaturatingMul(ov[k])
		}
	}
	for k, j := range nc {
		if int(j) >= len(alpha) {
			continue
		}
		inc := alpha[j].SaturatingMul(nv[k]).Max(0)
		if v := decayed[j].SaturatingAdd(inc).Min(one); v > 0 {
			out.push(j, v)
		}
	}
	for _, j := range oc {
		if int(j) < len(alpha) {
			decayed[j] = 0
		}
	}
}
