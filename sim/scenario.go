package sim

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/taonet/taonet/yuma"
)

// Limits on a scenario, so that a run and a sweep stay bounded.
const (
	MaxEpochs      = 10_000
	MaxNeurons     = 1_024
	MaxSweepPoints = 400
)

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("sim: invalid scenario")

// FieldError is a malformed scenario: Field is the path of the offending
// value (e.g. "validators[2].stake").
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Unwrap makes every FieldError an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Policies a validator may follow.
const (
	PolicyHonest = "honest" // weights miners by quality plus seeded Gaussian noise
	PolicyCopy   = "copy"   // submits the consensus of `lag` epochs before
	PolicySwitch = "switch" // honest until at_epoch, then all weight on miner `to`
	PolicyFixed  = "fixed"  // always submits `weights`
)

// Scenario is a parsed, validated what-if scenario.
type Scenario struct {
	Name        string
	Description string
	Epochs      int
	Seed        uint64
	// EmissionRao is the emission distributed per epoch, in rao.
	EmissionRao uint64
	Params      yuma.Params
	Validators  []Validator
	Miners      []Miner
	// InitialPermits and InitialBonds are the stored state before the first
	// epoch, by UID (nil: none, as on a new subnet).
	InitialPermits []bool
	InitialBonds   [][]yuma.Bond
}

// Validator is one validator of a scenario.
type Validator struct {
	Name string
	// StakeRao is the validator's stake in rao.
	StakeRao uint64
	Policy   string
	Noise    float64
	Lag      int
	// JoinEpoch is the first epoch the validator is registered and staked.
	JoinEpoch int
	AtEpoch   int
	To        string
	// Weights are a fixed validator's weights by miner name.
	Weights map[string]float64
	// Row, when not nil, is a fixed validator's stored weight row by UID (a
	// subnet replayed from a chain); an empty row sets no weights.
	Row []yuma.Weight
}

// Miner is one miner of a scenario.
type Miner struct {
	Name    string
	Quality float64
	// Changes set a new quality from an epoch on.
	Changes map[int]float64
}

// QualityAt is the miner's quality at epoch e.
func (m *Miner) QualityAt(e int) float64 {
	q, best := m.Quality, -1
	for at, v := range m.Changes {
		if at <= e && at > best {
			q, best = v, at
		}
	}
	return q
}

// Parse reads a YAML scenario and validates it.
func Parse(data []byte) (*Scenario, error) {
	doc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return FromDoc(doc)
}

// Decode reads YAML into a generic document (maps, lists, scalars), the
// form that sweeps edit before validation.
func Decode(data []byte) (map[string]any, error) {
	var doc map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &FieldError{Field: "(file)", Reason: "not YAML: " + err.Error()}
	}
	if doc == nil {
		return nil, &FieldError{Field: "(file)", Reason: "empty scenario"}
	}
	return doc, nil
}

// FromDoc validates a decoded document.
func FromDoc(doc map[string]any) (*Scenario, error) {
	p := &parser{}
	s := p.scenario(doc)
	if p.err != nil {
		return nil, p.err
	}
	return s, nil
}

type parser struct{ err *FieldError }

func (p *parser) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
}

func (p *parser) known(field string, m map[string]any, keys ...string) {
	allowed := map[string]bool{}
	for _, k := range keys {
		allowed[k] = true
	}
	var unknown []string
	for k := range m {
		if !allowed[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		p.fail(join(field, unknown[0]), "unknown field")
	}
}

func join(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func (p *parser) number(field string, v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			p.fail(field, "must be a finite number")
			return 0, false
		}
		return x, true
	}
	p.fail(field, "must be a number, got %v", v)
	return 0, false
}

func (p *parser) nonNeg(field string, v any) float64 {
	x, ok := p.number(field, v)
	if ok && x < 0 {
		p.fail(field, "must be ≥ 0, got %v", x)
	}
	return x
}

func (p *parser) unit(field string, v any) float64 {
	x, ok := p.number(field, v)
	if ok && (x < 0 || x > 1) {
		p.fail(field, "must be in [0, 1], got %v", x)
	}
	return x
}

func (p *parser) integer(field string, v any, lo, hi int64) int64 {
	x, ok := p.number(field, v)
	if !ok {
		return 0
	}
	if x != math.Trunc(x) {
		p.fail(field, "must be an integer, got %v", x)
		return 0
	}
	if x < float64(lo) || x > float64(hi) {
		p.fail(field, "must be in [%d, %d], got %v", lo, hi, x)
		return 0
	}
	return int64(x)
}

