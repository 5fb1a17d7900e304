package yuma

import (
	"slices"
	"testing"

	"github.com/taonet/taonet/fixed"
)

func TestVecMaxUpscaleToU16(t *testing.T) {
	f := func(num, den uint64) fx { return fixed.I32F32FromBits(int64(num << 32 / den)) }
	tests := []struct {
		name string
		in   []fx
		want []uint16
	}{
		{"empty", nil, []uint16{}},
		{"all zero: every UID ties", []fx{0, 0, 0}, []uint16{0, 0, 0}},
		{"halves and quarters", []fx{f(1, 2), f(1, 4), f(1, 8)}, []uint16{65535, 32768, 16384}},
		{"two equal top scores both get 65535, not a share", []fx{f(1, 2), f(1, 2)}, []uint16{65535, 65535}},
		{"a tiny score rounds to 0", []fx{f(1, 1), 1}, []uint16{65535, 0}},
		{"above 32768: through the ratio", []fx{fixed.I32F32FromU16(40000), fixed.I32F32FromU16(20000)}, []uint16{65535, 32767}}, // 65535/40000 truncates first
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make([]uint16, len(tt.in))
			vecMaxUpscaleToU16(tt.in, got)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			if ref := refVecMaxUpscaleToU16(tt.in); !slices.Equal(got, ref) {
				t.Fatalf("got %v, the line-by-line port gives %v", got, ref)
			}
		})
	}
}

// Pruning scores are run_epoch's max-upscaled normalised combined
// emission: they follow incentive + dividends whatever RaoEmission is, so a
// subnet whose epoch distributes no TAO still ranks its UIDs.
func TestPruningScoresIgnoreRaoEmission(t *testing.T) {
	// UID 0 validates (stake), UIDs 1 and 2 mine; UID 1 gets 3/4 of the weight.
	w := [][]Weight{{{1, 49151}, {2, 16384}}, nil, nil}
	var first []uint16
	for _, rao := range []uint64{0, 1, 1_000_000_000} {
		in := simple(10, []uint64{1_000_000, 0, 0}, w)
		in.RaoEmission = rao
		out := mustEpoch(t, in)
		if first == nil {
			first = slices.Clone(out.PruningScore)
			// The validator's dividends (1/2) are the top score; miners follow their incentive.
			if first[0] != 65535 || first[1] <= first[2] || first[2] == 0 {
				t.Fatalf("pruning scores %v: want the validator on top, then UID 1 over UID 2", first)
			}
			continue
		}
		if !slices.Equal(out.PruningScore, first) {
			t.Fatalf("RaoEmission %d: pruning scores %v, with 0 they were %v", rao, out.PruningScore, first)
		}
	}
}

// No weights and no stake: every combined score is zero, every UID scores
// 0 and replacement falls to the tie-break rules.
func TestPruningScoresAllEqualWithoutEmissionScores(t *testing.T) {
	out := mustEpoch(t, simple(10, []uint64{0, 0, 0, 0}, nil))
	if !slices.Equal(out.PruningScore, []uint16{0, 0, 0, 0}) {
		t.Fatalf("pruning scores %v, want all 0", out.PruningScore)
	}
}

// With no weights the combined scores fall back to stake, as the reference.
func TestPruningScoresFallBackToStake(t *testing.T) {
	out := mustEpoch(t, simple(10, []uint64{300, 100, 0}, nil))
	if !slices.Equal(out.PruningScore, []uint16{65535, 21845, 0}) {
		t.Fatalf("pruning scores %v, want stake max-upscaled [65535 21845 0]", out.PruningScore)
	}
}
