package template

import (
	"context"

	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/synapse"
)

// Task is what a validator does each step: it draws a [Round]. It is the
// subnet's incentive mechanism; the Validator handles the network and the
// chain. A Task is used from one goroutine at a time.
type Task interface {
	// NewRound draws the round of the validator's step (0, 1, …). Any
	// secret the round needs (e.g. a seed from crypto/rand) must stay
	// inside it until its responses are scored.
	NewRound(ctx context.Context, step uint64) (Round, error)
}

// Round is one step's requests and their scoring.
type Round interface {
	// Requests returns the synapses to send; every sampled miner receives
	// each of them. The Validator sets their Timeout to its query timeout
	// and changes nothing else.
	Requests() []synapse.Synapse
	// Rewards returns one reward per uid, in the order of uids:
	// responses[i][j] is the answer of uids[i] to Requests()[j] (a failed
	// query has a non-nil Err). Rewards should lie in [0, 1]; NaN and ±Inf
	// count as 0.
	Rewards(uids []uint16, responses [][]dendrite.Response) []float64
}

// TaskFunc adapts a function to a Task.
type TaskFunc func(ctx context.Context, step uint64) (Round, error)

// NewRound calls f.
func (f TaskFunc) NewRound(ctx context.Context, step uint64) (Round, error) { return f(ctx, step) }

var _ Task = TaskFunc(nil)
