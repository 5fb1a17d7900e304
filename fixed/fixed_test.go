package fixed

import (
	"math"
	"math/big"
	"testing"
)

func refMul32(a, b I32F32) (*big.Int, bool) {
	p := new(big.Int).Mul(bigOf(a), bigOf(b))
	q := floorDiv(p, new(big.Int).Lsh(big.NewInt(1), 32))
	return q, fits(q, minI64, maxI64)
}

func refDiv32(a, b I32F32) (*big.Int, bool) {
	if b == 0 {
		return nil, false
	}
	n := new(big.Int).Lsh(bigOf(a), 32)
	q := new(big.Int).Quo(n, bigOf(b)) // truncation towards zero
	return q, fits(q, minI64, maxI64)
}

func checkI32F32(t *testing.T, a, b I32F32) {
	t.Helper()
	want, ok := refMul32(a, b)
	got, gok := a.CheckedMul(b)
	if ok != gok || (ok && want.Int64() != int64(got)) {
		t.Fatalf("CheckedMul(%d,%d) = %d,%v want %v,%v", a, b, got, gok, want, ok)
	}
	sm := a.SaturatingMul(b)
	if ok && int64(sm) != want.Int64() || !ok && want.Sign() > 0 && sm != I32F32Max || !ok && want.Sign() < 0 && sm != I32F32Min {
		t.Fatalf("SaturatingMul(%d,%d) = %d want %v", a, b, sm, want)
	}
	wq, qok := refDiv32(a, b)
	gq, gqok := a.CheckedDiv(b)
	if qok != gqok || (qok && wq.Int64() != int64(gq)) {
		t.Fatalf("CheckedDiv(%d,%d) = %d,%v want %v,%v", a, b, gq, gqok, wq, qok)
	}
	if sd := a.SafeDiv(b); !qok && sd != 0 || qok && int64(sd) != wq.Int64() {
		t.Fatalf("SafeDiv(%d,%d) = %d", a, b, sd)
	}
	s := new(big.Int).Add(bigOf(a), bigOf(b))
	sa := a.SaturatingAdd(b)
	switch {
	case s.Cmp(maxI64) > 0:
		if sa != I32F32Max {
			t.Fatalf("SaturatingAdd(%d,%d)=%d", a, b, sa)
		}
	case s.Cmp(minI64) < 0:
		if sa != I32F32Min {
			t.Fatalf("SaturatingAdd(%d,%d)=%d", a, b, sa)
		}
	default:
		if int64(sa) != s.Int64() {
			t.Fatalf("SaturatingAdd(%d,%d)=%d", a, b, sa)
		}
	}
	d := new(big.Int).Sub(bigOf(a), bigOf(b))
	sd := a.SaturatingSub(b)
	switch {
	case d.Cmp(maxI64) > 0:
		if sd != I32F32Max {
			t.Fatalf("SaturatingSub(%d,%d)=%d", a, b, sd)
		}
	case d.Cmp(minI64) < 0:
		if sd != I32F32Min {
			t.Fatalf("SaturatingSub(%d,%d)=%d", a, b, sd)
		}
	default:
		if int64(sd) != d.Int64() {
			t.Fatalf("SaturatingSub(%d,%d)=%d", a, b, sd)
		}
	}
}

var edge32 = []I32F32{0, 1, -1, 2, -2, I32F32One, -I32F32One, I32F32Half, I32F32One + 1, I32F32One - 1,
	65535 << 32, 1 << 40, -(1 << 40), 1<<62 + 12345, I32F32Max, I32F32Min, I32F32Max - 1, I32F32Min + 1,
	3865470566, 429496730, 123456789012345, -987654321098765}

func TestI32F32Edges(t *testing.T) {
	for _, a := range edge32 {
		for _, b := range edge32 {
			checkI32F32(t, a, b)
		}
	}
}

func FuzzI32F32(f *testing.F) {
	for _, a := range edge32 {
		f.Add(int64(a), int64(I32F32One))
	}
	f.Fuzz(func(t *testing.T, a, b int64) {
		checkI32F32(t, I32F32(a), I32F32(b))
		// proportion-range operands are what the epoch uses
		checkI32F32(t, I32F32(a)&(1<<33-1), I32F32(b)&(1<<33-1))
	})
}

