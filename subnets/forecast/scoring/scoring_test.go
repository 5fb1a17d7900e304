package scoring_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/taonet/taonet/subnets/forecast/scoring"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestMASE(t *testing.T) {
	hist := []float64{1, 3, 2, 4} // mean |step| = (2+1+2)/3 = 5/3
	tests := []struct {
		name      string
		hist      []float64
		truth     []float64
		pred      []float64
		want      float64
		wantErr   error
		maxReward float64 // Reward's expected value
	}{
		{name: "perfect", hist: hist, truth: []float64{5, 6}, pred: []float64{5, 6}, want: 0},
		{name: "naive", hist: hist, truth: []float64{5, 6}, pred: []float64{4, 4}, want: 1.5 / (5.0 / 3)},
		{name: "scale free", hist: []float64{100, 300, 200, 400}, truth: []float64{500, 600}, pred: []float64{400, 400}, want: 1.5 / (5.0 / 3)},
		{name: "constant history hit", hist: []float64{2, 2, 2}, truth: []float64{2}, pred: []float64{2}, want: 0},
		{name: "constant history miss", hist: []float64{2, 2, 2}, truth: []float64{2}, pred: []float64{2.1}, want: 0.1 / 2e-9},
		{name: "short history", hist: []float64{1}, truth: []float64{1}, pred: []float64{1}, wantErr: scoring.ErrShortHistory},
		{name: "no truth", hist: hist, truth: nil, pred: nil, wantErr: scoring.ErrEmptyTruth},
		{name: "short prediction", hist: hist, truth: []float64{5, 6}, pred: []float64{5}, wantErr: scoring.ErrLengthMismatch},
		{name: "NaN prediction", hist: hist, truth: []float64{5, 6}, pred: []float64{5, math.NaN()}, wantErr: scoring.ErrNonFinite},
		{name: "Inf prediction", hist: hist, truth: []float64{5, 6}, pred: []float64{math.Inf(-1), 6}, wantErr: scoring.ErrNonFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scoring.MASE(tt.hist, tt.truth, tt.pred)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			reward := scoring.Reward(tt.hist, tt.truth, tt.pred)
			if err != nil {
				if reward != 0 {
					t.Errorf("Reward = %v for an invalid prediction", reward)
				}
				return
			}
			if !near(got, tt.want, 1e-9*math.Max(1, tt.want)) {
				t.Errorf("MASE = %v, want %v", got, tt.want)
			}
			if !near(reward, math.Exp(-tt.want), 1e-12) || reward < 0 || reward > 1 {
				t.Errorf("Reward = %v, want exp(-%v)", reward, tt.want)
			}
		})
	}
	if r := scoring.Reward(hist, []float64{1}, nil); r != 0 {
		t.Errorf("Reward(nil prediction) = %v", r)
	}
}

func TestScoresUpdate(t *testing.T) {
	s, err := scoring.NewScores(4, scoring.DefaultAlpha)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		uids    []uint16
		rewards []float64
		want    []float64
		wantErr error
	}{
		{uids: []uint16{0, 2}, rewards: []float64{1, 0.5}, want: []float64{0.1, 0, 0.05, 0}},
		// uid 0 not queried: decays by 0.9. NaN counts as 0.
		{uids: []uint16{1, 2, 3}, rewards: []float64{1, 0.5, math.NaN()}, want: []float64{0.09, 0.1, 0.095, 0}},
		// Errors leave the scores alone.
		{uids: []uint16{4}, rewards: []float64{1}, want: []float64{0.09, 0.1, 0.095, 0}, wantErr: scoring.ErrUnknownUID},
		{uids: []uint16{1}, rewards: []float64{1, 2}, want: []float64{0.09, 0.1, 0.095, 0}, wantErr: scoring.ErrLengthMismatch},
		// Empty input changes nothing (no decay).
		{uids: nil, rewards: nil, want: []float64{0.09, 0.1, 0.095, 0}},
		// A repeated uid: the last reward counts; Inf counts as 0.
		{uids: []uint16{3, 3, 0}, rewards: []float64{0.2, 1, math.Inf(1)}, want: []float64{0.081, 0.09, 0.0855, 0.1}},
	}
	for i, st := range steps {
		err := s.Update(st.uids, st.rewards)
		if !errors.Is(err, st.wantErr) || (err == nil) != (st.wantErr == nil) {
			t.Fatalf("step %d: err = %v, want %v", i, err, st.wantErr)
		}
		got := s.Values()
		for j := range got {
			if !near(got[j], st.want[j], 1e-12) {
				t.Fatalf("step %d: scores = %v, want %v", i, got, st.want)
			}
		}
	}
	s.Reset(1)
	s.Reset(99) // ignored
	s.Resize(6)
	if got, want := s.Values(), []float64{0.081, 0, 0.0855, 0.1, 0, 0}; !slicesNear(got, want) {
		t.Errorf("after Reset/Resize: %v, want %v", got, want)
	}
	s.Resize(2)
	if s.Len() != 2 {
		t.Errorf("Len = %d after shrinking", s.Len())
	}
	for _, alpha := range []float64{0, -0.1, 1.5, math.NaN()} {
		if _, err := scoring.NewScores(3, alpha); !errors.Is(err, scoring.ErrInvalidAlpha) {
			t.Errorf("NewScores(alpha %v) = %v", alpha, err)
		}
	}
}

