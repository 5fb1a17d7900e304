package fixed

import (
	"math"
	"math/bits"
)

// I32F32 is a signed fixed-point number with 32 integer and 32 fractional
// bits: the value is int64(x) / 2^32. The zero value is 0.
type I32F32 int64

// I32F32 constants.
const (
	I32F32Zero I32F32 = 0
	I32F32One  I32F32 = 1 << 32
	I32F32Half I32F32 = 1 << 31
	I32F32Max  I32F32 = math.MaxInt64
	I32F32Min  I32F32 = math.MinInt64
	// I32F32Delta is the smallest positive value, 2^-32.
	I32F32Delta I32F32 = 1
)

// I32F32FromBits returns the number whose raw bits are b.
func I32F32FromBits(b int64) I32F32 { return I32F32(b) }

// Bits returns the raw two's-complement bits of x.
func (x I32F32) Bits() int64 { return int64(x) }

// I32F32FromU16 converts exactly (the reference's saturating_from_num(u16)).
func I32F32FromU16(v uint16) I32F32 { return I32F32(int64(v) << 32) }

// I32F32FromI64 converts, saturating outside [-2^31, 2^31).
func I32F32FromI64(v int64) I32F32 {
	if v > math.MaxInt32 {
		return I32F32Max
	}
	if v < math.MinInt32 {
		return I32F32Min
	}
	return I32F32(v << 32)
}

// I32F32FromU64 converts, saturating above 2^31 - 2^-32.
func I32F32FromU64(v uint64) I32F32 {
	if v > math.MaxInt32 {
		return I32F32Max
	}
	return I32F32(int64(v) << 32)
}

// Add is plain two's-complement addition (wrapping on overflow), as Rust's
// Sum of fixed values in a release build.
func (x I32F32) Add(y I32F32) I32F32 { return x + y }

// Sub is plain (wrapping) subtraction.
func (x I32F32) Sub(y I32F32) I32F32 { return x - y }

// SaturatingAdd returns x+y clamped to the type's range.
func (x I32F32) SaturatingAdd(y I32F32) I32F32 {
	s := x + y
	if (s > x) != (y > 0) {
		if y > 0 {
			return I32F32Max
		}
		return I32F32Min
	}
	return s
}

// SaturatingSub returns x-y clamped to the type's range.
func (x I32F32) SaturatingSub(y I32F32) I32F32 {
	d := x - y
	if (d < x) != (y > 0) {
		if y > 0 {
			return I32F32Min
		}
		return I32F32Max
	}
	return d
}

// SaturatingNeg returns -x, with -Min = Max.
func (x I32F32) SaturatingNeg() I32F32 {
	if x == I32F32Min {
		return I32F32Max
	}
	return -x
}

// mul128 is the exact signed 128-bit product of a and b.
func mul128(a, b int64) (hi int64, lo uint64) {
	h, l := bits.Mul64(uint64(a), uint64(b))
	hi = int64(h)
	if a < 0 {
		hi -= b
	}
	if b < 0 {
		hi -= a
	}
	return hi, l
}

// OverflowingMul returns floor(x*y) in I32F32 and whether it overflowed
// (the wrapped value is returned then).
func (x I32F32) OverflowingMul(y I32F32) (I32F32, bool) {
	if uint64(x)|uint64(y) < 1<<32 {
		// both in [0, 1): the product fits in 64 bits and cannot overflow
		return I32F32(uint64(x) * uint64(y) >> 32), false
	}
	hi, lo := mul128(int64(x), int64(y))
	r := int64(uint64(hi)<<32 | lo>>32)
	return I32F32(r), hi>>31 != r>>63
}

// CheckedMul returns floor(x*y) and true, or (0, false) on overflow.
func (x I32F32) CheckedMul(y I32F32) (I32F32, bool) {
	r, o := x.OverflowingMul(y)
	if o {
		return 0, false
	}
	return r, true
}

// SaturatingMul returns floor(x*y) clamped to the type's range.
func (x I32F32) SaturatingMul(y I32F32) I32F32 {
	r, o := x.OverflowingMul(y)
	if o {
		if (x < 0) != (y < 0) {
			return I32F32Min
		}
		return I32F32Max
	}
	return r
}

