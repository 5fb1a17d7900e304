package subtensor

import (
	"testing"

	"github.com/taonet/taonet/chain/module"
)

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
	// Same score and same registration block: the lowest UID (the
	// reference's scan keeps the first strict minimum). A lower score wins
	// over an earlier registration.
	c, d := e.neuron(id, "c"), e.neuron(id, "d")
	for _, uid := range []uint16{a, a + 1} {
		n, _ := GetNeuron(e.kv, id, uid)
		n.PruningScore = 9
		setNeuron(e.kv, id, &n)
	}
	for _, uid := range []uint16{c, d} {
		n, _ := GetNeuron(e.kv, id, uid)
		n.PruningScore = 5
		setNeuron(e.kv, id, &n)
	}
	if got, ok := NeuronToPrune(e.kv, id, uint64(e.height)); !ok || got != c {
		t.Fatalf("NeuronToPrune = %d, %v; want uid %d (lowest score, then lowest UID)", got, ok, c)
	}
}

// A subnet without emission (no root weights) still ranks its UIDs by the
// epoch's combined emission scores, as run_epoch's pruning_scores do, and
// a registration on the full subnet replaces the lowest-scoring miner.
func TestPruningScoresFromEpochWithoutEmission(t *testing.T) {
	e, id, v := weightsEnv(t)
	e.setParams(id, func(p *SubnetParams) { p.Tempo, p.ImmunityPeriod, p.MaxAllowedUIDs = 4, 0, 4 })
	e.fund(acct("v"), 10*TAO)
	e.ok(acct("v"), func(ctx *module.Context) error { return AddStake(ctx, acct("v"), v, 5*TAO) })
	e.block() // weights set in the miners' registration block would be outdated
	e.ok(v, func(ctx *module.Context) error { return SetWeights(ctx, v, id, []uint16{2, 3}, []uint16{3, 1}, 0) })
	e.blocks(6) // one epoch of subnet id
	if st := State(e.kv, id); st.PendingEmission != 0 || st.LastStepBlock == 0 {
		t.Fatalf("want an epoch with zero emission: %+v", st)
	}
	score := func(uid uint16) uint16 { n, _ := GetNeuron(e.kv, id, uid); return n.PruningScore }
	if score(1) != 65535 || score(2) <= score(3) || score(3) == 0 || score(0) != 0 {
		t.Fatalf("pruning scores owner %d, validator %d, miners %d and %d", score(0), score(1), score(2), score(3))
	}
	if uid := e.neuron(id, "late"); uid != 3 {
		t.Fatalf("the new neuron took uid %d, want 3 (the lowest pruning score)", uid)
	}
}