func (p *parser) str(field string, v any) string {
	s, ok := v.(string)
	if !ok {
		p.fail(field, "must be a string")
	}
	return s
}

func (p *parser) boolean(field string, v any) bool {
	b, ok := v.(bool)
	if !ok {
		p.fail(field, "must be true or false")
	}
	return b
}

func (p *parser) mapping(field string, v any) map[string]any {
	switch m := v.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, x := range m {
			out[fmt.Sprint(k)] = x
		}
		return out
	}
	p.fail(field, "must be a mapping")
	return nil
}

func (p *parser) list(field string, v any) []any {
	l, ok := v.([]any)
	if !ok {
		p.fail(field, "must be a list")
	}
	return l
}

// TAO converts a TAO amount to rao (rounded to the rao).
func taoToRao(x float64) uint64 { return uint64(math.Round(x * 1e9)) }

func toU16(x float64) uint16 { return uint16(math.Round(x * 65535)) }

func (p *parser) scenario(doc map[string]any) *Scenario {
	p.known("", doc, "name", "description", "epochs", "seed", "emission_per_epoch", "params", "validators", "miners")
	s := &Scenario{Name: "scenario", Params: DefaultParams()}
	if v, ok := doc["name"]; ok {
		s.Name = p.str("name", v)
	}
	if v, ok := doc["description"]; ok {
		s.Description = p.str("description", v)
	}
	v, ok := doc["epochs"]
	if !ok {
		p.fail("epochs", "is required")
	}
	s.Epochs = int(p.integer("epochs", v, 1, MaxEpochs))
	if v, ok := doc["seed"]; ok {
		s.Seed = uint64(p.integer("seed", v, 0, math.MaxInt64))
	}
	s.EmissionRao = 1_000_000_000
	if v, ok := doc["emission_per_epoch"]; ok {
		x := p.nonNeg("emission_per_epoch", v)
		if x > 1e9 {
			p.fail("emission_per_epoch", "must be at most 1e9 TAO")
		}
		s.EmissionRao = taoToRao(x)
	}
	if v, ok := doc["params"]; ok {
		p.params(s, p.mapping("params", v))
	}
	miners := p.list("miners", doc["miners"])
	if p.err == nil && len(miners) == 0 {
		p.fail("miners", "needs at least one miner")
	}
	names := map[string]string{}
	name := func(field string, m map[string]any) string {
		n := p.str(join(field, "name"), m["name"])
		if p.err == nil && n == "" {
			p.fail(join(field, "name"), "must not be empty")
		}
		if prev, dup := names[n]; dup && p.err == nil {
			p.fail(join(field, "name"), "%q is also %s", n, prev)
		}
		names[n] = field
		return n
	}
	for i, raw := range miners {
		f := "miners[" + strconv.Itoa(i) + "]"
		m := p.mapping(f, raw)
		if p.err != nil {
			return nil
		}
		p.known(f, m, "name", "quality", "changes")
		mn := Miner{Name: name(f, m), Quality: p.nonNeg(join(f, "quality"), m["quality"])}
		if c, ok := m["changes"]; ok {
			mn.Changes = map[int]float64{}
			for k, q := range p.mapping(join(f, "changes"), c) {
				kf := join(f, "changes."+k)
				at, err := strconv.Atoi(k)
				if err != nil || at < 0 || at >= s.Epochs {
					p.fail(kf, "epoch must be an integer in [0, %d)", s.Epochs)
					continue
				}
				mn.Changes[at] = p.nonNeg(kf, q)
			}
		}
		s.Miners = append(s.Miners, mn)
	}
	isMiner := map[string]bool{}
	for _, m := range s.Miners {
		isMiner[m.Name] = true
	}
	vals := p.list("validators", doc["validators"])
	if p.err == nil && len(vals) == 0 {
		p.fail("validators", "needs at least one validator")
	}
	for i, raw := range vals {
		f := "validators[" + strconv.Itoa(i) + "]"
		m := p.mapping(f, raw)
		if p.err != nil {
			return nil
		}
		p.known(f, m, "name", "stake", "policy", "noise", "lag", "join_epoch", "at_epoch", "to", "weights")
		v := Validator{Name: name(f, m), StakeRao: taoToRao(p.nonNeg(join(f, "stake"), m["stake"])), Policy: PolicyHonest, Lag: 1}
		if x, ok := m["policy"]; ok {
			v.Policy = p.str(join(f, "policy"), x)
		}
		if x, ok := m["noise"]; ok {
			v.Noise = p.nonNeg(join(f, "noise"), x)
		}
		if x, ok := m["join_epoch"]; ok {
			v.JoinEpoch = int(p.integer(join(f, "join_epoch"), x, 0, int64(s.Epochs-1)))
		}
		switch v.Policy {
		case PolicyHonest:
		case PolicyCopy:
			if x, ok := m["lag"]; ok {
				v.Lag = int(p.integer(join(f, "lag"), x, 1, int64(s.Epochs)))
			}
		case PolicySwitch:
			v.AtEpoch = int(p.integer(join(f, "at_epoch"), m["at_epoch"], 0, int64(s.Epochs-1)))
			v.To = p.str(join(f, "to"), m["to"])
			if p.err == nil && !isMiner[v.To] {
				p.fail(join(f, "to"), "no miner named %q", v.To)
			}
		case PolicyFixed:
			w := p.mapping(join(f, "weights"), m["weights"])
			v.Weights = map[string]float64{}
			var sum float64
			for k, x := range w {
				kf := join(f, "weights."+k)
				if !isMiner[k] {
					p.fail(kf, "no miner named %q", k)
					continue
				}
				v.Weights[k] = p.nonNeg(kf, x)
				sum += v.Weights[k]
			}
			if p.err == nil && sum == 0 {
				p.fail(join(f, "weights"), "needs a positive weight")
			}
		default:
			p.fail(join(f, "policy"), "unknown policy %q (honest, copy, switch, fixed)", v.Policy)
		}
		for _, only := range []struct {
			key, policy string
		}{{"lag", PolicyCopy}, {"at_epoch", PolicySwitch}, {"to", PolicySwitch}, {"weights", PolicyFixed}} {
			if _, ok := m[only.key]; ok && v.Policy != only.policy {
				p.fail(join(f, only.key), "only for policy %s", only.policy)
			}
		}
		s.Validators = append(s.Validators, v)
	}
	if p.err == nil && len(s.Validators)+len(s.Miners) > MaxNeurons {
		p.fail("validators", "at most %d neurons in all", MaxNeurons)
	}
	return s
}

