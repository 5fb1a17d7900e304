package fixed

// I96F32 is a signed fixed-point number with 96 integer and 32 fractional
// bits (128-bit two's complement). The zero value is 0.
type I96F32 struct{ v int128 }

// I96F32FromBits returns the number whose raw bits are hi:lo.
func I96F32FromBits(hi, lo uint64) I96F32 { return I96F32{int128{hi, lo}} }

// Bits returns the raw bits as (hi, lo).
func (x I96F32) Bits() (hi, lo uint64) { return x.v.hi, x.v.lo }

// I96F32FromU64 converts exactly.
func I96F32FromU64(v uint64) I96F32 { return I96F32{int128{hi: v >> 32, lo: v << 32}} }

// I96F32FromI32F32 converts exactly (sign extension).
func I96F32FromI32F32(x I32F32) I96F32 { return I96F32{int128FromI64(int64(x))} }

// Cmp compares x and y: -1, 0 or +1.
func (x I96F32) Cmp(y I96F32) int { return x.v.cmp(y.v) }

// SaturatingAdd returns x+y clamped to the type's range.
func (x I96F32) SaturatingAdd(y I96F32) I96F32 { return I96F32{x.v.saturatingAdd(y.v)} }

// SaturatingSub returns x-y clamped to the type's range.
func (x I96F32) SaturatingSub(y I96F32) I96F32 { return I96F32{x.v.saturatingSub(y.v)} }

// SaturatingMul returns floor(x*y) clamped to the type's range.
func (x I96F32) SaturatingMul(y I96F32) I96F32 {
	r, o := mulShr(x.v, y.v, 32)
	if o {
		if x.v.neg() != y.v.neg() {
			return I96F32{int128Min}
		}
		return I96F32{int128Max}
	}
	return I96F32{r}
}

// CheckedDiv returns (x<<32)/y truncated towards zero, or false on a zero
// divisor or overflow.
func (x I96F32) CheckedDiv(y I96F32) (I96F32, bool) {
	r, ok := divShl(x.v, y.v, 32)
	return I96F32{r}, ok
}

// SafeDiv is CheckedDiv, or 0 on a zero divisor or overflow.
func (x I96F32) SafeDiv(y I96F32) I96F32 {
	r, ok := x.CheckedDiv(y)
	if !ok {
		return I96F32{}
	}
	return r
}

// ToU64 floors x and clamps it to [0, MaxUint64] (saturating_to_num::<u64>).
func (x I96F32) ToU64() uint64 {
	if x.v.neg() {
		return 0
	}
	if x.v.hi>>32 != 0 {
		return ^uint64(0)
	}
	return x.v.hi<<32 | x.v.lo>>32
}

// ToI32F32 drops nothing (same fractional bits) and saturates to I32F32.
func (x I96F32) ToI32F32() I32F32 {
	r := int64(x.v.lo)
	if int64(x.v.hi) != r>>63 {
		if x.v.neg() {
			return I32F32Min
		}
		return I32F32Max
	}
	return I32F32(r)
}
