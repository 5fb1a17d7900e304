package sim

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/taonet/taonet/yuma"
)

// Summary is summary.json.
type Summary struct {
	Name       string             `json:"name"`
	Epochs     int                `json:"epochs"`
	Seed       uint64             `json:"seed"`
	Validators []ValidatorSummary `json:"validators"`
	Miners     []MinerSummary     `json:"miners"`
}

// ValidatorSummary is one validator's totals over the run.
type ValidatorSummary struct {
	Name string `json:"name"`
	// TotalDividends is the validator emission received, in TAO.
	TotalDividends float64 `json:"total_dividends"`
	// DividendShare is its share of all validators' dividends; StakeShare
	// its share of their stake; RelativeDividends the difference.
	DividendShare     float64 `json:"dividend_share"`
	StakeShare        float64 `json:"stake_share"`
	RelativeDividends float64 `json:"relative_dividends"`
}

// MinerSummary is one miner's totals over the run.
type MinerSummary struct {
	Name string `json:"name"`
	// TotalIncentive is the server emission received, in TAO.
	TotalIncentive float64 `json:"total_incentive"`
	// MeanIncentive is the mean incentive proportion per epoch.
	MeanIncentive float64 `json:"mean_incentive"`
}

func tao(rao uint64) float64   { return float64(rao) / 1e9 }
func prop(v uint16) float64    { return float64(v) / 65535 }
func round9(x float64) float64 { return float64(int64(x*1e9+0.5*sign(x))) / 1e9 }
func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// Summarize computes summary.json.
func (r *Result) Summarize() *Summary {
	s := r.Scenario
	nv := len(s.Validators)
	sum := &Summary{Name: s.Name, Epochs: s.Epochs, Seed: s.Seed}
	div := make([]uint64, nv)
	var divTotal, stakeTotal uint64
	for _, e := range r.Epochs {
		for i := range nv {
			div[i] += e.Output.ValidatorEmission[i]
			divTotal += e.Output.ValidatorEmission[i]
		}
	}
	for _, v := range s.Validators {
		stakeTotal += v.StakeRao
	}
	for i, v := range s.Validators {
		vs := ValidatorSummary{Name: v.Name, TotalDividends: tao(div[i])}
		if divTotal > 0 {
			vs.DividendShare = float64(div[i]) / float64(divTotal)
		}
		if stakeTotal > 0 {
			vs.StakeShare = float64(v.StakeRao) / float64(stakeTotal)
		}
		vs.RelativeDividends = round9(vs.DividendShare - vs.StakeShare)
		vs.DividendShare, vs.StakeShare = round9(vs.DividendShare), round9(vs.StakeShare)
		sum.Validators = append(sum.Validators, vs)
	}
	for j, m := range s.Miners {
		var inc uint64
		var mean float64
		for _, e := range r.Epochs {
			inc += e.Output.ServerEmission[nv+j]
			mean += prop(e.Output.Incentive[nv+j])
		}
		sum.Miners = append(sum.Miners, MinerSummary{Name: m.Name, TotalIncentive: tao(inc), MeanIncentive: round9(mean / float64(len(r.Epochs)))})
	}
	return sum
}

// Metric reads "name.field" from the summary (field as in summary.json).
func (s *Summary) Metric(metric string) (float64, error) {
	name, field, ok := strings.Cut(metric, ".")
	if !ok {
		return 0, fmt.Errorf("%w: metric %q: want name.field", ErrInvalid, metric)
	}
	for _, v := range s.Validators {
		if v.Name == name {
			switch field {
			case "total_dividends":
				return v.TotalDividends, nil
			case "dividend_share":
				return v.DividendShare, nil
			case "stake_share":
				return v.StakeShare, nil
			case "relative_dividends":
				return v.RelativeDividends, nil
			}
			return 0, fmt.Errorf("%w: metric %q: validators have total_dividends, dividend_share, stake_share, relative_dividends", ErrInvalid, metric)
		}
	}
	for _, m := range s.Miners {
		if m.Name == name {
			switch field {
			case "total_incentive":
				return m.TotalIncentive, nil
			case "mean_incentive":
				return m.MeanIncentive, nil
			}
			return 0, fmt.Errorf("%w: metric %q: miners have total_incentive, mean_incentive", ErrInvalid, metric)
		}
	}
	return 0, fmt.Errorf("%w: metric %q: no neuron named %q", ErrInvalid, metric, name)
}

