package yuma

import (
	"errors"
	"testing"

	"github.com/taonet/taonet/fixed"
)

// simple builds an n-UID input: every UID registered at 0, updated at block,
// stake s[i], all stored permits set, weights given.
func simple(block uint64, stake []uint64, w [][]Weight) *Input {
	n := len(stake)
	in := &Input{
		N: uint16(n), Block: block, Params: DefaultParams(), Stake: StakeFromU64(stake),
		LastUpdate: make([]uint64, n), BlockAtRegistration: make([]uint64, n),
		ValidatorPermit: make([]bool, n), Weights: w, RaoEmission: 1_000_000_000,
	}
	if in.Weights == nil {
		in.Weights = make([][]Weight, n)
	}
	for i := range n {
		in.LastUpdate[i] = block
		in.ValidatorPermit[i] = true
	}
	return in
}

func mustEpoch(t *testing.T, in *Input) *Output {
	t.Helper()
	out, err := Epoch(in)
	if err != nil {
		t.Fatal(err)
	}
	n := int(in.N)
	for name, l := range map[string]int{
		"Active": len(out.Active), "ValidatorPermit": len(out.ValidatorPermit), "StakeWeight": len(out.StakeWeight),
		"Consensus": len(out.Consensus), "Incentive": len(out.Incentive), "Dividends": len(out.Dividends),
		"ValidatorTrust": len(out.ValidatorTrust), "ServerEmission": len(out.ServerEmission),
		"ValidatorEmission": len(out.ValidatorEmission), "Emission": len(out.Emission), "Bonds": len(out.Bonds),
		"PruningScore": len(out.PruningScore),
	} {
		if l != n {
			t.Fatalf("%s has %d entries, want %d", name, l, n)
		}
	}
	var total uint64
	for i := range n {
		total += out.ServerEmission[i] + out.ValidatorEmission[i]
	}
	if total > in.RaoEmission {
		t.Fatalf("emitted %d > %d", total, in.RaoEmission)
	}
	return out
}

func TestEpochZeroStake(t *testing.T) {
	in := simple(10, []uint64{0, 0, 0}, [][]Weight{{{1, 65535}}, {{2, 65535}}, {{0, 65535}}})
	out := mustEpoch(t, in)
	for i := range 3 {
		if out.ValidatorPermit[i] || out.ValidatorEmission[i] != 0 || out.ServerEmission[i] != 0 || out.Emission[i] != 0 {
			t.Fatalf("uid %d: %+v", i, out)
		}
	}
}

func TestEpochNoWeights(t *testing.T) {
	in := simple(10, []uint64{1, 3}, nil)
	out := mustEpoch(t, in)
	// emission_sum == 0 with active stake: validators get active stake
	if out.ValidatorEmission[0] != 250000000 || out.ValidatorEmission[1] != 750000000 {
		t.Fatalf("validator emission %v", out.ValidatorEmission)
	}
	if out.Consensus[0] != 0 || out.Incentive[1] != 0 || out.Bonds[0] != nil {
		t.Fatalf("%+v", out)
	}
}

func TestEpochAllInactive(t *testing.T) {
	in := simple(10, []uint64{1, 1, 2}, [][]Weight{{{1, 65535}}, {{2, 65535}}, {{0, 65535}}})
	in.Block = 10 + in.Params.ActivityCutoff + 1
	out := mustEpoch(t, in)
	for i, a := range out.Active {
		if a {
			t.Fatalf("uid %d active", i)
		}
	}
	// no active stake: validator emission follows the (unmasked) stake
	if out.ValidatorEmission[2] != 500000000 || out.Incentive[0] != 0 {
		t.Fatalf("%+v", out)
	}
}

func TestEpochSingleNeuron(t *testing.T) {
	for _, w := range [][][]Weight{nil, {{{0, 65535}}}} {
		in := simple(5, []uint64{100}, w)
		out := mustEpoch(t, in)
		if !out.ValidatorPermit[0] || out.StakeWeight[0] != 65535 || out.ValidatorEmission[0] != 1_000_000_000 {
			t.Fatalf("%+v", out)
		}
		in.Params.Yuma3, in.Params.LiquidAlpha = true, true
		mustEpoch(t, in)
	}
}

