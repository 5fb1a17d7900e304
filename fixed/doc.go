// Package fixed implements the fixed-point number types that the Yuma epoch of
// the reference chain (opentensor/subtensor) computes with, bit for bit:
//
//   - I32F32: signed 64-bit, 32 fractional bits (the epoch's working type)
//   - I64F64: signed 128-bit, 64 fractional bits (stake normalisation)
//   - I96F32: signed 128-bit, 32 fractional bits (emission in rao)
//
// The semantics are those of the Rust crate substrate-fixed v0.6.0 (a fork of
// fixed 0.5) as the reference uses it:
//
//   - multiplication computes the exact double-width product and shifts it
//     right by the number of fractional bits, which floors (rounds towards
//     −∞); the saturating form clamps to the type's range, the checked form
//     reports overflow;
//   - division computes (a << frac) / b with truncation towards zero; the
//     checked form fails on a zero divisor or when the quotient does not fit,
//     and SafeDiv (the reference's safe-math crate) returns 0 in both cases;
//   - conversions to a type with fewer fractional bits floor, conversions to
//     integers floor and clamp to the integer's range (negative → 0 for
//     unsigned targets);
//   - Add is the plain (wrapping) addition that Rust's Sum performs in
//     release builds.
//
// Exp and ExpSafe port substrate_fixed::transcendental::exp (a truncated
// Taylor series evaluated in I32F32), so they are not the float exponential:
// they match the reference's liquid-alpha sigmoid bit for bit.
//
// The package also holds checked uint64 arithmetic (AddU64, MulDivU64, ...)
// that fails with ErrOverflow instead of wrapping.
//
// Everything here is deterministic and allocation-free; there are no floats.
// All values are plain comparable Go values and safe for concurrent use.
package fixed
