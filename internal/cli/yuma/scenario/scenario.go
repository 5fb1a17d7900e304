// Package scenario reads the Yuma scenario files of specs/yuma-scenario.md
// and replays them through yuma.Epoch. It is tooling (JSON, I/O) for the
// `taonet yuma run` command and the conformance tests, not part of the state
// machine, which uses package yuma directly.
package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/taonet/taonet/yuma"
)

// Error is a malformed scenario: Field is the JSON path of the offending value.
type Error struct {
	Field  string
	Reason string
}

func (e *Error) Error() string { return e.Field + ": " + e.Reason }

// Scenario is a parsed, validated scenario.
type Scenario struct {
	N              uint16
	Params         yuma.Params
	HasOwner       bool
	OwnerUID       uint16
	Stake          []uint64
	RaoEmission    uint64
	InitialPermits []bool
	InitialBonds   [][]yuma.Bond
	Steps          []Step
}

// Step is one epoch of a scenario.
type Step struct {
	Block        uint64
	Weights      [][]yuma.Weight
	LastUpdate   []uint64
	RegisteredAt []uint64
	Stake        []uint64 // nil: keep the current stake
}

// Result is the output of a run: one StepResult per step.
type Result struct {
	Steps []StepResult `json:"steps"`
}

// StepResult is one step's output in the scenario format.
type StepResult struct {
	Block             uint64     `json:"block"`
	Active            []bool     `json:"active"`
	ValidatorPermit   []bool     `json:"validator_permit"`
	StakeWeight       []uint16   `json:"stake_weight"`
	Consensus         []uint16   `json:"consensus"`
	Incentive         []uint16   `json:"incentive"`
	Dividends         []uint16   `json:"dividends"`
	ValidatorTrust    []uint16   `json:"validator_trust"`
	ServerEmission    []uint64   `json:"server_emission"`
	ValidatorEmission []uint64   `json:"validator_emission"`
	Emission          []uint64   `json:"emission"`
	Bonds             [][]uint16 `json:"bonds"`
}

type rawScenario struct {
	Hyperparams  *rawHyper       `json:"hyperparams"`
	N            json.RawMessage `json:"n"`
	Stake        json.RawMessage `json:"stake"`
	RaoEmission  json.RawMessage `json:"rao_emission"`
	InitialState *struct {
		ValidatorPermit json.RawMessage `json:"validator_permit"`
		Bonds           json.RawMessage `json:"bonds"`
	} `json:"initial_state"`
	Steps []rawStep `json:"steps"`
}

type rawHyper struct {
	Kappa                  json.RawMessage `json:"kappa"`
	BondsMovingAverage     json.RawMessage `json:"bonds_moving_average"`
	BondsPenalty           json.RawMessage `json:"bonds_penalty"`
	Tempo                  json.RawMessage `json:"tempo"`
	ActivityCutoffBlocks   json.RawMessage `json:"activity_cutoff_blocks"`
	ActivityCutoffFactor   json.RawMessage `json:"activity_cutoff_factor_milli"`
	MaxAllowedValidators   json.RawMessage `json:"max_allowed_validators"`
	Yuma3                  json.RawMessage `json:"yuma3"`
	LiquidAlpha            json.RawMessage `json:"liquid_alpha"`
	AlphaValues            json.RawMessage `json:"alpha_values_u16"`
	AlphaSigmoidSteepness  json.RawMessage `json:"alpha_sigmoid_steepness"`
	CommitReveal           json.RawMessage `json:"commit_reveal"`
	StakeThreshold         json.RawMessage `json:"stake_threshold"`
	OwnerUID               json.RawMessage `json:"owner_uid"`
	LastMechanismStepBlock json.RawMessage `json:"last_mechanism_step_block"`
}

type rawStep struct {
	Block        json.RawMessage `json:"block"`
	Weights      json.RawMessage `json:"weights"`
	LastUpdate   json.RawMessage `json:"last_update"`
	RegisteredAt json.RawMessage `json:"registered_at"`
	Stake        json.RawMessage `json:"stake"`
}

