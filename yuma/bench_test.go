package yuma

import (
	"fmt"
	"testing"
)

// benchInput builds a subnet of n UIDs where the first v hold validator
// permits and each of them weights every UID (v = 64: sparse; v = n: dense),
// with bonds from a previous epoch. Deterministic (xorshift).
func benchInput(tb testing.TB, n, v int, yuma3 bool) *Input {
	tb.Helper()
	x := uint64(88172645463325252)
	rnd := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	in := &Input{
		N: uint16(n), Block: 1000, Params: DefaultParams(), Stake: nil,
		LastUpdate: make([]uint64, n), BlockAtRegistration: make([]uint64, n),
		ValidatorPermit: make([]bool, n), Weights: make([][]Weight, n), Bonds: make([][]Bond, n),
		RaoEmission: 1_000_000_000,
	}
	in.Params.MaxAllowedValidators = uint16(v)
	in.Params.Yuma3 = yuma3
	in.Params.LiquidAlpha = yuma3
	stake := make([]uint64, n)
	flat := make([]Weight, v*n)
	for i := range n {
		in.LastUpdate[i] = 990
		in.BlockAtRegistration[i] = rnd() % 500
		if i < v {
			stake[i] = 1_000_000 + rnd()%1_000_000_000_000
			in.ValidatorPermit[i] = true
			row := flat[i*n : (i+1)*n : (i+1)*n]
			for j := range row {
				row[j] = Weight{UID: uint16(j), Weight: uint16(rnd())}
			}
			in.Weights[i] = row
		} else {
			stake[i] = rnd() % 1000
		}
	}
	in.Stake = StakeFromU64(stake)
	out, err := Epoch(in)
	if err != nil {
		tb.Fatal(err)
	}
	in.Bonds = out.Bonds
	in.Block = 1010
	return in
}

func BenchmarkEpoch(b *testing.B) {
	for _, n := range []int{256, 1024, 4096} {
		for _, mode := range []string{"sparse", "dense"} {
			for _, y3 := range []bool{false, true} {
				v := 64
				if mode == "dense" {
					v = n
				}
				name := fmt.Sprintf("n=%d/%s", n, mode)
				if y3 {
					name += "-yuma3-liquid"
				}
				b.Run(name, func(b *testing.B) {
					in := benchInput(b, n, v, y3)
					b.ReportAllocs()
					b.ResetTimer()
					for b.Loop() {
						if _, err := Epoch(in); err != nil {
							b.Fatal(err)
						}
					}
				})
				// The same with a Workspace kept across epochs, as the chain can.
				b.Run(name+"-workspace", func(b *testing.B) {
					in := benchInput(b, n, v, y3)
					ws := new(Workspace)
					if _, err := ws.Epoch(in); err != nil { // first touch of the memory
						b.Fatal(err)
					}
					b.ReportAllocs()
					b.ResetTimer()
					for b.Loop() {
						if _, err := ws.Epoch(in); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

var sink uint64

// BenchmarkReadWeights is the baseline: one pass that only reads every
// weight of the same matrices (summing the u16 values).
func BenchmarkReadWeights(b *testing.B) {
	for _, n := range []int{256, 1024, 4096} {
		for _, mode := range []string{"sparse", "dense"} {
			v := 64
			if mode == "dense" {
				v = n
			}
			b.Run(fmt.Sprintf("n=%d/%s", n, mode), func(b *testing.B) {
				in := benchInput(b, n, v, false)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					var s uint64
					for _, row := range in.Weights {
						for _, w := range row {
							s += uint64(w.Weight)
						}
					}
					sink += s
				}
			})
		}
	}
}