func TestEpochEmptySubnet(t *testing.T) {
	out := mustEpoch(t, &Input{})
	if len(out.Active) != 0 {
		t.Fatal(out)
	}
}

func TestEpochInputError(t *testing.T) {
	in := simple(5, []uint64{1, 2}, nil)
	in.BlockAtRegistration = in.BlockAtRegistration[:1]
	_, err := Epoch(in)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "BlockAtRegistration" {
		t.Fatalf("err = %v", err)
	}
	in = simple(5, []uint64{1, 2}, nil)
	in.Bonds = make([][]Bond, 3)
	if _, err := Epoch(in); !errors.As(err, &ie) || ie.Field != "Bonds" {
		t.Fatalf("err = %v", err)
	}
}

// Two validators weight two miners; the owner keeps its self-weight and its
// permit, and is exempt from the stake threshold.
func TestEpochOwner(t *testing.T) {
	w := [][]Weight{{{2, 65535}}, {{1, 65535}, {3, 65535}}, nil, nil}
	in := simple(10, []uint64{50, 50, 0, 0}, w)
	in.Params.StakeThreshold = 100
	in.HasOwner, in.OwnerUID = true, 1
	in.ValidatorPermit = []bool{true, false, false, false} // owner's stored permit is forced on
	out := mustEpoch(t, in)
	if !out.ValidatorPermit[1] || out.StakeWeight[1] == 0 {
		t.Fatalf("owner: %+v", out)
	}
	if out.Incentive[1] == 0 {
		t.Fatalf("owner self-weight was masked: %+v", out.Incentive)
	}
	in.HasOwner = false
	out = mustEpoch(t, in)
	if out.StakeWeight[1] != 0 || out.Incentive[1] != 0 || out.ValidatorPermit[1] {
		t.Fatalf("no owner: %+v", out)
	}
}

// A pending commit made before a UID registered masks weights to it.
func TestEpochCommitReveal(t *testing.T) {
	w := [][]Weight{{{1, 65535}, {2, 65535}}, nil, nil}
	in := simple(100, []uint64{1000, 0, 0}, w)
	in.BlockAtRegistration = []uint64{0, 10, 50}
	in.Params.CommitReveal = true
	in.CommitBlock = []uint64{40, NoCommit, NoCommit}
	out := mustEpoch(t, in)
	if out.Incentive[1] != 65535 || out.Incentive[2] != 0 {
		t.Fatalf("incentive %v", out.Incentive)
	}
	in.Params.CommitReveal = false
	out = mustEpoch(t, in)
	if out.Incentive[1] != 32767 || out.Incentive[2] != 32767 {
		t.Fatalf("incentive without CR %v", out.Incentive)
	}
}

// Weights set at or before a UID's registration are dropped.
func TestEpochOutdatedWeights(t *testing.T) {
	w := [][]Weight{{{1, 65535}, {2, 65535}}, nil, nil}
	in := simple(100, []uint64{1000, 0, 0}, w)
	in.LastUpdate[0] = 60
	in.BlockAtRegistration = []uint64{0, 10, 60}
	out := mustEpoch(t, in)
	if out.Incentive[1] != 65535 || out.Incentive[2] != 0 {
		t.Fatalf("incentive %v", out.Incentive)
	}
}

// Bonds of validators that lose their permit are cleared; others are kept
// sparse. Yuma3 with and without liquid alpha keeps bonds in [0, 65535].
func TestEpochBondsModes(t *testing.T) {
	w := [][]Weight{{{2, 65535}, {3, 30000}}, {{2, 20000}, {3, 65535}}, nil, nil}
	for _, mode := range []struct{ y3, la bool }{{false, false}, {true, false}, {true, true}} {
		in := simple(1000, []uint64{600, 400, 0, 0}, w)
		in.Params.Yuma3, in.Params.LiquidAlpha = mode.y3, mode.la
		in.Params.MaxAllowedValidators = 2
		out := mustEpoch(t, in)
		for step := 0; step < 5; step++ {
			in.Bonds, in.ValidatorPermit = out.Bonds, out.ValidatorPermit
			in.Block += 360
			for i := range in.LastUpdate {
				in.LastUpdate[i] = in.Block
			}
			out = mustEpoch(t, in)
		}
		if len(out.Bonds[0]) != 2 || len(out.Bonds[1]) != 2 || out.Bonds[2] != nil {
			t.Fatalf("mode %+v: bonds %v", mode, out.Bonds)
		}
		if out.Dividends[0] == 0 || out.Dividends[1] == 0 {
			t.Fatalf("mode %+v: dividends %v", mode, out.Dividends)
		}
		in.Params.MaxAllowedValidators = 1
		out = mustEpoch(t, in)
		if out.ValidatorPermit[1] || out.Bonds[1] != nil {
			t.Fatalf("mode %+v: permit lost but bonds kept: %v", mode, out.Bonds)
		}
	}
}

