package subtensor

import (
	"reflect"
	"testing"
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
