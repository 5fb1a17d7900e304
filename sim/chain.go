package sim

import (
	"fmt"
	"sort"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/yuma"
)

// FromMetagraph builds a scenario that starts from a live subnet's
// metagraph (GET /v1/subnets/{netuid}/metagraph, with weights and bonds):
// its stakes, stored weights, bonds, validator permits and
// hyperparameters. Every UID with stake or weights becomes a validator that
// keeps submitting its chain weights (policy fixed); the others are miners.
// UIDs are renumbered validators first; names are "uid<N>" after the
// chain's UIDs. Play it forward with other parameters by editing Params.
func FromMetagraph(m *api.Metagraph, epochs int) (*Scenario, error) {
	n := int(m.N)
	if n == 0 {
		return nil, fmt.Errorf("%w: subnet %d has no neurons", ErrInvalid, m.Netuid)
	}
	if m.Weights == nil || m.Bonds == nil {
		return nil, fmt.Errorf("%w: the metagraph has no weights or bonds (ask without lite)", ErrInvalid)
	}
	if epochs < 1 || epochs > MaxEpochs {
		return nil, &FieldError{Field: "--epochs", Reason: fmt.Sprintf("must be in [1, %d]", MaxEpochs)}
	}
	h := m.Subnet.Hyperparameters
	p := DefaultParams()
	p.Kappa, p.BondsMovingAverage, p.BondsPenalty, p.Tempo = h.Kappa, h.BondsMovingAverage, h.BondsPenalty, uint64(max(h.Tempo, 1))
	p.MaxAllowedValidators, p.Yuma3, p.LiquidAlpha = h.MaxAllowedValidators, h.Yuma3Enabled, h.LiquidAlphaEnabled
	p.AlphaLow, p.AlphaHigh, p.AlphaSigmoidSteepness = h.AlphaLow, h.AlphaHigh, h.AlphaSigmoidSteepness
	s := &Scenario{Name: fmt.Sprintf("subnet-%d-at-%d", m.Netuid, m.Block), Epochs: epochs, EmissionRao: 1_000_000_000, Params: p,
		Description: fmt.Sprintf("subnet %d replayed from block %d", m.Netuid, m.Block)}
	// Validators first, then miners; newUID maps chain UIDs.
	var vals, miners []int
	for uid := range n {
		if m.Stake[uid] > 0 || len(m.Weights[uid]) > 0 {
			vals = append(vals, uid)
		} else {
			miners = append(miners, uid)
		}
	}
	order := append(append([]int{}, vals...), miners...)
	newUID := make([]uint16, n)
	for k, uid := range order {
		newUID[uid] = uint16(k)
	}
	for _, uid := range vals {
		row := []yuma.Weight{}
		for _, e := range m.Weights[uid] {
			if int(e[0]) < n && e[1] > 0 {
				row = append(row, yuma.Weight{UID: newUID[e[0]], Weight: e[1]})
			}
		}
		sort.Slice(row, func(a, b int) bool { return row[a].UID < row[b].UID })
		s.Validators = append(s.Validators, Validator{Name: fmt.Sprintf("uid%d", uid), StakeRao: m.Stake[uid], Policy: PolicyFixed, Row: row})
	}
	for _, uid := range miners {
		s.Miners = append(s.Miners, Miner{Name: fmt.Sprintf("uid%d", uid)})
	}
	if len(s.Miners) == 0 {
		return nil, fmt.Errorf("%w: every UID of subnet %d has stake or weights: no miners to score", ErrInvalid, m.Netuid)
	}
	s.InitialPermits = make([]bool, n)
	s.InitialBonds = make([][]yuma.Bond, n)
	for uid := range n {
		k := newUID[uid]
		s.InitialPermits[k] = m.ValidatorPermit[uid]
		for _, e := range m.Bonds[uid] {
			if int(e[0]) < n && e[1] > 0 {
				s.InitialBonds[k] = append(s.InitialBonds[k], yuma.Bond{UID: newUID[e[0]], Bond: e[1]})
			}
		}
		sort.Slice(s.InitialBonds[k], func(a, b int) bool { return s.InitialBonds[k][a].UID < s.InitialBonds[k][b].UID })
	}
	return s, nil
}

// ApplyParams overrides the scenario's parameters with a document's
// `params`, `emission_per_epoch` and `seed` (the other keys are ignored).
func (s *Scenario) ApplyParams(doc map[string]any) error {
	p := &parser{}
	if v, ok := doc["params"]; ok {
		p.params(s, p.mapping("params", v))
	}
	if v, ok := doc["emission_per_epoch"]; ok {
		s.EmissionRao = taoToRao(p.nonNeg("emission_per_epoch", v))
	}
	if v, ok := doc["seed"]; ok {
		s.Seed = uint64(p.integer("seed", v, 0, 1<<62))
	}
	if p.err != nil {
		return p.err
	}
	return nil
}
