package fixed

import "testing"

func TestExp(t *testing.T) {
	if v, ok := Exp(0); !ok || v != I32F32One {
		t.Fatal(v)
	}
	if v, ok := Exp(I32F32One); !ok || v != ExpE || ExpE>>9 != 22802600 {
		t.Fatal(v, ExpE>>9)
	}
	if _, ok := Exp(I32F32Min); ok {
		t.Fatal("exp(min) should fail")
	}
	if _, ok := Exp(I32F32Max); ok {
		t.Fatal("exp(max) should overflow")
	}
	// test_math_exp_safe
	e20, _ := Exp(20 << 32)
	em20, _ := Exp(-20 << 32)
	for _, c := range []struct{ in, want I32F32 }{
		{0, I32F32One}, {I32F32One, ExpE},
		{-20 << 32, em20}, {-21 << 32, em20}, {I32F32Min, em20},
		{20 << 32, e20}, {21 << 32, e20}, {I32F32Max, e20},
	} {
		if got := ExpSafe(c.in); got != c.want {
			t.Errorf("ExpSafe(%d) = %d want %d", c.in, got, c.want)
		}
	}
}

// test_math_sigmoid_safe: the reference asserts these exact values.
func TestSigmoidSafe(t *testing.T) {
	tiny := f64(t, "0.0000000019")
	trust := []I32F32{I32F32Min, 0, f64(t, "0.4"), I32F32Half, f64(t, "0.6"), I32F32One, I32F32Max}
	check := func(rho, kappa I32F32, in []I32F32, want []I32F32) {
		t.Helper()
		for i, x := range in {
			if got := SigmoidSafe(x, rho, kappa); got != want[i] {
				t.Errorf("sigmoid(%d, rho %d, kappa %d) = %d want %d", x, rho, kappa, got, want[i])
			}
		}
	}
	check(I32F32Max, I32F32Max, trust, []I32F32{tiny, tiny, tiny, tiny, tiny, tiny, I32F32Half})
	check(I32F32Min, I32F32Min, trust, []I32F32{I32F32Half, tiny, tiny, tiny, tiny, tiny, tiny})
	var want []I32F32
	for _, s := range []string{"0.0000000019", "0.0000003057", "0.0474258729", "0.5", "0.952574127", "0.9999996943", "0.9999999981"} {
		want = append(want, f64(t, s))
	}
	check(30<<32, I32F32Half, trust, want)
	var in []I32F32
	for _, s := range []string{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"} {
		in = append(in, f32(t, s))
	}
	want = want[:0]
	for _, s := range []string{"0.0000000019", "0.0000001125", "0.0000061442", "0.0003353502", "0.017986214", "0.5",
		"0.9820138067", "0.9996646498", "0.9999938558", "0.9999998875", "0.9999999981"} {
		want = append(want, f64(t, s))
	}
	check(40<<32, I32F32Half, in, want)
}

// expFull is Exp without the early exit, the reference's loop verbatim.
func expFull(x I32F32) (I32F32, bool) {
	if x == 0 {
		return I32F32One, true
	}
	if x == I32F32One {
		return ExpE, true
	}
	neg := x < 0
	if neg {
		var ok bool
		if x, ok = x.CheckedNeg(); !ok {
			return 0, false
		}
	}
	result, ok := x.CheckedAdd(I32F32One)
	if !ok {
		return 0, false
	}
	term := x
	for i := int64(2); i < 32; i++ {
		if term, ok = term.CheckedMul(x); !ok {
			return 0, false
		}
		if term, ok = term.CheckedDiv(I32F32(i << 32)); !ok {
			return 0, false
		}
		if result, ok = result.CheckedAdd(term); !ok {
			return 0, false
		}
	}
	if neg {
		if result, ok = I32F32One.CheckedDiv(result); !ok {
			return 0, false
		}
	}
	return result, true
}

func FuzzExp(f *testing.F) {
	for _, x := range []int64{0, 1, -1, 1 << 32, -1 << 32, 20 << 32, -20 << 32, 1 << 31, 123456789} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x int64) {
		for _, v := range []I32F32{I32F32(x), I32F32(x % (21 << 32))} {
			a, aok := Exp(v)
			b, bok := expFull(v)
			if a != b || aok != bok {
				t.Fatalf("Exp(%d) = %d,%v; full loop %d,%v", v, a, aok, b, bok)
			}
		}
	})
}
