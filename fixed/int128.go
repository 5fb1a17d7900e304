package fixed

import "math/bits"

// int128 is a signed 128-bit two's-complement integer; I64F64 and I96F32
// are both built on it and differ only in the number of fractional bits.
type int128 struct {
	hi uint64
	lo uint64
}

var (
	int128Max = int128{hi: 1<<63 - 1, lo: ^uint64(0)}
	int128Min = int128{hi: 1 << 63}
)

func int128FromI64(v int64) int128 { return int128{hi: uint64(v >> 63), lo: uint64(v)} }

func (a int128) neg() bool { return int64(a.hi) < 0 }

func (a int128) isZero() bool { return a.hi == 0 && a.lo == 0 }

func (a int128) add(b int128) int128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, c)
	return int128{hi, lo}
}

func (a int128) sub(b int128) int128 {
	lo, bo := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, bo)
	return int128{hi, lo}
}

func (a int128) negate() int128 { return int128{}.sub(a) }

func (a int128) saturatingAdd(b int128) int128 {
	s := a.add(b)
	if a.neg() == b.neg() && s.neg() != a.neg() {
		if a.neg() {
			return int128Min
		}
		return int128Max
	}
	return s
}

func (a int128) saturatingSub(b int128) int128 {
	d := a.sub(b)
	if a.neg() != b.neg() && d.neg() != a.neg() {
		if a.neg() {
			return int128Min
		}
		return int128Max
	}
	return d
}

func (a int128) cmp(b int128) int {
	if a.hi != b.hi {
		if int64(a.hi) < int64(b.hi) {
			return -1
		}
		return 1
	}
	if a.lo != b.lo {
		if a.lo < b.lo {
			return -1
		}
		return 1
	}
	return 0
}

// abs returns the magnitude as an unsigned 128-bit pair (Min's magnitude 2^127 fits).
func (a int128) abs() (hi, lo uint64) {
	if a.neg() {
		n := a.negate()
		return n.hi, n.lo
	}
	return a.hi, a.lo
}

// u256 is an unsigned 256-bit integer, w[0] least significant.
type u256 [4]uint64

func mulU128(ahi, alo, bhi, blo uint64) u256 {
	var r u256
	h, l := bits.Mul64(alo, blo)
	r[0] = l
	r[1] = h
	h, l = bits.Mul64(alo, bhi)
	var c uint64
	r[1], c = bits.Add64(r[1], l, 0)
	r[2], c = bits.Add64(h, 0, c)
	r[3] = c
	h, l = bits.Mul64(ahi, blo)
	r[1], c = bits.Add64(r[1], l, 0)
	r[2], c = bits.Add64(r[2], h, c)
	r[3] += c
	h, l = bits.Mul64(ahi, bhi)
	r[2], c = bits.Add64(r[2], l, 0)
	r[3], _ = bits.Add64(r[3], h, c)
	return r
}

func (x u256) shr(s uint) u256 {
	for s >= 64 {
		x = u256{x[1], x[2], x[3], 0}
		s -= 64
	}
	if s == 0 {
		return x
	}
	return u256{
		x[0]>>s | x[1]<<(64-s),
		x[1]>>s | x[2]<<(64-s),
		x[2]>>s | x[3]<<(64-s),
		x[3] >> s,
	}
}

func (x u256) shl(s uint) u256 {
	for s >= 64 {
		x = u256{0, x[0], x[1], x[2]}
		s -= 64
	}
	if s == 0 {
		return x
	}
	return u256{
		x[0] << s,
		x[1]<<s | x[0]>>(64-s),
		x[2]<<s | x[1]>>(64-s),
		x[3]<<s | x[2]>>(64-s),
	}
}

// lowBitsNonZero reports whether any of the s least significant bits are set.
func (x u256) lowBitsNonZero(s uint) bool {
	for i := 0; s > 0; i++ {
		if s >= 64 {
			if x[i] != 0 {
				return true
			}
			s -= 64
			continue
		}
		return x[i]&(1<<s-1) != 0
	}
	return false
}

func (x u256) isZero() bool { return x[0]|x[1]|x[2]|x[3] == 0 }

// mulShr returns floor(a*b / 2^s) (rounding towards −∞, as an arithmetic
// shift of the exact product) and whether it overflowed int128.
func mulShr(a, b int128, s uint) (int128, bool) {
	neg := a.neg() != b.neg()
	ahi, alo := a.abs()
	bhi, blo := b.abs()
	p := mulU128(ahi, alo, bhi, blo)
	q := p.shr(s)
	if neg && !p.isZero() && p.lowBitsNonZero(s) {
		// floor of a negative value: magnitude rounds up
		var c uint64
		q[0], c = bits.Add64(q[0], 1, 0)
		q[1], c = bits.Add64(q[1], 0, c)
		q[2], c = bits.Add64(q[2], 0, c)
		q[3] += c
	}
	return fromMagnitude(q, neg)
}

// fromMagnitude applies a sign to an unsigned magnitude and checks that it fits.
func fromMagnitude(q u256, neg bool) (int128, bool) {
	if q[2] != 0 || q[3] != 0 {
		return int128{}, true
	}
	r := int128{hi: q[1], lo: q[0]}
	if neg {
		if q[1] > 1<<63 || (q[1] == 1<<63 && q[0] != 0) {
			return int128{}, true
		}
		return r.negate(), false
	}
	if q[1] >= 1<<63 {
		return int128{}, true
	}
	return r, false
}

// divShl returns (a << s) / b truncated towards zero, and ok=false on a zero
// divisor or when the quotient does not fit in int128.
func divShl(a, b int128, s uint) (int128, bool) {
	if b.isZero() {
		return int128{}, false
	}
	neg := a.neg() != b.neg()
	ahi, alo := a.abs()
	bhi, blo := b.abs()
	n := u256{alo, ahi}.shl(s)
	q := divU256U128(n, bhi, blo)
	r, o := fromMagnitude(q, neg)
	return r, !o
}

// divU256U128 returns floor(n / d) for d != 0.
func divU256U128(n u256, dhi, dlo uint64) u256 {
	var q u256
	if dhi == 0 {
		var r uint64
		for i := 3; i >= 0; i-- {
			q[i], r = bits.Div64(r, n[i], dlo)
		}
		return q
	}
	// Binary long division; the divisor has at least 65 bits, so the quotient
	// has at most 192 bits. rem stays below d < 2^128.
	nl := n.bitLen()
	var rhi, rlo uint64
	for i := nl - 1; i >= 0; i-- {
		top := rhi >> 63
		rhi = rhi<<1 | rlo>>63
		rlo = rlo<<1 | (n[i/64]>>(uint(i)%64))&1
		if top != 0 || rhi > dhi || (rhi == dhi && rlo >= dlo) {
			var bo uint64
			rlo, bo = bits.Sub64(rlo, dlo, 0)
			rhi, _ = bits.Sub64(rhi, dhi, bo)
			q[i/64] |= 1 << (uint(i) % 64)
		}
	}
	return q
}

func (x u256) bitLen() int {
	for i := 3; i >= 0; i-- {
		if x[i] != 0 {
			return i*64 + bits.Len64(x[i])
		}
	}
	return 0
}
