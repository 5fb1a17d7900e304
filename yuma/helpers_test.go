package yuma

import (
	"math/big"
	"testing"

	"github.com/taonet/taonet/fixed"
)

// f32 mirrors the reference tests' I32F32::from_num(<f32>): decimal → f32
// (nearest even) → nearest multiple of 2^-32. No Go floats involved.
func f32(t testing.TB, s string) fx {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad decimal %q", s)
	}
	f := new(big.Float).SetPrec(24).SetMode(big.ToNearestEven).SetRat(r)
	f.SetMantExp(f, 32)
	// an f32 times 2^32 is an integer for |x| >= 2^-9; round the rest to nearest
	g := new(big.Float).SetPrec(64).SetMode(big.ToNearestEven).Set(f)
	i, _ := new(big.Float).SetPrec(64).Add(g, new(big.Float).SetFloat64(0)).Int(nil)
	rem := new(big.Float).Sub(g, new(big.Float).SetInt(i))
	if rem.Cmp(big.NewFloat(0.5)) > 0 || (rem.Cmp(big.NewFloat(0.5)) == 0 && i.Bit(0) == 1) {
		i.Add(i, big.NewInt(1))
	}
	return fixed.I32F32FromBits(i.Int64())
}

func f32s(t testing.TB, ss ...string) []fx {
	out := make([]fx, len(ss))
	for i, s := range ss {
		out[i] = f32(t, s)
	}
	return out
}

// sparseOf is the reference tests' vec_to_sparse_mat_fixed: a row-major
// (or, with transpose, column-major) vector reshaped to rows, keeping > 0.
func sparseOf(vals []fx, rows int, transpose bool) *sparse {
	cols := len(vals) / rows
	m := newSparse(rows, len(vals))
	if transpose {
		for c := 0; c < cols; c++ {
			for r := 0; r < rows; r++ {
				if v := vals[r*cols+c]; v > 0 {
					m.push(uint16(r), v)
				}
			}
			m.endRow()
		}
		return m
	}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if v := vals[r*cols+c]; v > 0 {
				m.push(uint16(c), v)
			}
		}
		m.endRow()
	}
	return m
}

func sparseEqual(t *testing.T, got, want *sparse, eps fx) {
	t.Helper()
	if got.rows() != want.rows() {
		t.Fatalf("rows %d want %d", got.rows(), want.rows())
	}
	for i := 0; i < got.rows(); i++ {
		gc, gv := got.row(i)
		wc, wv := want.row(i)
		if len(gc) != len(wc) {
			t.Fatalf("row %d: %v/%v want %v/%v", i, gc, gv, wc, wv)
		}
		for k := range gc {
			d := gv[k] - wv[k]
			if d < 0 {
				d = -d
			}
			if gc[k] != wc[k] || d > eps {
				t.Fatalf("row %d entry %d: (%d,%d) want (%d,%d)", i, k, gc[k], gv[k], wc[k], wv[k])
			}
		}
	}
}

func newSparse(rows, capacity int) *sparse {
	return &sparse{ptr: make([]int, 1, rows+1), col: make([]uint16, 0, capacity), val: make([]fx, 0, capacity)}
}

func newOutput(n int) *Output { return new(Workspace).output(n) }

// colMaxUpscale is inplace_col_max_upscale_sparse (production fuses it
// into divideDividendsMax and colDivide).
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
