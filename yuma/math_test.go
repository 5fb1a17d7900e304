package yuma

import (
	"testing"

	"github.com/taonet/taonet/fixed"
)

// Mirrors test_math_weighted_median_col_sparse.
func TestWeightedMedianColSparse(t *testing.T) {
	check := func(stake []fx, w *sparse, cols int, majority fx, want []fx) {
		t.Helper()
		got := make([]fx, cols)
		new(medianWork).weightedMedianCol(stake, w, cols, majority, got)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("median = %v want %v", got, want)
			}
		}
	}
	check(nil, sparseOf(nil, 1, false), 0, f32(t, "0.5"), nil)
	check(f32s(t, "0", "0"), sparseOf(f32s(t, "0", "0", "0", "0"), 2, false), 2, f32(t, "0.5"), f32s(t, "0", "0"))
	stake := f32s(t, "0", "0.75", "0.25", "0")
	w := sparseOf(f32s(t, "0", "0.1", "0", "0", "0.2", "0.4", "0", "0.3", "0.1", "0", "0.4", "0.5"), 4, false)
	check(stake, w, 3, f32(t, "0.24"), f32s(t, "0", "0.3", "0.4"))
	check(stake, w, 3, f32(t, "0.26"), f32s(t, "0", "0.2", "0.4"))
	check(stake, w, 3, f32(t, "0.76"), f32s(t, "0", "0.2", "0.1"))
	stake = f32s(t, "0", "0.3", "0.2", "0.5")
	w = sparseOf(f32s(t, "0", "0.1", "0", "0", "0.2", "0.4", "0", "0.3", "0.1", "0", "0", "0.5"), 4, false)
	check(stake, w, 3, f32(t, "0.51"), f32s(t, "0", "0", "0.4"))
}

// Mirrors the first cases of test_math_weighted_median.
func TestWeightedMedian(t *testing.T) {
	one := fixed.I32F32One
	med := func(stake, score []fx, majority fx) fx {
		var ws medianScratch
		ws.grow(len(stake))
		return ws.median(stake, score, one-majority, 0, sum(stake))
	}
	if got := med(nil, nil, f32(t, "0.51")); got != 0 {
		t.Fatal(got)
	}
	st := f32s(t, "0.51")
	inplaceNormalize(st)
	if got := med(st, f32s(t, "1"), f32(t, "0.51")); got != one {
		t.Fatal(got)
	}
	if got := med(f32s(t, "0.49", "0.51"), f32s(t, "0.5", "1"), f32(t, "0.51")); got != one {
		t.Fatal(got)
	}
	if got := med(f32s(t, "0.51", "0.49"), f32s(t, "0.5", "1"), f32(t, "0.51")); got != f32(t, "0.5") {
		t.Fatal(got)
	}
	// mismatched lengths give 0
	if got := med(f32s(t, "1"), nil, f32(t, "0.5")); got != 0 {
		t.Fatal(got)
	}
}

var colNormInput = []string{
	"0", "1", "0", "2", "0", "3", "4", "0", "1", "0", "2", "0", "3", "0", "1", "0", "0", "2", "0", "3", "4", "0",
	"10", "0", "100", "1000", "0", "10000", "0", "0", "0", "0", "0", "0", "0", "1", "1", "1", "1", "1", "1", "1",
}

// Mirrors test_math_inplace_col_normalize_sparse.
func TestColNormalizeSparse(t *testing.T) {
	m := sparseOf(f32s(t, colNormInput...), 6, true)
	colNormalize(m, make([]fx, 6))
	want := sparseOf(f32s(t, "0", "0.1", "0", "0.2", "0", "0.3", "0.4", "0", "0.166666", "0", "0.333333", "0", "0.5", "0",
		"0.1", "0", "0", "0.2", "0", "0.3", "0.4", "0", "0.0009", "0", "0.009", "0.09", "0", "0.9", "0", "0", "0", "0", "0",
		"0", "0", "0.142857", "0.142857", "0.142857", "0.142857", "0.142857", "0.142857", "0.142857"), 6, true)
	sparseEqual(t, m, want, f32(t, "0.0001"))
	z := sparseOf(make([]fx, 12), 3, false)
	colNormalize(z, make([]fx, 6))
	sparseEqual(t, z, sparseOf(make([]fx, 12), 3, false), 0)
}

