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
