package fixed

import "math/bits"

// AddU64 returns a+b or ErrOverflow.
func AddU64(a, b uint64) (uint64, error) {
	s, c := bits.Add64(a, b, 0)
	if c != 0 {
		return 0, ErrOverflow
	}
	return s, nil
}

// SubU64 returns a-b or ErrOverflow when b > a.
func SubU64(a, b uint64) (uint64, error) {
	d, bo := bits.Sub64(a, b, 0)
	if bo != 0 {
		return 0, ErrOverflow
	}
	return d, nil
}

// MulU64 returns a*b or ErrOverflow.
func MulU64(a, b uint64) (uint64, error) {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return 0, ErrOverflow
	}
	return lo, nil
}

// DivU64 returns a/b (floor) or ErrDivisionByZero.
func DivU64(a, b uint64) (uint64, error) {
	if b == 0 {
		return 0, ErrDivisionByZero
	}
	return a / b, nil
}

// MulDivU64 returns floor(a*b/c) computed with a 128-bit intermediate, or
// ErrDivisionByZero / ErrOverflow when the quotient does not fit in uint64.
func MulDivU64(a, b, c uint64) (uint64, error) {
	if c == 0 {
		return 0, ErrDivisionByZero
	}
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return 0, ErrOverflow
	}
	q, _ := bits.Div64(hi, lo, c)
	return q, nil
}

// SaturatingAddU64 returns a+b clamped to math.MaxUint64.
func SaturatingAddU64(a, b uint64) uint64 {
	s, c := bits.Add64(a, b, 0)
	if c != 0 {
		return ^uint64(0)
	}
	return s
}

// SaturatingSubU64 returns a-b clamped at 0.
func SaturatingSubU64(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}

// SaturatingMulU64 returns a*b clamped to math.MaxUint64.
func SaturatingMulU64(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return ^uint64(0)
	}
	return lo
}
