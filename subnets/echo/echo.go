// Package echo is the README's walkthrough: a toy subnet built on
// subnets/template in a few dozen lines. A validator sends a word, a miner
// answers it reversed, and the validator rewards correct answers; the
// template does the networking, the metagraph and the weights.
package echo

import (
	"context"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
)

// Echo is the subnet's synapse (its route is /Echo).
type Echo struct {
	synapse.Base
	Text  string  `json:"text" bt:"required"`
	Reply *string `json:"reply"`
}

// RequiredHashFields implements synapse.Synapse: the signed body covers Text.
func (*Echo) RequiredHashFields() []string { return []string{"text"} }

// Reverse is the miner's work.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Serve attaches the miner's handler to m.
func Serve(m *template.Miner) error {
	return template.Attach(m, axon.Handler[*Echo]{Forward: func(_ context.Context, s *Echo) error {
		reply := Reverse(s.Text)
		s.Reply = &reply
		return nil
	}})
}

// Task is the validator's incentive mechanism: one word a step, reward 1
// for the right reversal and 0 otherwise.
var Task = template.TaskFunc(func(_ context.Context, step uint64) (template.Round, error) {
	words := []string{"bittensor", "taonet", "yuma", "subnet", "axon"}
	return round(words[step%uint64(len(words))]), nil
})

type round string

func (r round) Requests() []synapse.Synapse {
	s := synapse.New(&Echo{}).(*Echo)
	s.Text = string(r)
	return []synapse.Synapse{s}
}

func (r round) Rewards(uids []uint16, responses [][]dendrite.Response) []float64 {
	rewards := make([]float64, len(uids))
	for i, resp := range responses {
		if e, ok := resp[0].Synapse.(*Echo); ok && resp[0].Err == nil && e.Reply != nil && *e.Reply == Reverse(string(r)) {
			rewards[i] = 1
		}
	}
	return rewards
}