// test_last_update_size_mismatch: a LastUpdate longer than N is tolerated.
func TestEpochLastUpdateSizeMismatch(t *testing.T) {
	in := simple(1, []uint64{1_000_000_000}, [][]Weight{{{0, 65535}}})
	in.LastUpdate = []uint64{1, 1, 1}
	out := mustEpoch(t, in)
	if out.Consensus[0] != 0 || out.Incentive[0] != 0 || out.Dividends[0] != 0 {
		t.Fatalf("%+v", out)
	}
	in.LastUpdate = nil // shorter: inactive, weights masked
	out = mustEpoch(t, in)
	if out.Active[0] {
		t.Fatal("uid without LastUpdate is active")
	}
}

func TestStakeNormalisationSaturates(t *testing.T) {
	in := simple(5, []uint64{1 << 63, ^uint64(0), 5}, nil)
	out := mustEpoch(t, in)
	// both saturate to the I64F64 maximum: equal halves (the sum wraps as in Rust)
	if out.StakeWeight[0] != out.StakeWeight[1] {
		t.Fatalf("%v", out.StakeWeight)
	}
	_ = fixed.I64F64Max
}

// FuzzEpoch: arbitrary small inputs never panic and keep the output shape.
func FuzzEpoch(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{1, 0})
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := 0
		next := func() uint64 {
			if p >= len(data) {
				return 0
			}
			p++
			return uint64(data[p-1])
		}
		n := int(next() % 9)
		in := &Input{N: uint16(n), Block: next() * 7, Params: DefaultParams(), RaoEmission: next() << 24}
		in.Params.ActivityCutoff = next()
		in.Params.Tempo = next()
		in.Params.Kappa = uint16(next() << 8)
		in.Params.BondsPenalty = uint16(next() << 8)
		in.Params.BondsMovingAverage = next() * 5000
		in.Params.MaxAllowedValidators = uint16(next() % 10)
		flags := next()
		in.Params.Yuma3, in.Params.LiquidAlpha, in.Params.CommitReveal = flags&1 != 0, flags&2 != 0, flags&4 != 0
		in.HasOwner = flags&8 != 0
		in.OwnerUID = uint16(next() % 10)
		in.Params.AlphaSigmoidSteepness = int16(next()<<8 | next())
		in.Params.AlphaLow, in.Params.AlphaHigh = uint16(next()<<8), uint16(next()<<8)
		in.Params.StakeThreshold = next()
		in.Params.LastMechanismStepBlock = next()
		stake := make([]uint64, n)
		in.LastUpdate, in.BlockAtRegistration = make([]uint64, n), make([]uint64, n)
		in.ValidatorPermit, in.Weights, in.Bonds = make([]bool, n), make([][]Weight, n), make([][]Bond, n)
		in.CommitBlock = make([]uint64, n)
		for i := range n {
			stake[i] = next() << (next() % 48) // realistic totals: the I64F64 stake sum wraps as in Rust
			in.LastUpdate[i] = next() * 7
			in.BlockAtRegistration[i] = next() * 7
			in.ValidatorPermit[i] = next()%2 == 0
			in.CommitBlock[i] = next() * 7
			for k := int(next() % 6); k > 0; k-- {
				in.Weights[i] = append(in.Weights[i], Weight{UID: uint16(next() % 10), Weight: uint16(next() << 8)})
			}
			for k := int(next() % 6); k > 0; k-- {
				in.Bonds[i] = append(in.Bonds[i], Bond{UID: uint16(next() % 10), Bond: uint16(next() << 8)})
			}
		}
		in.Stake = StakeFromU64(stake)
		mustEpoch(t, in)
	})
}