func TestConversions(t *testing.T) {
	// math.rs test_math_fixed_to_u16 / _to_u64 / u16_to_fixed / proportions
	if got := I32F32FromU16(math.MaxUint16).ToU16(); got != math.MaxUint16 {
		t.Fatal(got)
	}
	if got := I32F32Max.ToU16(); got != math.MaxUint16 {
		t.Fatal("ToU16 should saturate", got)
	}
	if got := I32F32(-5 << 32).ToU16(); got != 0 {
		t.Fatal(got)
	}
	if got := I32F32Max.ToU64(); got != math.MaxInt32 {
		t.Fatal(got)
	}
	if got := (I32F32One + I32F32Half).ToU64(); got != 1 {
		t.Fatal(got)
	}
	if got := U16Proportion(math.MaxUint16); got != I32F32One {
		t.Fatal(got)
	}
	if got := U16Proportion(32767); got != 2147450879 { // floor(32767/65535*2^32) = 2147450879.5.. trunc
		t.Fatal(got)
	}
	if got := I32F32One.ProportionToU16(); got != 65535 {
		t.Fatal(got)
	}
	if got := I32F32Half.ProportionToU16(); got != 32767 {
		t.Fatal(got)
	}
	if got := I32F32Max.ProportionToU16(); got != 65535 {
		t.Fatal(got)
	}
	if got := I32F32FromU64(1 << 40); got != I32F32Max {
		t.Fatal(got)
	}
	if got := I32F32FromI64(-1 << 40); got != I32F32Min {
		t.Fatal(got)
	}
	for i := 0; i <= math.MaxUint16; i += 7 {
		if got := U16Proportion(uint16(i)).ProportionToU16(); got != uint16(i) && got != uint16(i-1) {
			t.Fatalf("round trip %d -> %d", i, got)
		}
	}
}

// test_math_fixed_overflow: alpha = 1 - I32F32(I64F64(900000)/I64F64(1e6)) == from_num(0.1)
func TestBondsMovingAverageAlpha(t *testing.T) {
	bma := I64F64FromU64(900_000).SafeDiv(I64F64FromU64(1_000_000))
	alpha := I32F32One.SaturatingSub(bma.ToI32F32())
	if alpha != f64(t, "0.1") || alpha != 429496730 {
		t.Fatalf("alpha = %d", alpha)
	}
	m := I64F64FromI32F32(I32F32Max)
	if a := I32F32One.SaturatingSub(m.SafeDiv(m).ToI32F32()); a != 0 {
		t.Fatal(a)
	}
}

// test_math_u64_normalization
func TestU64Normalization(t *testing.T) {
	max := I64F64FromU64(21_000_000_000_000_000)
	minFrac := I64F64FromU64(1).SafeDiv(max)
	if minFrac.ToI32F32() != 0 {
		t.Fatal("min frac")
	}
	hi, lo := minFrac.Bits()
	if hi != 0 || lo != 878 { // floor(2^64 / 2.1e16)
		t.Fatal(hi, lo)
	}
	min32 := I64F64FromU64(4_889_444).SafeDiv(max).ToI32F32()
	if min32 != f64(t, "0.0000000002") {
		t.Fatal(min32)
	}
	half := I64F64FromU64(10_500_000_000_000_000).SafeDiv(max)
	if half.ToI32F32() != I32F32Half {
		t.Fatal(half)
	}
	if one := max.SafeDiv(max); one.ToI32F32() != I32F32One || one.ToU64() != 1 {
		t.Fatal(one)
	}
}

func TestRound(t *testing.T) {
	cases := map[I32F32]I32F32{
		I32F32Half:                 I32F32One,
		I32F32Half - 1:             0,
		-I32F32Half:                -I32F32One,
		-I32F32Half + 1:            0,
		3*I32F32One + I32F32Half:   4 * I32F32One,
		-3*I32F32One - I32F32Half:  -4 * I32F32One,
		5 * I32F32One:              5 * I32F32One,
		5*I32F32One + I32F32Half/2: 5 * I32F32One,
	}
	for in, want := range cases {
		if got := in.Round(); got != want {
			t.Errorf("Round(%d) = %d want %d", in, got, want)
		}
	}
}

func TestChecked(t *testing.T) {
	if _, err := AddU64(math.MaxUint64, 1); err != ErrOverflow {
		t.Fatal(err)
	}
	if v, err := AddU64(1, 2); err != nil || v != 3 {
		t.Fatal(v, err)
	}
	if _, err := SubU64(1, 2); err != ErrOverflow {
		t.Fatal(err)
	}
	if _, err := MulU64(1<<32, 1<<32); err != ErrOverflow {
		t.Fatal(err)
	}
	if v, err := MulDivU64(1<<63, 2, 4); err != nil || v != 1<<62 {
		t.Fatal(v, err)
	}
	if _, err := MulDivU64(1, 1, 0); err != ErrDivisionByZero {
		t.Fatal(err)
	}
	if _, err := MulDivU64(1<<63, 4, 1); err != ErrOverflow {
		t.Fatal(err)
	}
	if _, err := DivU64(1, 0); err != ErrDivisionByZero {
		t.Fatal(err)
	}
	if SaturatingAddU64(math.MaxUint64, 5) != math.MaxUint64 || SaturatingSubU64(1, 5) != 0 || SaturatingMulU64(1<<40, 1<<40) != math.MaxUint64 {
		t.Fatal("saturating")
	}
}
