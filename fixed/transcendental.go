package fixed

// e as substrate-fixed's transcendental::E: the I9F23 constant
// (consts::E.to_bits() >> 103), i.e. e truncated to 23 fractional bits,
// widened exactly to I32F32.
const eI9F23Bits = 0xADF85458A2BB4A9A >> 39

// ExpE is the value Exp returns for exactly 1.
const ExpE I32F32 = eI9F23Bits << 9

// Exp ports substrate_fixed::transcendental::exp::<I32F32, I32F32>: a Taylor
// series 1 + x + x²/2! + … + x³¹/31! evaluated term by term with checked
// I32F32 multiplication (floor) and division (truncation); negative inputs
// are computed as 1/exp(-x). exp(0) = 1 and exp(1) = ExpE exactly. It
// returns false where the reference returns Err (an intermediate overflow).
func Exp(x I32F32) (I32F32, bool) {
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
		// term.checked_div(I32F32(i)) = (term<<32)/(i<<32) truncated = term/i
		// truncated, which always fits.
		term /= I32F32(i)
		if result, ok = result.CheckedAdd(term); !ok {
			return 0, false
		}
		if term == 0 {
			break // every later term is 0·x/i = 0: the sum is final
		}
	}
	if neg {
		if result, ok = I32F32One.CheckedDiv(result); !ok {
			return 0, false
		}
	}
	return result, true
}

// ExpSafe is the reference's exp_safe: x clamped to [-20, 20], then Exp; on
// failure 0 for x <= 0 and the maximum value otherwise.
func ExpSafe(x I32F32) I32F32 {
	const lim = 20 << 32
	if x < -lim {
		x = -lim
	} else if x > lim {
		x = lim
	}
	r, ok := Exp(x)
	if !ok {
		if x <= 0 {
			return 0
		}
		return I32F32Max
	}
	return r
}

// SigmoidSafe is the reference's sigmoid_safe:
// 1 / (1 + exp_safe(-rho * (x - kappa))), all in saturating I32F32 and
// safe_div.
func SigmoidSafe(x, rho, kappa I32F32) I32F32 {
	offset := x.SaturatingSub(kappa)
	negRho := rho.SaturatingMul(I32F32One.SaturatingNeg())
	e := ExpSafe(negRho.SaturatingMul(offset))
	return I32F32One.SafeDiv(e.SaturatingAdd(I32F32One))
}