// CheckedDiv returns (x<<32)/y truncated towards zero and true, or (0, false)
// when y is zero or the quotient does not fit.
func (x I32F32) CheckedDiv(y I32F32) (I32F32, bool) {
	a, b := int64(x), int64(y)
	if b == 0 {
		return 0, false
	}
	if a >= 0 && b > 0 {
		var q uint64
		if hi, lo := uint64(a)>>32, uint64(a)<<32; hi == 0 {
			q = lo / uint64(b) // (a<<32) fits in 64 bits: one native division
		} else if hi < uint64(b) {
			q, _ = bits.Div64(hi, lo, uint64(b))
		} else {
			return 0, false // quotient >= 2^64
		}
		if q > math.MaxInt64 {
			return 0, false
		}
		return I32F32(q), true
	}
	neg := (a < 0) != (b < 0)
	ua, ub := absU64(a), absU64(b)
	hi, lo := ua>>32, ua<<32
	if hi >= ub {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, ub)
	if neg {
		if q > 1<<63 {
			return 0, false
		}
		return I32F32(-q), true
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	return I32F32(q), true
}

// SafeDiv is the reference's safe_div: CheckedDiv, or 0 on a zero divisor or
// overflow.
func (x I32F32) SafeDiv(y I32F32) I32F32 {
	q, _ := x.CheckedDiv(y)
	return q
}

// SaturatingDiv returns (x<<32)/y, clamped to the type's range on overflow.
// Rust panics on a zero divisor; here x/0 saturates by the sign of x (0/0 = 0).
func (x I32F32) SaturatingDiv(y I32F32) I32F32 {
	q, ok := x.CheckedDiv(y)
	if ok {
		return q
	}
	if x == 0 {
		return 0
	}
	if (x < 0) != (y < 0) {
		return I32F32Min
	}
	return I32F32Max
}

// CheckedNeg returns -x, or false for the minimum value.
func (x I32F32) CheckedNeg() (I32F32, bool) {
	if x == I32F32Min {
		return 0, false
	}
	return -x, true
}

// CheckedAdd returns x+y, or false on overflow.
func (x I32F32) CheckedAdd(y I32F32) (I32F32, bool) {
	s := x + y
	if (s > x) != (y > 0) {
		return 0, false
	}
	return s, true
}

// Floor returns the integer part rounded towards −∞ (as raw integer).
func (x I32F32) Floor() int64 { return int64(x) >> 32 }

// Round rounds to the nearest integer, ties away from zero, saturating
// (the fixed crate's round()).
func (x I32F32) Round() I32F32 {
	const half = 1 << 31
	if x >= 0 {
		if x > I32F32Max-half {
			return I32F32Max &^ (1<<32 - 1)
		}
		return (x + half) &^ (1<<32 - 1)
	}
	// negative: round half away from zero = -floor(-x + 1/2)
	if x == I32F32Min {
		return x
	}
	return -((-x + half) &^ (1<<32 - 1))
}

// ToU16 floors x and clamps it to [0, 65535] (saturating_to_num::<u16>).
func (x I32F32) ToU16() uint16 {
	if x < 0 {
		return 0
	}
	i := int64(x) >> 32
	if i > math.MaxUint16 {
		return math.MaxUint16
	}
	return uint16(i)
}

// ToU64 floors x and clamps it at 0 (saturating_to_num::<u64>).
func (x I32F32) ToU64() uint64 {
	if x < 0 {
		return 0
	}
	return uint64(int64(x) >> 32)
}

// Min returns the smaller of x and y.
func (x I32F32) Min(y I32F32) I32F32 {
	if y < x {
		return y
	}
	return x
}

// Max returns the larger of x and y.
func (x I32F32) Max(y I32F32) I32F32 {
	if y > x {
		return y
	}
	return x
}

// Clamp returns x.Min(hi).Max(lo), as the reference's clamp_value.
func (x I32F32) Clamp(lo, hi I32F32) I32F32 { return x.Min(hi).Max(lo) }

func absU64(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // -MinInt64 wraps to 1<<63, the right magnitude
	}
	return uint64(a)
}
