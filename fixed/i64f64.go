package fixed

// I64F64 is a signed fixed-point number with 64 integer and 64 fractional
// bits (128-bit two's complement). The zero value is 0.
type I64F64 struct{ v int128 }

// I64F64FromBits returns the number whose raw 128-bit two's-complement bits
// are hi:lo.
func I64F64FromBits(hi, lo uint64) I64F64 { return I64F64{int128{hi, lo}} }

// Bits returns the raw bits as (hi, lo).
func (x I64F64) Bits() (hi, lo uint64) { return x.v.hi, x.v.lo }

// I64F64FromU64 converts, saturating at the type's maximum (v >= 2^63).
func I64F64FromU64(v uint64) I64F64 {
	if v >= 1<<63 {
		return I64F64{int128Max}
	}
	return I64F64{int128{hi: v}}
}

// I64F64FromI32F32 converts exactly.
func I64F64FromI32F32(x I32F32) I64F64 {
	v := int64(x)
	return I64F64{int128{hi: uint64(v >> 32), lo: uint64(v) << 32}}
}

// I64F64Max is the largest I64F64.
var I64F64Max = I64F64{int128Max}

// IsZero reports whether x == 0.
func (x I64F64) IsZero() bool { return x.v.isZero() }

// Cmp compares x and y: -1, 0 or +1.
func (x I64F64) Cmp(y I64F64) int { return x.v.cmp(y.v) }

// Add is plain (wrapping) addition, as Rust's Sum in release builds.
func (x I64F64) Add(y I64F64) I64F64 { return I64F64{x.v.add(y.v)} }

// SaturatingAdd returns x+y clamped to the type's range.
func (x I64F64) SaturatingAdd(y I64F64) I64F64 { return I64F64{x.v.saturatingAdd(y.v)} }

// SaturatingSub returns x-y clamped to the type's range.
func (x I64F64) SaturatingSub(y I64F64) I64F64 { return I64F64{x.v.saturatingSub(y.v)} }

// SaturatingMul returns floor(x*y) clamped to the type's range.
func (x I64F64) SaturatingMul(y I64F64) I64F64 {
	r, o := mulShr(x.v, y.v, 64)
	if o {
		if x.v.neg() != y.v.neg() {
			return I64F64{int128Min}
		}
		return I64F64{int128Max}
	}
	return I64F64{r}
}

// CheckedDiv returns (x<<64)/y truncated towards zero, or false on a zero
// divisor or overflow.
func (x I64F64) CheckedDiv(y I64F64) (I64F64, bool) {
	r, ok := divShl(x.v, y.v, 64)
	return I64F64{r}, ok
}

// SafeDiv is CheckedDiv, or 0 on a zero divisor or overflow.
func (x I64F64) SafeDiv(y I64F64) I64F64 {
	r, ok := x.CheckedDiv(y)
	if !ok {
		return I64F64{}
	}
	return r
}

// SaturatingDiv is CheckedDiv clamped to the type's range on overflow
// (x/0 saturates by the sign of x; Rust would panic).
func (x I64F64) SaturatingDiv(y I64F64) I64F64 {
	r, ok := x.CheckedDiv(y)
	if ok {
		return r
	}
	if x.v.isZero() {
		return I64F64{}
	}
	if x.v.neg() != y.v.neg() {
		return I64F64{int128Min}
	}
	return I64F64{int128Max}
}

// ToI32F32 drops the low 32 fractional bits (floor) and saturates
// (I32F32::saturating_from_num(I64F64)).
func (x I64F64) ToI32F32() I32F32 {
	// floor(x / 2^32) as a 96-bit value: hi:lo >> 32 (arithmetic)
	hi := int64(x.v.hi)
	r := int64(x.v.hi<<32 | x.v.lo>>32)
	if hi>>31 != r>>63 {
		if hi < 0 {
			return I32F32Min
		}
		return I32F32Max
	}
	return I32F32(r)
}

// ToU64 floors x and clamps it at 0 (saturating_to_num::<u64>).
func (x I64F64) ToU64() uint64 {
	if x.v.neg() {
		return 0
	}
	return x.v.hi
}
