package round_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/process"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/subnets/forecast/scoring"
)

// modelFunc adapts a function to models.Model for misbehaving miners.
type modelFunc func(history []float64, horizon int) []float64

func (modelFunc) Name() string                           { return "func" }
func (f modelFunc) Predict(h []float64, k int) []float64 { return f(h, k) }

func TestNewRound(t *testing.T) {
	r := round.NewRound(5, 99)
	cfg := round.DefaultConfig()
	if len(r.Challenges) != cfg.Series || r.ID != 5 {
		t.Fatalf("round %d with %d challenges", r.ID, len(r.Challenges))
	}
	for j, ch := range r.Challenges {
		if ch.ID != 5 || len(ch.History) != cfg.SeriesLen || len(ch.Truth) != cfg.Horizon {
			t.Fatalf("challenge %d: id %d, %d/%d values", j, ch.ID, len(ch.History), len(ch.Truth))
		}
		if j > 0 && slices.Equal(ch.History, r.Challenges[j-1].History) {
			t.Fatal("two challenges of a round share a series")
		}
	}
	again := round.NewRound(5, 99)
	if !slices.Equal(again.Challenges[3].History, r.Challenges[3].History) {
		t.Fatal("NewRound is not deterministic")
	}
	reqs := r.Requests()
	reqs[0].Series[0] = 1e9
	if r.Challenges[0].History[0] == 1e9 {
		t.Fatal("request aliases the challenge history")
	}
	if reqs[1].Prediction != nil || reqs[1].Horizon != cfg.Horizon || reqs[1].RoundID != 5 || reqs[1].Name != "Forecast" {
		t.Fatalf("request %+v", reqs[1])
	}
}

