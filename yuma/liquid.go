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
	const one = fixed.I32F32One
	out.reset(w.rows(), len(w.col))
	clear(decayed)
	for i := 0; i < w.rows(); i++ {
		wc, wv := w.row(i)
		bc, bv := b.row(i)
		if len(wc) == 0 {
			out.endRow()
			continue
		}
		wcur := mergeCursor{cols: wc, vals: wv}
		bcur := mergeCursor{cols: bc, vals: bv}
		alphaAt := func(j uint16) fx { return alphaRow[j] }
		if !full && sortedRow(wc) {
			for _, j := range wc {
				alphaRow[j] = alphaSigmoid(consensus[j], wcur.at(j), bcur.at(j), low, high, steepness)
			}
		} else {
			for j := 0; j < n; j++ {
				alphaRow[j] = alphaSigmoid(consensus[j], wcur.at(uint16(j)), bcur.at(uint16(j)), low, high, steepness)
			}
		}
		// decayed_j = (1 − α_ij)·old_ij, last entry wins; only read at w's columns.
		for k, j := range bc {
			if int(j) < n {
				decayed[j] = one.SaturatingSub(alphaAt(j)).SaturatingMul(bv[k])
			}
		}
		for k, j := range wc {
			a := alphaAt(j)
			inc := a.SaturatingMul(wv[k]).Max(0)
			v := decayed[j].SaturatingAdd(inc).Min(one)
			if v > 0 {
				out.push(j, v)
			}
		}
		for _, j := range bc {
			if int(j) < n {
				decayed[j] = 0
			}
		}
		out.endRow()
	}
	return out
}
