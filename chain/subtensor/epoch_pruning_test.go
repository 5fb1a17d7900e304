package subtensor

import (
	"reflect"
	"slices"
	"testing"

	"github.com/taonet/taonet/chain/module"
)

func TestPruningScores(t *testing.T) {
	tests := []struct {
		emission []uint64
		want     []uint16
	}{
		{[]uint64{0, 0, 0}, []uint16{0, 0, 0}}, // no emission: equal scores, tie-breaks decide
		{[]uint64{100, 50, 25}, []uint16{65535, 32768, 16384}},
		{[]uint64{7}, []uint16{65535}},
		{[]uint64{1_000_000_000, 0, 1}, []uint16{65535, 0, 0}},
		// Max-upscaled, not a share of 65535: two equal earners both score 65535.
		{[]uint64{300_000_000, 300_000_000}, []uint16{65535, 65535}},
	}
	for _, tt := range tests {
		if got := PruningScores(tt.emission); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PruningScores(%v) = %v, want %v", tt.emission, got, tt.want)
		}
	}
}

// With zero emission all scores tie and the earliest registration goes.
func TestNeuronToPruneTieBreaks(t *testing.T) {
	e := newEnv(t)
	id := e.subnet("owner")
	e.setParams(id, func(p *SubnetParams) { p.MaxRegsPerBlock, p.TargetRegsPerInterval, p.ImmunityPeriod = 10, 10, 0 })
	a := e.neuron(id, "a")
	e.block()
	e.neuron(id, "b")
	for _, uid := range []uint16{a, a + 1} {
		n, _ := GetNeuron(e.kv, id, uid)
		n.PruningScore = 0
		setNeuron(e.kv, id, &n)
	}
	if got, ok := NeuronToPrune(e.kv, id, uint64(e.height)); !ok || got != a {
		t.Fatalf("NeuronToPrune = %d, %v; want the earliest registered, uid %d", got, ok, a)
	}
}

// TestEpochPruningScores runs real epochs: with no emission every UID gets
// the same score (replacement falls to the tie-breaks); with emission the
// top earner scores 65535 (max-upscaled, not a share of 65535) and the
// scores follow the weights.
func TestEpochPruningScores(t *testing.T) {
	e, id, v := weightsEnv(t)
	e.fund(acct("v"), 100*TAO)
	e.ok(acct("v"), func(ctx *module.Context) error { return AddStake(ctx, acct("v"), v, 100*TAO) })
	e.setParams(id, func(p *SubnetParams) { p.Tempo, p.MinAllowedWeights = 1, 1 })
	e.height++ // weights set in a miner's registration block are masked as outdated
	e.ok(v, func(ctx *module.Context) error { return SetWeights(ctx, v, id, []uint16{2, 3}, []uint16{1, 3}, 0) })
	epoch := func() []uint16 {
		t.Helper()
		last := State(e.kv, id).LastStepBlock
		for range 3 {
			e.block()
			if State(e.kv, id).LastStepBlock != last {
				var out []uint16
				for _, n := range Neurons(e.kv, id) {
					out = append(out, n.PruningScore)
				}
				return out
			}
		}
		t.Fatal("no epoch ran")
		return nil
	}
	if got := epoch(); !reflect.DeepEqual(got, []uint16{0, 0, 0, 0}) {
		t.Fatalf("zero emission: pruning scores %v, want all equal (0)", got)
	}
	st := State(e.kv, id)
	st.PendingEmission = TAO
	setState(e.kv, id, &st)
	got := epoch()
	top := slices.Max(got)
	// Validator UID 1 earns half as dividends, miners 2 and 3 a quarter and
	// three quarters of the other half: 0.5, 0.125, 0.375 max-upscaled.
	if want := []uint16{0, 65535, 16384, 49151}; top != 65535 || !reflect.DeepEqual(got, want) {
		t.Fatalf("with emission: pruning scores %v, want %v", got, want)
	}
}