// DefaultParams are the simulator's defaults: the reference's, with an
// activity cutoff long enough that every validator stays active.
func DefaultParams() yuma.Params {
	d := yuma.DefaultParams()
	d.ActivityCutoff = 1 << 40
	return d
}

func (p *parser) params(s *Scenario, m map[string]any) {
	d := &s.Params
	for _, k := range sortedKeys(m) {
		f, v := "params."+k, m[k]
		switch k {
		case "yuma3":
			d.Yuma3 = p.boolean(f, v)
		case "liquid_alpha":
			d.LiquidAlpha = p.boolean(f, v)
		case "commit_reveal":
			d.CommitReveal = p.boolean(f, v)
		case "alpha_low":
			d.AlphaLow = toU16(p.unit(f, v))
		case "alpha_high":
			d.AlphaHigh = toU16(p.unit(f, v))
		case "kappa":
			d.Kappa = toU16(p.unit(f, v))
		case "bonds_moving_average":
			d.BondsMovingAverage = uint64(math.Round(p.unit(f, v) * 1e6))
		case "bonds_penalty":
			d.BondsPenalty = toU16(p.unit(f, v))
		case "tempo":
			d.Tempo = uint64(p.integer(f, v, 1, math.MaxUint16))
		case "activity_cutoff", "activity_cutoff_blocks":
			d.ActivityCutoff = uint64(p.integer(f, v, 1, 1<<40))
		case "max_allowed_validators":
			d.MaxAllowedValidators = uint16(p.integer(f, v, 1, math.MaxUint16))
		case "alpha_sigmoid_steepness":
			d.AlphaSigmoidSteepness = int16(p.integer(f, v, math.MinInt16, math.MaxInt16))
		case "stake_threshold":
			d.StakeThreshold = taoToRao(p.nonNeg(f, v))
		default:
			p.fail(f, "unknown parameter (yuma3, liquid_alpha, commit_reveal, alpha_low, alpha_high, kappa, "+
				"bonds_moving_average, bonds_penalty, tempo, activity_cutoff, max_allowed_validators, "+
				"alpha_sigmoid_steepness, stake_threshold)")
		}
	}
	if p.err == nil && d.AlphaLow > d.AlphaHigh {
		p.fail("params.alpha_low", "must not exceed alpha_high")
	}
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
