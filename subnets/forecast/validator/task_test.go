package validator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/subnets/forecast/validator"
)

// answer plays a miner: model's answers to the round's requests, marked
// successful as a dendrite marks a 200 response.
func answer(t *testing.T, reqs []*forecast.Forecast, m models.Model) []dendrite.Response {
	t.Helper()
	out := make([]dendrite.Response, len(reqs))
	for j, q := range reqs {
		q.Dendrite.StatusCode = 200
		if err := round.Answer(m, q, forecast.DefaultLimits()); err != nil {
			t.Fatal(err)
		}
		out[j] = dendrite.Response{Synapse: q, StatusCode: 200}
	}
	return out
}

func TestTaskRewards(t *testing.T) {
	task, err := validator.NewTask(round.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var sumAR, sumLast float64
	for step := range uint64(10) {
		r, err := task.NewRound(ctx, step)
		if err != nil {
			t.Fatal(err)
		}
		reqs := r.Requests()
		if len(reqs) != round.DefaultConfig().Series {
			t.Fatalf("%d requests, want %d", len(reqs), round.DefaultConfig().Series)
		}
		asForecast := func() []*forecast.Forecast {
			out := make([]*forecast.Forecast, len(reqs))
			for j, q := range reqs {
				f := *q.(*forecast.Forecast)
				f.Series = append([]float64(nil), f.Series...)
				out[j] = &f
			}
			return out
		}
		failed := make([]dendrite.Response, len(reqs))
		for j := range failed {
			failed[j] = dendrite.Response{Synapse: reqs[j], StatusCode: 408, Err: dendrite.ErrTimeout}
		}
		rw := r.Rewards([]uint16{3, 4, 5}, [][]dendrite.Response{
			answer(t, asForecast(), models.AR{Order: 8}),
			answer(t, asForecast(), models.LastValue{}),
			failed,
		})
		if len(rw) != 3 || rw[2] != 0 || rw[0] <= 0 || rw[1] <= 0 {
			t.Fatalf("step %d rewards %v", step, rw)
		}
		sumAR += rw[0]
		sumLast += rw[1]
	}
	if sumAR <= sumLast {
		t.Fatalf("AR earned %.3f over 10 rounds, last value %.3f", sumAR, sumLast)
	}
}

func TestNewTaskInvalid(t *testing.T) {
	cfg := round.DefaultConfig()
	cfg.Series = 0
	if _, err := validator.NewTask(cfg); !errors.Is(err, round.ErrInvalidConfig) {
		t.Fatalf("error %v, want round.ErrInvalidConfig", err)
	}
}

// TestRoundsAreSecret checks that each round draws a fresh seed: the same
// step never repeats a series, so miners cannot precompute answers.
func TestRoundsAreSecret(t *testing.T) {
	task, err := validator.NewTask(round.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := task.NewRound(context.Background(), 1)
	b, _ := task.NewRound(context.Background(), 1)
	sa, sb := a.Requests()[0].(*forecast.Forecast).Series, b.Requests()[0].(*forecast.Forecast).Series
	same := true
	for i := range sa {
		same = same && sa[i] == sb[i]
	}
	if same {
		t.Fatal("two rounds of the same step drew the same series")
	}
}