// WriteCSV writes epochs.csv.
func (r *Result) WriteCSV(w io.Writer) error {
	s := r.Scenario
	names := s.Names()
	nv := len(s.Validators)
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"epoch", "block", "uid", "name", "role", "stake", "weights", "consensus", "incentive", "dividends", "bonds", "emission"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	row := func(entries []yuma.Weight) string {
		var total float64
		for _, e := range entries {
			total += float64(e.Weight)
		}
		parts := make([]string, 0, len(entries))
		for _, e := range entries {
			parts = append(parts, names[e.UID]+":"+strconv.FormatFloat(float64(e.Weight)/total, 'f', 6, 64))
		}
		return strings.Join(parts, ";")
	}
	for _, e := range r.Epochs {
		for uid := range names {
			role, weights, bonds := "miner", "", ""
			if uid < nv {
				role = "validator"
				weights = row(e.Input.Weights[uid])
				bs := make([]yuma.Weight, len(e.Output.Bonds[uid]))
				for k, b := range e.Output.Bonds[uid] {
					bs[k] = yuma.Weight{UID: b.UID, Weight: b.Bond}
				}
				parts := make([]string, len(bs))
				for k, b := range bs {
					parts[k] = names[b.UID] + ":" + strconv.FormatFloat(prop(b.Weight), 'f', 6, 64)
				}
				bonds = strings.Join(parts, ";")
			}
			var stake uint64
			if uid < nv && e.Index >= s.Validators[uid].JoinEpoch {
				stake = s.Validators[uid].StakeRao
			}
			o := e.Output
			if err := cw.Write([]string{strconv.Itoa(e.Index), strconv.FormatUint(e.Input.Block, 10), strconv.Itoa(uid), names[uid], role,
				f(tao(stake)), weights, f(prop(o.Consensus[uid])), f(prop(o.Incentive[uid])), f(prop(o.Dividends[uid])), bonds,
				f(tao(o.Emission[uid]))}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// yumaFile is the `taonet yuma run` scenario format (specs/yuma-scenario.md).
type yumaFile struct {
	Notes        string         `json:"notes"`
	Hyperparams  map[string]any `json:"hyperparams"`
	N            int            `json:"n"`
	Stake        []uint64       `json:"stake"`
	RaoEmission  uint64         `json:"rao_emission"`
	InitialState struct {
		ValidatorPermit []bool     `json:"validator_permit"`
		Bonds           [][]uint16 `json:"bonds"`
	} `json:"initial_state"`
	Steps []yumaStep `json:"steps"`
}

type yumaStep struct {
	Block        uint64     `json:"block"`
	Weights      [][][2]int `json:"weights"`
	LastUpdate   []uint64   `json:"last_update"`
	RegisteredAt []uint64   `json:"registered_at"`
}

// YumaScenario returns epoch k's exact input as a `taonet yuma run` file:
// one step whose output equals epoch k's rows.
func (r *Result) YumaScenario(k int) ([]byte, error) {
	if k < 0 || k >= len(r.Epochs) {
		return nil, fmt.Errorf("%w: --emit-yuma-scenario %d: epochs are 0 … %d", ErrInvalid, k, len(r.Epochs)-1)
	}
	in := r.Epochs[k].Input
	p := in.Params
	n := int(in.N)
	f := yumaFile{
		Notes: fmt.Sprintf("taonet sim: scenario %q epoch %d", r.Scenario.Name, k),
		Hyperparams: map[string]any{
			"kappa": p.Kappa, "bonds_moving_average": p.BondsMovingAverage, "bonds_penalty": p.BondsPenalty,
			"tempo": p.Tempo, "activity_cutoff_blocks": p.ActivityCutoff, "max_allowed_validators": p.MaxAllowedValidators,
			"yuma3": p.Yuma3, "liquid_alpha": p.LiquidAlpha, "alpha_values_u16": []uint16{p.AlphaLow, p.AlphaHigh},
			"alpha_sigmoid_steepness": p.AlphaSigmoidSteepness, "commit_reveal": p.CommitReveal,
			"stake_threshold": p.StakeThreshold, "owner_uid": nil, "last_mechanism_step_block": p.LastMechanismStepBlock,
		},
		N: n, RaoEmission: in.RaoEmission, Stake: make([]uint64, n),
	}
	copy(f.Stake, r.Epochs[k].Stake)
	f.InitialState.ValidatorPermit = append([]bool{}, in.ValidatorPermit...)
	f.InitialState.Bonds = make([][]uint16, n)
	for i := range n {
		f.InitialState.Bonds[i] = make([]uint16, n)
		if i < len(in.Bonds) {
			for _, b := range in.Bonds[i] {
				f.InitialState.Bonds[i][b.UID] = b.Bond
			}
		}
	}
	step := yumaStep{Block: in.Block, Weights: make([][][2]int, n), LastUpdate: in.LastUpdate, RegisteredAt: in.BlockAtRegistration}
	for i := range n {
		step.Weights[i] = [][2]int{}
		for _, w := range in.Weights[i] {
			step.Weights[i] = append(step.Weights[i], [2]int{int(w.UID), int(w.Weight)})
		}
	}
	f.Steps = []yumaStep{step}
	return json.MarshalIndent(f, "", " ")
}

// WriteDir writes every output into dir (created if needed); emit ≥ 0 also
// writes yuma-epoch-<emit>.json.
func (r *Result) WriteDir(dir string, emit int) error {
	var yumaJSON []byte
	if emit >= 0 {
		b, err := r.YumaScenario(emit)
		if err != nil {
			return err
		}
		yumaJSON = b
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var csvBuf strings.Builder
	if err := r.WriteCSV(&csvBuf); err != nil {
		return err
	}
	sum, err := json.MarshalIndent(r.Summarize(), "", "  ")
	if err != nil {
		return err
	}
	files := map[string][]byte{"epochs.csv": []byte(csvBuf.String()), "summary.json": append(sum, '\n')}
	for _, c := range r.Charts() {
		files[c.Name+".svg"] = c.SVG()
		png, err := c.PNG()
		if err != nil {
			return err
		}
		files[c.Name+".png"] = png
	}
	if yumaJSON != nil {
		files[fmt.Sprintf("yuma-epoch-%d.json", emit)] = append(yumaJSON, '\n')
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
