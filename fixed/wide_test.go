package fixed

import (
	"math/big"
	"testing"
)

func refMulShr(a, b int128, s uint) (*big.Int, bool) {
	p := new(big.Int).Mul(bigOf128(a), bigOf128(b))
	q := floorDiv(p, new(big.Int).Lsh(big.NewInt(1), s))
	return q, fits(q, minI128, maxI128)
}

func refDivShl(a, b int128, s uint) (*big.Int, bool) {
	if b.isZero() {
		return nil, false
	}
	q := new(big.Int).Quo(new(big.Int).Lsh(bigOf128(a), s), bigOf128(b))
	return q, fits(q, minI128, maxI128)
}

func checkWide(t *testing.T, a, b int128) {
	t.Helper()
	for _, s := range []uint{32, 64} {
		want, ok := refMulShr(a, b, s)
		got, o := mulShr(a, b, s)
		if ok == o || (ok && bigOf128(got).Cmp(want) != 0) {
			t.Fatalf("mulShr(%v,%v,%d) = %v,%v want %v,%v", bigOf128(a), bigOf128(b), s, bigOf128(got), !o, want, ok)
		}
		wq, qok := refDivShl(a, b, s)
		gq, gok := divShl(a, b, s)
		if qok != gok || (qok && bigOf128(gq).Cmp(wq) != 0) {
			t.Fatalf("divShl(%v,%v,%d) = %v,%v want %v,%v", bigOf128(a), bigOf128(b), s, bigOf128(gq), gok, wq, qok)
		}
	}
}

var edge128 = []int128{{}, {lo: 1}, {hi: ^uint64(0), lo: ^uint64(0)}, {hi: 1}, {hi: 1 << 32}, int128Max, int128Min,
	{hi: 21_000_000_000_000_000}, {hi: 3, lo: 1 << 63}, {hi: ^uint64(0) - 5, lo: 17}, {lo: 1 << 63}, {hi: 1<<62 + 99, lo: 12345}}

func TestWideEdges(t *testing.T) {
	for _, a := range edge128 {
		for _, b := range edge128 {
			checkWide(t, a, b)
		}
	}
}

func FuzzWide(f *testing.F) {
	f.Add(uint64(1), uint64(0), uint64(3), uint64(7))
	f.Add(uint64(21_000_000_000_000_000), uint64(0), uint64(1<<62), uint64(1))
	f.Fuzz(func(t *testing.T, ah, al, bh, bl uint64) {
		checkWide(t, int128{ah, al}, int128{bh, bl})
		checkWide(t, int128{ah >> 40, al}, int128{bh >> 20, bl})
		checkWide(t, int128{0, al}, int128{bh >> 40, bl})
	})
}

func TestWideTypes(t *testing.T) {
	// I96F32: emission = floor(I96F32(p) * rao)
	p := I32F32(429496729) // floor(0.1 * 2^32)
	e := I96F32FromI32F32(p).SaturatingMul(I96F32FromU64(1_000_000_000)).ToU64()
	if e != 99999999 {
		t.Fatal(e)
	}
	if got := I96F32FromU64(1 << 63).ToU64(); got != 1<<63 {
		t.Fatal(got)
	}
	big := I96F32FromU64(^uint64(0)).SaturatingMul(I96F32FromU64(4))
	if big.ToU64() != ^uint64(0) {
		t.Fatal("ToU64 should saturate")
	}
	if I96F32FromI32F32(-5).ToU64() != 0 {
		t.Fatal("negative")
	}
	if I96F32FromI32F32(I32F32Min).ToI32F32() != I32F32Min || I96F32FromU64(1<<40).ToI32F32() != I32F32Max {
		t.Fatal("ToI32F32")
	}
	// I64F64 -> I32F32 floors, also for negatives
	neg := I64F64FromI32F32(-1).SaturatingSub(I64F64FromBits(0, 1))
	if neg.ToI32F32() != -2 {
		t.Fatal(neg.ToI32F32())
	}
	if I64F64FromU64(1<<63).ToU64() != 1<<63-1 || I64F64Max.ToI32F32() != I32F32Max {
		t.Fatal("saturation")
	}
	if x := I64F64FromU64(3).SaturatingMul(I64F64FromU64(5)); x.ToU64() != 15 {
		t.Fatal(x)
	}
	if x := I64F64FromU64(3).SaturatingDiv(I64F64{}); x != I64F64Max {
		t.Fatal(x)
	}
}