// Mirrors test_math_inplace_col_max_upscale_sparse.
func TestColMaxUpscaleSparse(t *testing.T) {
	m := sparseOf(f32s(t, colNormInput...), 6, true)
	colMaxUpscale(m, make([]fx, 6))
	want := sparseOf(f32s(t, "0", "0.25", "0", "0.5", "0", "0.75", "1", "0", "0.333333", "0", "0.666666", "0", "1", "0",
		"0.25", "0", "0", "0.5", "0", "0.75", "1", "0", "0.001", "0", "0.01", "0.1", "0", "1", "0", "0", "0", "0", "0",
		"0", "0", "1", "1", "1", "1", "1", "1", "1"), 6, true)
	sparseEqual(t, m, want, f32(t, "0.0001"))
	one := newSparse(1, 1)
	one.push(0, 0)
	one.endRow()
	colMaxUpscale(one, make([]fx, 1))
	if _, v := one.row(0); v[0] != 0 {
		t.Fatal(v)
	}
}

// Mirrors test_math_is_topk (for is_topk_nonzero) and pins the tie rule: on
// equal stake the lower UID loses the permit.
func TestIsTopkNonzero(t *testing.T) {
	v := f32s(t, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
	isTopkNonzero := func(v []fx, k int) []bool {
		res := make([]bool, len(v))
		new(Workspace).topkNonzero(v, k, res)
		return res
	}
	eq := func(got []bool, want ...bool) {
		t.Helper()
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("got %v want %v", got, want)
			}
		}
	}
	eq(isTopkNonzero(v, 0), false, false, false, false, false, false, false, false, false, false)
	eq(isTopkNonzero(v, 5), false, false, false, false, false, true, true, true, true, true)
	eq(isTopkNonzero(v, 10), false, true, true, true, true, true, true, true, true, true)
	eq(isTopkNonzero(v, 100), false, true, true, true, true, true, true, true, true, true)
	eq(isTopkNonzero(f32s(t, "1", "1", "1", "1"), 2), false, false, true, true)
}

// The merge-join row of matEma must equal the densified accumulator.
func TestMatEmaMergeMatchesDense(t *testing.T) {
	x := uint64(42)
	rnd := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	const n = 40
	for trial := 0; trial < 300; trial++ {
		a, b := newSparse(1, n), newSparse(1, n)
		same := trial%4 == 0 // equal column sets take the zip path
		for j := 0; j < n; j++ {
			inA := rnd()%3 == 0
			if inA {
				a.push(uint16(j), fx(rnd()%(1<<33)))
			}
			if (same && inA) || (!same && rnd()%3 == 0) {
				b.push(uint16(j), fx(rnd()%(1<<33)))
			}
		}
		a.endRow()
		b.endRow()
		alpha := fx(rnd() % (1 << 32))
		merged := matEma(a, b, alpha, n, make([]fx, n), new(sparse), make([]fx, n))
		// force the dense path: same rows, plus a trailing duplicate-free
		// unsorted permutation is not needed — call the dense loop directly.
		dense := newSparse(1, n)
		acc := make([]fx, n)
		nc, nv := a.row(0)
		oc, ov := b.row(0)
		for k, j := range nc {
			acc[j] = acc[j].SaturatingAdd(alpha.SaturatingMul(nv[k]))
		}
		for k, j := range oc {
			acc[j] = acc[j].SaturatingAdd(fixed.I32F32One.SaturatingSub(alpha).SaturatingMul(ov[k]))
		}
		for j := 0; j < n; j++ {
			if acc[j] > 0 {
				dense.push(uint16(j), acc[j])
			}
		}
		dense.endRow()
		sparseEqual(t, merged, dense, 0)
	}
}