// TestScoresConverge checks the moving average's fixed point: constant
// rewards r make the score approach r as 1-(1-alpha)^k.
func TestScoresConverge(t *testing.T) {
	s, _ := scoring.NewScores(1, 0.1)
	for range 20 {
		if err := s.Update([]uint16{0}, []float64{0.8}); err != nil {
			t.Fatal(err)
		}
	}
	want := 0.8 * (1 - math.Pow(0.9, 20))
	if got := s.Values()[0]; !near(got, want, 1e-12) {
		t.Errorf("score after 20 rounds = %v, want %v", got, want)
	}
}

func slicesNear(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i], 1e-12) {
			return false
		}
	}
	return true
}

// The expected values below come from a line-by-line Python transcription
// of bittensor's weight_utils.py (normalize_max_weight, process_weights,
// convert_weights_and_uids_for_emit) and the template's set_weights.
func TestNormalizeMaxWeight(t *testing.T) {
	tests := []struct {
		x     []float64
		limit float64
		want  []float64
	}{
		{[]float64{1, 2, 3, 4}, 0.3, []float64{0.13333342222228148, 0.26666684444456296, 0.2999998666665778, 0.2999998666665778}},
		{[]float64{0, 0, 5, 1, 1}, 0.5, []float64{0, 0, 0.4999998249999388, 0.25000008750003067, 0.25000008750003067}},
		// len*limit <= 1: the cap cannot be met, uniform.
		{[]float64{10, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0.1, slices.Repeat([]float64{0.1}, 10)},
		// Under the cap: plain normalisation.
		{[]float64{1, 1, 2}, 0.6, []float64{0.25, 0.25, 0.5}},
		{[]float64{0, 0}, 0.5, []float64{0.5, 0.5}},
	}
	for _, tt := range tests {
		if got := scoring.NormalizeMaxWeight(tt.x, tt.limit); !slicesNear(got, tt.want) {
			t.Errorf("NormalizeMaxWeight(%v, %v) = %v, want %v", tt.x, tt.limit, got, tt.want)
		}
	}
}

func TestWeights(t *testing.T) {
	tests := []struct {
		name     string
		scores   []float64
		p        scoring.WeightParams
		wantUIDs []uint16
		wantW    []uint16
	}{
		// 0.25/0.5*65535 = 32767.5 rounds half to even.
		{"no limit", []float64{0.5, 0, 0.25, 0.25, 0}, scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 65535},
			[]uint16{0, 2, 3}, []uint16{65535, 32768, 32768}},
		{"max weight limit", []float64{0.9, 0.05, 0.03, 0.02, 0}, scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 32768},
			[]uint16{0, 1, 2, 3}, []uint16{65535, 32767, 19660, 13107}},
		{"all zero: uniform", []float64{0, 0, 0, 0}, scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 65535},
			[]uint16{0, 1, 2, 3}, []uint16{65535, 65535, 65535, 65535}},
		{"fewer nonzero than min allowed", []float64{0, 0.7, 0, 0.3}, scoring.WeightParams{MinAllowedWeights: 3, MaxWeightsLimit: 65535},
			[]uint16{0, 1, 2, 3}, []uint16{1, 65535, 1, 28087}},
		{"exclude quantile", []float64{0.1, 0.2, 0.3, 0.4, 0, 0.5}, scoring.WeightParams{MinAllowedWeights: 2, MaxWeightsLimit: 65535, ExcludeQuantile: 26214},
			[]uint16{2, 3, 5}, []uint16{39321, 52428, 65535}},
		{"fewer neurons than min allowed", []float64{0.5, 0.5}, scoring.WeightParams{MinAllowedWeights: 3, MaxWeightsLimit: 65535},
			[]uint16{0, 1}, []uint16{65535, 65535}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scoresOf(t, tt.scores)
			uids, w, err := s.Weights(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(uids, tt.wantUIDs) || !slices.Equal(w, tt.wantW) {
				t.Errorf("Weights = %v %v, want %v %v", uids, w, tt.wantUIDs, tt.wantW)
			}
		})
	}
}

// scoresOf returns Scores holding exactly vals (alpha 1: one update sets
// them).
func scoresOf(t *testing.T, vals []float64) *scoring.Scores {
	t.Helper()
	s, err := scoring.NewScores(len(vals), 1)
	if err != nil {
		t.Fatal(err)
	}
	uids := make([]uint16, len(vals))
	for i := range uids {
		uids[i] = uint16(i)
	}
	if err := s.Update(uids, vals); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConvertWeightsForEmit(t *testing.T) {
	if _, _, err := scoring.ConvertWeightsForEmit([]uint16{1}, []float64{1, 2}); !errors.Is(err, scoring.ErrLengthMismatch) {
		t.Errorf("length mismatch: %v", err)
	}
	if _, _, err := scoring.ConvertWeightsForEmit([]uint16{1, 2}, []float64{1, -0.5}); !errors.Is(err, scoring.ErrNegativeWeight) {
		t.Errorf("negative: %v", err)
	}
	uids, w, err := scoring.ConvertWeightsForEmit([]uint16{4, 5}, []float64{0, 0})
	if err != nil || len(uids) != 0 || len(w) != 0 {
		t.Errorf("all zero: %v %v %v", uids, w, err)
	}
	// A weight below half a unit after upscaling is dropped.
	uids, w, _ = scoring.ConvertWeightsForEmit([]uint16{7, 8, 9}, []float64{1, 0.000007, 0.5})
	if !slices.Equal(uids, []uint16{7, 9}) || !slices.Equal(w, []uint16{65535, 32768}) {
		t.Errorf("got %v %v", uids, w)
	}
}
