package fixed

// u16Max is 65535 as I32F32, the reference's proportion denominator
// (u16::MAX, not 65536).
const u16Max = I32F32(65535 << 32)

// U16Proportion returns v/65535 (the reference's u16_proportion_to_fixed).
func U16Proportion(v uint16) I32F32 { return I32F32FromU16(v).SafeDiv(u16Max) }

// ProportionOfU16 returns x/65535 for an I32F32 that holds a raw u16 value
// (the reference's fixed_to_fixed_u16_proportion).
func ProportionOfU16(x I32F32) I32F32 { return x.SafeDiv(u16Max) }

// ProportionToU16 returns floor(x*65535) clamped to [0, 65535] (the
// reference's fixed_proportion_to_u16): the stored form of a proportion.
func (x I32F32) ProportionToU16() uint16 { return x.SaturatingMul(u16Max).ToU16() }