// Parse reads and validates a scenario. Every error is an *Error naming the
// field, except a syntax error in the JSON itself.
func Parse(r io.Reader) (*Scenario, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var raw rawScenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fieldOfJSONError(err)
	}
	p := &parser{}
	s := &Scenario{}
	nv := p.uint("n", raw.N, math.MaxUint16, true)
	if p.err == nil && nv == 0 {
		p.fail("n", "must be at least 1")
	}
	s.N = uint16(nv)
	n := int(nv)
	if p.err != nil {
		return nil, p.err
	}
	s.Params, s.HasOwner, s.OwnerUID = p.hyper(raw.Hyperparams, n)
	s.Stake = p.u64s("stake", raw.Stake, n, true)
	s.RaoEmission = p.uint("rao_emission", raw.RaoEmission, math.MaxUint64, true)
	s.InitialPermits = make([]bool, n)
	s.InitialBonds = make([][]yuma.Bond, n)
	if raw.InitialState != nil {
		if raw.InitialState.ValidatorPermit != nil {
			s.InitialPermits = p.bools("initial_state.validator_permit", raw.InitialState.ValidatorPermit, n)
		}
		if raw.InitialState.Bonds != nil {
			s.InitialBonds = p.denseBonds("initial_state.bonds", raw.InitialState.Bonds, n)
		}
	}
	for k, rs := range raw.Steps {
		f := "steps[" + strconv.Itoa(k) + "]"
		st := Step{
			Block:        p.uint(f+".block", rs.Block, math.MaxUint64, true),
			Weights:      p.weights(f+".weights", rs.Weights, n),
			LastUpdate:   p.u64s(f+".last_update", rs.LastUpdate, n, true),
			RegisteredAt: p.u64s(f+".registered_at", rs.RegisteredAt, n, true),
			Stake:        p.u64s(f+".stake", rs.Stake, n, false),
		}
		s.Steps = append(s.Steps, st)
	}
	if p.err != nil {
		return nil, p.err
	}
	return s, nil
}

// Run replays the scenario: each step's bonds and validator permits become
// the stored state of the next.
func (s *Scenario) Run() (*Result, error) {
	n := int(s.N)
	permits := append([]bool(nil), s.InitialPermits...)
	bonds := s.InitialBonds
	stake := s.Stake
	res := &Result{Steps: []StepResult{}}
	for _, st := range s.Steps {
		if st.Stake != nil {
			stake = st.Stake
		}
		out, err := yuma.Epoch(&yuma.Input{
			N: s.N, Block: st.Block, Params: s.Params, HasOwner: s.HasOwner, OwnerUID: s.OwnerUID,
			Stake: yuma.StakeFromU64(stake), LastUpdate: st.LastUpdate, BlockAtRegistration: st.RegisteredAt,
			ValidatorPermit: permits, Weights: st.Weights, Bonds: bonds, RaoEmission: s.RaoEmission,
		})
		if err != nil {
			return nil, err
		}
		dense := make([][]uint16, n)
		for i := range dense {
			dense[i] = make([]uint16, n)
			for _, b := range out.Bonds[i] {
				dense[i][b.UID] = b.Bond
			}
		}
		res.Steps = append(res.Steps, StepResult{
			Block: st.Block, Active: out.Active, ValidatorPermit: out.ValidatorPermit,
			StakeWeight: out.StakeWeight, Consensus: out.Consensus, Incentive: out.Incentive,
			Dividends: out.Dividends, ValidatorTrust: out.ValidatorTrust,
			ServerEmission: out.ServerEmission, ValidatorEmission: out.ValidatorEmission, Emission: out.Emission,
			Bonds: dense,
		})
		permits, bonds = out.ValidatorPermit, out.Bonds
	}
	return res, nil
}

type parser struct{ err *Error }

func (p *parser) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
}

