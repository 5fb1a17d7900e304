package coinbase

import (
	"testing"

	"github.com/taonet/taonet/chain/bank"
)

func TestBlockEmissionForIssuance(t *testing.T) {
	const tao = uint64(1_000_000_000)
	const s = bank.TotalSupply
	tests := []struct {
		name     string
		issuance uint64
		want     uint64
	}{
		{"genesis", 0, tao},
		{"just below first halving", s/2 - 1, tao},
		{"first halving 10.5M", s / 2, tao / 2},
		{"second halving 15.75M", s / 4 * 3, tao / 4},
		{"just below second", s/4*3 - 1, tao / 2},
		{"third 18.375M", s / 8 * 7, tao / 8},
		{"fourth 19.6875M", s / 16 * 15, tao / 16},
		{"near cap: emission halves to zero", s - 3, 0},
		{"last era that emits one rao", s - s>>29, 1},
		{"at cap", s, 0},
		{"above cap", s + 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BlockEmissionForIssuance(tt.issuance); got != tt.want {
				t.Fatalf("BlockEmissionForIssuance(%d) = %d, want %d", tt.issuance, got, tt.want)
			}
		})
	}
}

// TestHalvingThresholds checks 21M·(1−2^−k) for every era that still emits.
func TestHalvingThresholds(t *testing.T) {
	const s = bank.TotalSupply
	for k := 1; k < 30; k++ {
		th := s - s>>uint(k) // exact: S is divisible by 2^k for small k only; floor is the reference threshold
		if s%(1<<uint(k)) != 0 {
			break
		}
		if got, want := BlockEmissionForIssuance(th), DefaultBlockEmission>>uint(k); got != want {
			t.Fatalf("k=%d at threshold %d: got %d want %d", k, th, got, want)
		}
		if got, want := BlockEmissionForIssuance(th-1), DefaultBlockEmission>>uint(k-1); got != want {
			t.Fatalf("k=%d below threshold: got %d want %d", k, got, want)
		}
	}
}

func FuzzBlockEmissionMonotone(f *testing.F) {
	f.Add(uint64(0), uint64(1))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		if a > b {
			a, b = b, a
		}
		ea, eb := BlockEmissionForIssuance(a), BlockEmissionForIssuance(b)
		if eb > ea {
			t.Fatalf("emission rose with issuance: %d→%d gives %d→%d", a, b, ea, eb)
		}
		if a < bank.TotalSupply && a+ea > bank.TotalSupply {
			t.Fatalf("emission %d at %d passes the cap", ea, a)
		}
	})
}
