package fixed

import (
	"math/big"
	"testing"
)

// fromDecimal mirrors Rust's I32F32::from_num(<float literal>): the decimal is
// first rounded to a binary float of prec mantissa bits (24 for f32, 53 for
// f64), then to the nearest multiple of 2^-32, ties to even. No Go floats.
func fromDecimal(t testing.TB, s string, prec uint) I32F32 {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad decimal %q", s)
	}
	f := new(big.Float).SetPrec(prec).SetMode(big.ToNearestEven).SetRat(r)
	f.SetMantExp(f, 32)
	g := new(big.Float).SetPrec(200).Set(f)
	i, acc := g.Int(nil)
	// round half to even
	frac := new(big.Float).SetPrec(200).Sub(g, new(big.Float).SetInt(i))
	if acc != big.Exact {
		half := big.NewFloat(0.5)
		neg := g.Sign() < 0
		if neg {
			frac.Neg(frac)
		}
		c := frac.Cmp(half)
		if c > 0 || (c == 0 && i.Bit(0) == 1) {
			if neg {
				i.Sub(i, big.NewInt(1))
			} else {
				i.Add(i, big.NewInt(1))
			}
		}
	}
	return I32F32(i.Int64())
}

func f64(t testing.TB, s string) I32F32 { return fromDecimal(t, s, 53) }
func f32(t testing.TB, s string) I32F32 { return fromDecimal(t, s, 24) }

func bigOf(x I32F32) *big.Int { return big.NewInt(int64(x)) }

func bigOf128(v int128) *big.Int {
	b := new(big.Int).SetUint64(v.hi)
	b.Lsh(b, 64)
	b.Or(b, new(big.Int).SetUint64(v.lo))
	if v.neg() {
		b.Sub(b, new(big.Int).Lsh(big.NewInt(1), 128))
	}
	return b
}

// floorDiv returns floor(a/b) for b > 0.
func floorDiv(a, b *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(a, b, new(big.Int)) // Euclidean: m >= 0
	_ = m
	return q
}

var (
	minI64  = new(big.Int).Lsh(big.NewInt(-1), 63)
	maxI64  = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 63), big.NewInt(1))
	minI128 = new(big.Int).Lsh(big.NewInt(-1), 127)
	maxI128 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
)

func fits(v, lo, hi *big.Int) bool { return v.Cmp(lo) >= 0 && v.Cmp(hi) <= 0 }