// Evaluating liquid alphas only at a sorted row's columns must give the same
// EMA as evaluating the whole row (the reference's way).
func TestLiquidEmaLazyMatchesFull(t *testing.T) {
	x := uint64(7)
	rnd := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	const n = 30
	low, high := fixed.U16Proportion(25000), fixed.U16Proportion(50000)
	for trial := 0; trial < 200; trial++ {
		w, b := newSparse(1, n), newSparse(1, n)
		cons := make([]fx, n)
		for j := 0; j < n; j++ {
			cons[j] = fx(rnd() % (1 << 32))
			if rnd()%2 == 0 {
				w.push(uint16(j), fx(rnd()%(1<<32)))
			}
			if rnd()%2 == 0 {
				b.push(uint16(j), fx(rnd()%(1<<32)))
			}
		}
		w.endRow()
		b.endRow()
		steep := fixed.I32F32FromI64(int64(rnd()%4000) - 2000)
		lazy := liquidEma(w, b, cons, n, low, high, steep, make([]fx, n), make([]fx, n), new(sparse))
		full := liquidEmaEval(w, b, cons, n, low, high, steep, make([]fx, n), make([]fx, n), true, new(sparse))
		sparseEqual(t, lazy, full, 0)
	}
}

// matEmaAlpha is mat_ema_alpha_sparse on a full alpha matrix.
func matEmaAlpha(nw, old *sparse, alphas [][]fx) *sparse {
	out := newSparse(nw.rows(), len(nw.col))
	for i := 0; i < nw.rows(); i++ {
		nc, nv := nw.row(i)
		oc, ov := old.row(i)
		emaAlphaRow(out, nc, nv, oc, ov, alphas[i], make([]fx, len(alphas[i])))
		out.endRow()
	}
	return out
}

// Mirrors test_math_sparse_mat_ema_alpha and test_mat_ema_alpha_sparse_*.
func TestMatEmaAlphaSparse(t *testing.T) {
	alphas := func(v string, rows, cols int) [][]fx {
		a := make([][]fx, rows)
		for i := range a {
			a[i] = make([]fx, cols)
			for j := range a[i] {
				a[i][j] = f32(t, v)
			}
		}
		return a
	}
	cases := []struct{ old, new, want []string }{
		{[]string{"0.1", "0.2", "3", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.10", "0.11", "0.12"},
			[]string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
			[]string{"0.19", "0.38", "1", "0.43599", "0.545", "0.65399", "0.763", "0.87199", "0.981", "1", "1", "1"}},
		{[]string{"0.001", "0.002", "0.003", "0.004", "0.05", "0.006", "0.007", "0.008", "0.009", "0.010", "0.011", "0.012"},
			[]string{"0.1", "0.2", "3", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.10", "0.11", "0.12"},
			[]string{"0.0109", "0.0218", "0.30270", "0.007599", "0.05", "0.01139", "0.0133", "0.01519", "0.017", "0.01899", "0.02089", "0.0227"}},
		{[]string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"},
			[]string{"0.1", "0.2", "3", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.10", "0.11", "0.12"},
			[]string{"0.01", "0.02", "0.3", "0.00399", "0.005", "0.00599", "0.007", "0.00799", "0.009", "0.01", "0.011", "0.01199"}},
		{[]string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"},
			[]string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"},
			[]string{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"}},
	}
	for _, c := range cases {
		got := matEmaAlpha(sparseOf(f32s(t, c.new...), 4, false), sparseOf(f32s(t, c.old...), 4, false), alphas("0.1", 4, 3))
		sparseEqual(t, got, sparseOf(f32s(t, c.want...), 4, false), f32(t, "0.0001"))
	}
	// an old-only bond is dropped, not decayed (the sparse quirk)
	got := matEmaAlpha(sparseOf(f32s(t, "0", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "0"), 4, false),
		sparseOf(f32s(t, "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), 4, false), alphas("0.1", 4, 3))
	want := newSparse(4, 1)
	want.endRow()
	want.push(1, f32(t, "0.2"))
	want.endRow()
	want.endRow()
	want.endRow()
	sparseEqual(t, got, want, 0)
	// single element: 0.5·2 + 0.5·1 = 1.5, clamped to 1
	one := newSparse(1, 1)
	one.push(0, fixed.I32F32One)
	one.endRow()
	two := newSparse(1, 1)
	two.push(0, 2*fixed.I32F32One)
	two.endRow()
	sparseEqual(t, matEmaAlpha(one, two, [][]fx{{fixed.I32F32Half}}), one, 0)
}
