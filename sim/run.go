package sim

import (
	"math"
	"math/rand/v2"

	"github.com/taonet/taonet/yuma"
)

// Epoch is one simulated epoch: the exact yuma.Epoch input and its output.
type Epoch struct {
	Index  int
	Input  *yuma.Input
	Output *yuma.Output
	// Stake is the input stake in rao, per UID.
	Stake []uint64
}

// Result is a whole run. UID i < len(Validators) is validator i; UID
// len(Validators)+j is miner j.
type Result struct {
	Scenario *Scenario
	Epochs   []Epoch
}

// Names returns the neurons' names in UID order.
func (s *Scenario) Names() []string {
	out := make([]string, 0, len(s.Validators)+len(s.Miners))
	for _, v := range s.Validators {
		out = append(out, v.Name)
	}
	for _, m := range s.Miners {
		out = append(out, m.Name)
	}
	return out
}

// Run plays the scenario's epochs through yuma.Epoch, the chain's epoch
// code: each epoch's bonds and validator permits feed the next, as on
// chain. The run is deterministic for the scenario (its seed included).
func Run(s *Scenario) (*Result, error) {
	nv, nm := len(s.Validators), len(s.Miners)
	n := nv + nm
	tempo := max(s.Params.Tempo, 1)
	permits := make([]bool, n)
	bonds := make([][]yuma.Bond, n)
	if s.InitialPermits != nil {
		permits = s.InitialPermits
	}
	if s.InitialBonds != nil {
		bonds = s.InitialBonds
	}
	res := &Result{Scenario: s}
	for e := 0; e < s.Epochs; e++ {
		block := uint64(e+1) * tempo
		params := s.Params
		params.LastMechanismStepBlock = block - tempo
		in := &yuma.Input{
			N: uint16(n), Block: block, Params: params, RaoEmission: s.EmissionRao,
			LastUpdate: make([]uint64, n), BlockAtRegistration: make([]uint64, n),
			ValidatorPermit: permits, Weights: make([][]yuma.Weight, n), Bonds: bonds,
		}
		stake := make([]uint64, n)
		for i, v := range s.Validators {
			in.BlockAtRegistration[i] = uint64(v.JoinEpoch) * tempo
			if e < v.JoinEpoch {
				continue
			}
			stake[i] = v.StakeRao
			row := s.weightsOf(i, e, res)
			if row != nil {
				in.Weights[i] = row
				in.LastUpdate[i] = block
			}
		}
		in.Stake = yuma.StakeFromU64(stake)
		out, err := yuma.Epoch(in)
		if err != nil {
			return nil, err
		}
		res.Epochs = append(res.Epochs, Epoch{Index: e, Input: in, Output: out, Stake: stake})
		permits, bonds = out.ValidatorPermit, out.Bonds
	}
	return res, nil
}

// weightsOf is validator i's stored weight row at epoch e (nil: it sets
// none), max-upscaled to u16 as set_weights stores it, zeros dropped.
func (s *Scenario) weightsOf(i, e int, res *Result) []yuma.Weight {
	v := &s.Validators[i]
	nv := len(s.Validators)
	if v.Row != nil {
		if len(v.Row) == 0 {
			return nil
		}
		return v.Row
	}
	w := make([]float64, len(s.Miners))
	switch {
	case v.Policy == PolicyFixed:
		for j, m := range s.Miners {
			w[j] = v.Weights[m.Name]
		}
	case v.Policy == PolicySwitch && e >= v.AtEpoch:
		for j, m := range s.Miners {
			if m.Name == v.To {
				w[j] = 1
			}
		}
	case v.Policy == PolicyCopy:
		if e < v.Lag {
			return nil
		}
		past := res.Epochs[e-v.Lag].Output.Consensus
		for j := range s.Miners {
			w[j] = float64(past[nv+j])
		}
	default: // honest, and switch before its epoch
		rng := rand.New(rand.NewPCG(s.Seed, uint64(i)<<32|uint64(e)))
		for j := range s.Miners {
			w[j] = math.Max(0, s.Miners[j].QualityAt(e)+v.Noise*rng.NormFloat64())
		}
	}
	return upscale(w, nv)
}

// upscale scales w so its largest value is 65535 (rounded), dropping zeros;
// miner j is UID offset+j. All zeros give an empty row.
func upscale(w []float64, offset int) []yuma.Weight {
	var top float64
	for _, x := range w {
		top = math.Max(top, x)
	}
	row := []yuma.Weight{}
	if top <= 0 {
		return row
	}
	for j, x := range w {
		if u := uint16(math.Round(x / top * 65535)); u > 0 {
			row = append(row, yuma.Weight{UID: uint16(offset + j), Weight: u})
		}
	}
	return row
}