func TestConfigValidate(t *testing.T) {
	if err := round.DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		mutate func(*round.Config)
		want   error
	}{
		{"no series", func(c *round.Config) { c.Series = 0 }, round.ErrInvalidConfig},
		{"short series", func(c *round.Config) { c.SeriesLen = 3 }, round.ErrInvalidConfig},
		{"horizon over limit", func(c *round.Config) { c.Horizon = c.Limits.MaxHorizon + 1 }, round.ErrInvalidConfig},
		{"bad limits", func(c *round.Config) { c.Limits.MaxAbs = 0 }, forecast.ErrInvalidLimits},
		{"bad process", func(c *round.Config) { c.Process.MaxOrder = 9 }, process.ErrInvalidConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := round.DefaultConfig()
			tt.mutate(&c)
			if err := c.Validate(); !errors.Is(err, tt.want) {
				t.Errorf("Validate() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestChallengeReward(t *testing.T) {
	ch := round.NewRound(3, 1).Challenges[0]
	answer := func(mutate func(*forecast.Forecast)) *forecast.Forecast {
		req := ch.Request()
		if err := round.Answer(models.AR{Order: 8}, req, ch.Limits); err != nil {
			t.Fatal(err)
		}
		req.Dendrite.StatusCode = 200
		mutate(req)
		return req
	}
	good := ch.Reward(answer(func(*forecast.Forecast) {}))
	if !(good > 0 && good <= 1) {
		t.Fatalf("reward of a valid answer = %v", good)
	}
	perfect := ch.Reward(answer(func(f *forecast.Forecast) { f.Prediction = slices.Clone(ch.Truth) }))
	if perfect != 1 {
		t.Errorf("reward of the truth = %v", perfect)
	}
	zero := []struct {
		name   string
		mutate func(*forecast.Forecast)
	}{
		{"timeout", func(f *forecast.Forecast) { f.Dendrite.StatusCode = 408 }},
		{"no status", func(f *forecast.Forecast) { f.Dendrite.StatusCode = 0 }},
		{"stale round", func(f *forecast.Forecast) { f.RoundID = 2 }},
		{"other horizon", func(f *forecast.Forecast) { f.Horizon = 4; f.Prediction = f.Prediction[:4] }},
		{"no prediction", func(f *forecast.Forecast) { f.Prediction = nil }},
		{"short prediction", func(f *forecast.Forecast) { f.Prediction = f.Prediction[:3] }},
		{"NaN", func(f *forecast.Forecast) { f.Prediction[2] = math.NaN() }},
		{"out of bounds", func(f *forecast.Forecast) { f.Prediction[2] = 1e300 }},
		{"truncated series", func(f *forecast.Forecast) { f.Series = f.Series[:4] }},
	}
	for _, tt := range zero {
		if r := ch.Reward(answer(tt.mutate)); r != 0 {
			t.Errorf("%s: reward %v, want 0", tt.name, r)
		}
	}
	if r := ch.Reward(nil); r != 0 {
		t.Errorf("nil: reward %v", r)
	}
}

func TestAnswer(t *testing.T) {
	limits := forecast.DefaultLimits()
	req := round.NewRound(1, 1).Requests()[0]
	nan := modelFunc(func(h []float64, k int) []float64 {
		out := make([]float64, k)
		out[0], out[1], out[2] = math.NaN(), 1e300, -math.Inf(1)
		return out
	})
	if err := round.Answer(nan, req, limits); err != nil {
		t.Fatal(err)
	}
	last := req.Series[len(req.Series)-1]
	if want := []float64{last, limits.MaxAbs, last}; !slices.Equal(req.Prediction[:3], want) {
		t.Errorf("sanitised prediction %v, want %v", req.Prediction[:3], want)
	}
	if err := limits.ValidateResponse(req); err != nil {
		t.Errorf("sanitised answer invalid: %v", err)
	}
	short := modelFunc(func([]float64, int) []float64 { return []float64{1} })
	if err := round.Answer(short, req, limits); !errors.Is(err, round.ErrModelOutput) {
		t.Errorf("short model: %v", err)
	}
	req.Horizon = 0
	if err := round.Answer(models.LastValue{}, req, limits); !errors.Is(err, forecast.ErrHorizon) {
		t.Errorf("bad request: %v", err)
	}
}

// TestSimulateRanksModels is the subnet's point: after 20 rounds the
// validator's moving-average scores, and so its on-chain weights, rank the
// miners by model quality, and miners that fail earn nothing. It checks
// five independent validator secrets.
func TestSimulateRanksModels(t *testing.T) {
	ladder := models.Ladder() // worst to best
	miners := map[uint16]models.Model{
		5: modelFunc(func([]float64, int) []float64 { return nil }), // always fails
	}
	for i, m := range ladder {
		miners[uint16(i)] = m
	}
	params := scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 65535}
	secrets := 5
	if testing.Short() {
		secrets = 1
	}
	for k := range secrets {
		secret := fmt.Appendf(nil, "validator-%d", k)
		scores, err := scoring.NewScores(6, scoring.DefaultAlpha)
		if err != nil {
			t.Fatal(err)
		}
		for r := range uint64(20) {
			uids, rewards := round.DefaultConfig().Simulate(miners, r, process.DeriveSeed(secret, r))
			if !slices.Equal(uids, []uint16{0, 1, 2, 3, 5}) {
				t.Fatalf("uids %v", uids)
			}
			if rewards[4] != 0 {
				t.Fatalf("failing miner earned %v", rewards[4])
			}
			if err := scores.Update(uids, rewards); err != nil {
				t.Fatal(err)
			}
		}
		uids, weights, err := scores.Weights(params)
		if err != nil {
			t.Fatal(err)
		}
		// uid 4 never served and uid 5 always failed: no weight.
		if !slices.Equal(uids, []uint16{0, 1, 2, 3}) {
			t.Fatalf("secret %d: weighted uids %v", k, uids)
		}
		t.Logf("secret %d: scores %.3f weights %v", k, scores.Values()[:4], weights)
		for i := 1; i < len(weights); i++ {
			if weights[i] <= weights[i-1] {
				t.Errorf("secret %d: %s weight %d <= %s weight %d", k, ladder[i].Name(), weights[i], ladder[i-1].Name(), weights[i-1])
			}
		}
		if weights[3] != 65535 {
			t.Errorf("secret %d: best model weight %d, want the maximum", k, weights[3])
		}
	}
}

func TestSimulateDeterministic(t *testing.T) {
	miners := map[uint16]models.Model{2: models.LastValue{}, 0: models.AR{Order: 3}}
	u1, r1 := round.Simulate(miners, 77)
	u2, r2 := round.Simulate(miners, 77)
	if !slices.Equal(u1, []uint16{0, 2}) || !slices.Equal(u1, u2) || !slices.Equal(r1, r2) {
		t.Fatalf("%v %v / %v %v", u1, r1, u2, r2)
	}
	if _, r3 := round.Simulate(miners, 78); slices.Equal(r1, r3) {
		t.Fatal("different seeds, same rewards")
	}
}