func isNull(raw json.RawMessage) bool { return raw == nil || string(bytes.TrimSpace(raw)) == "null" }

// uint parses a non-negative integer <= max.
func (p *parser) uint(field string, raw json.RawMessage, max uint64, required bool) uint64 {
	if isNull(raw) {
		if required {
			p.fail(field, "missing")
		}
		return 0
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil {
		p.fail(field, "not a number")
		return 0
	}
	v, err := strconv.ParseUint(num.String(), 10, 64)
	if err != nil || v > max {
		p.fail(field, "%s is not an integer in [0, %d]", num, max)
		return 0
	}
	return v
}

func (p *parser) int16(field string, raw json.RawMessage) (int16, bool) {
	if isNull(raw) {
		return 0, false
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil {
		p.fail(field, "not a number")
		return 0, false
	}
	v, err := strconv.ParseInt(num.String(), 10, 16)
	if err != nil {
		p.fail(field, "%s is not an integer in [%d, %d]", num, math.MinInt16, math.MaxInt16)
		return 0, false
	}
	return int16(v), true
}

func (p *parser) bool(field string, raw json.RawMessage) (bool, bool) {
	if isNull(raw) {
		return false, false
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		p.fail(field, "not a boolean")
	}
	return b, true
}

func (p *parser) array(field string, raw json.RawMessage, n int) []json.RawMessage {
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		p.fail(field, "not an array")
		return nil
	}
	if n >= 0 && len(a) != n {
		p.fail(field, "has %d entries, want n = %d", len(a), n)
		return nil
	}
	return a
}

func (p *parser) u64s(field string, raw json.RawMessage, n int, required bool) []uint64 {
	if isNull(raw) {
		if required {
			p.fail(field, "missing")
		}
		return nil
	}
	a := p.array(field, raw, n)
	out := make([]uint64, len(a))
	for i, e := range a {
		out[i] = p.uint(field+"["+strconv.Itoa(i)+"]", e, math.MaxUint64, true)
	}
	return out
}

func (p *parser) bools(field string, raw json.RawMessage, n int) []bool {
	a := p.array(field, raw, n)
	out := make([]bool, n)
	for i, e := range a {
		f := field + "[" + strconv.Itoa(i) + "]"
		b, ok := p.bool(f, e)
		if !ok {
			p.fail(f, "missing")
		}
		out[i] = b
	}
	return out
}

func (p *parser) denseBonds(field string, raw json.RawMessage, n int) [][]yuma.Bond {
	rows := p.array(field, raw, n)
	out := make([][]yuma.Bond, n)
	for i, r := range rows {
		f := field + "[" + strconv.Itoa(i) + "]"
		cells := p.array(f, r, n)
		for j, c := range cells {
			v := p.uint(f+"["+strconv.Itoa(j)+"]", c, math.MaxUint16, true)
			if v != 0 {
				out[i] = append(out[i], yuma.Bond{UID: uint16(j), Bond: uint16(v)})
			}
		}
	}
	return out
}

func (p *parser) weights(field string, raw json.RawMessage, n int) [][]yuma.Weight {
	if isNull(raw) {
		p.fail(field, "missing")
		return nil
	}
	rows := p.array(field, raw, n)
	out := make([][]yuma.Weight, n)
	for i, r := range rows {
		f := field + "[" + strconv.Itoa(i) + "]"
		entries := p.array(f, r, -1)
		out[i] = make([]yuma.Weight, 0, len(entries))
		for k, e := range entries {
			fe := f + "[" + strconv.Itoa(k) + "]"
			pair := p.array(fe, e, 2)
			if len(pair) != 2 {
				p.fail(fe, "want a [uid, weight] pair")
				continue
			}
			uid := p.uint(fe+"[0]", pair[0], math.MaxUint16, true)
			if p.err == nil && uid >= uint64(n) {
				p.fail(fe+"[0]", "uid %d out of range (n = %d)", uid, n)
			}
			w := p.uint(fe+"[1]", pair[1], math.MaxUint16, true)
			out[i] = append(out[i], yuma.Weight{UID: uint16(uid), Weight: uint16(w)})
		}
	}
	return out
}

func (p *parser) hyper(h *rawHyper, n int) (yuma.Params, bool, uint16) {
	d := yuma.DefaultParams()
	if h == nil {
		return d, false, 0
	}
	u := func(name string, raw json.RawMessage, max uint64, dst *uint64) {
		if !isNull(raw) {
			*dst = p.uint("hyperparams."+name, raw, max, true)
		}
	}
	var kappa, penalty, maxVal = uint64(d.Kappa), uint64(d.BondsPenalty), uint64(d.MaxAllowedValidators)
	u("kappa", h.Kappa, math.MaxUint16, &kappa)
	u("bonds_moving_average", h.BondsMovingAverage, math.MaxUint64, &d.BondsMovingAverage)
	u("bonds_penalty", h.BondsPenalty, math.MaxUint16, &penalty)
	u("tempo", h.Tempo, math.MaxUint16, &d.Tempo)
	u("max_allowed_validators", h.MaxAllowedValidators, math.MaxUint16, &maxVal)
	u("stake_threshold", h.StakeThreshold, math.MaxUint64, &d.StakeThreshold)
	u("last_mechanism_step_block", h.LastMechanismStepBlock, math.MaxUint64, &d.LastMechanismStepBlock)
	d.Kappa, d.BondsPenalty, d.MaxAllowedValidators = uint16(kappa), uint16(penalty), uint16(maxVal)
	if isNull(h.ActivityCutoffBlocks) {
		// The reference derives it: max(1, ActivityCutoffFactorMilli·tempo/1000).
		factor := uint64(13_889)
		u("activity_cutoff_factor_milli", h.ActivityCutoffFactor, math.MaxUint32, &factor)
		d.ActivityCutoff = max(1, factor*d.Tempo/1000)
	} else {
		u("activity_cutoff_blocks", h.ActivityCutoffBlocks, math.MaxUint64, &d.ActivityCutoff)
	}
	if b, ok := p.bool("hyperparams.yuma3", h.Yuma3); ok {
		d.Yuma3 = b
	}
	if b, ok := p.bool("hyperparams.liquid_alpha", h.LiquidAlpha); ok {
		d.LiquidAlpha = b
	}
	if b, ok := p.bool("hyperparams.commit_reveal", h.CommitReveal); ok {
		d.CommitReveal = b
	}
	if v, ok := p.int16("hyperparams.alpha_sigmoid_steepness", h.AlphaSigmoidSteepness); ok {
		d.AlphaSigmoidSteepness = v
	}
	if !isNull(h.AlphaValues) {
		a := p.array("hyperparams.alpha_values_u16", h.AlphaValues, 2)
		if len(a) == 2 {
			d.AlphaLow = uint16(p.uint("hyperparams.alpha_values_u16[0]", a[0], math.MaxUint16, true))
			d.AlphaHigh = uint16(p.uint("hyperparams.alpha_values_u16[1]", a[1], math.MaxUint16, true))
		}
	}
	var owner uint64
	hasOwner := !isNull(h.OwnerUID)
	if hasOwner {
		owner = p.uint("hyperparams.owner_uid", h.OwnerUID, math.MaxUint16, true)
		if p.err == nil && owner >= uint64(n) {
			p.fail("hyperparams.owner_uid", "uid %d out of range (n = %d)", owner, n)
		}
	}
	return d, hasOwner, uint16(owner)
}

// fieldOfJSONError turns a decoding error of the top-level structure into an
// *Error naming the field where encoding/json tells it.
func fieldOfJSONError(err error) error {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		f := te.Field
		if f == "" {
			f = "(top level)"
		}
		return &Error{Field: f, Reason: "wrong type (" + te.Value + ")"}
	}
	return &Error{Field: "(file)", Reason: "invalid JSON: " + err.Error()}
}
