package validator

import (
	"context"

	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/process"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
)

// Task is the forecasting subnet's template.Task.
type Task struct {
	cfg  round.Config
	seed func() uint64
	base uint64
}

var _ template.Task = (*Task)(nil)

// NewTask returns a task drawing rounds of cfg with secret seeds from
// crypto/rand. Round ids start at a random offset so that they do not
// reveal the validator's step. It returns cfg's validation error.
func NewTask(cfg round.Config) (*Task, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Task{cfg: cfg, seed: process.RandomSeed, base: process.RandomSeed() >> 16}, nil
}

// NewRound implements template.Task: round base+step from a fresh secret seed.
func (t *Task) NewRound(_ context.Context, step uint64) (template.Round, error) {
	return roundOf{t.cfg.NewRound(t.base+step, t.seed())}, nil
}

// roundOf adapts a round.Round to template.Round.
type roundOf struct{ r round.Round }

// Requests implements template.Round.
func (r roundOf) Requests() []synapse.Synapse {
	reqs := r.r.Requests()
	out := make([]synapse.Synapse, len(reqs))
	for i, q := range reqs {
		out[i] = q
	}
	return out
}

// Rewards implements template.Round: a failed query, or a response of
// another type, answers nothing (reward 0 for that series).
func (r roundOf) Rewards(uids []uint16, responses [][]dendrite.Response) []float64 {
	answers := make([][]*forecast.Forecast, len(responses))
	for i, row := range responses {
		answers[i] = make([]*forecast.Forecast, len(row))
		for j, resp := range row {
			if f, ok := resp.Synapse.(*forecast.Forecast); ok && resp.Err == nil {
				answers[i][j] = f
			}
		}
	}
	return r.r.Rewards(uids, answers)
}
