package round

import (
	"fmt"
	"math"
	"slices"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/process"
	"github.com/taonet/taonet/subnets/forecast/scoring"
	"github.com/taonet/taonet/synapse"
)

// Config is what a validator draws each round.
type Config struct {
	// Series is the number of series per round: each miner is queried once
	// per series and its round reward is the mean over them. Averaging
	// several series makes the moving-average scores rank close models
	// reliably.
	Series int
	// SeriesLen is the number of history values sent to miners.
	SeriesLen int
	// Horizon is the number of future values asked for and scored.
	Horizon int
	// Process is the generative process the series come from.
	Process process.Config
	// Limits are the protocol limits both sides enforce; SeriesLen and
	// Horizon must be within them.
	Limits forecast.Limits
}

// DefaultConfig returns the subnet's round: 8 series of 128 history values,
// horizon 8, the default process and the default limits.
func DefaultConfig() Config {
	return Config{Series: 8, SeriesLen: 128, Horizon: 8, Process: process.DefaultConfig(), Limits: forecast.DefaultLimits()}
}

// Validate reports whether c is usable. Errors wrap ErrInvalidConfig or the
// process's and limits' own errors.
func (c Config) Validate() error {
	if err := c.Process.Validate(); err != nil {
		return err
	}
	if err := c.Limits.Validate(); err != nil {
		return err
	}
	if c.Series < 1 || c.Series > 1024 {
		return fmt.Errorf("%w: %d series per round, want 1 to 1024", ErrInvalidConfig, c.Series)
	}
	if c.SeriesLen < c.Limits.MinSeries || c.SeriesLen > c.Limits.MaxSeries {
		return fmt.Errorf("%w: series length %d outside the limits", ErrInvalidConfig, c.SeriesLen)
	}
	if c.Horizon < c.Limits.MinHorizon || c.Horizon > c.Limits.MaxHorizon {
		return fmt.Errorf("%w: horizon %d outside the limits", ErrInvalidConfig, c.Horizon)
	}
	return nil
}

// Challenge is one series of a round as the validator sees it: the history
// it sends and the truth it keeps secret until scoring.
type Challenge struct {
	// ID is the round id sent to miners and expected back.
	ID uint64
	// History is the series sent to miners.
	History []float64
	// Truth is the series' next Horizon values, never sent.
	Truth []float64
	// Limits are the protocol limits responses are checked against.
	Limits forecast.Limits
}

// Round is one validator round: Config.Series challenges, all carrying the
// round's id.
type Round struct {
	// ID is the round id.
	ID uint64
	// Challenges are the round's series; each miner answers every one.
	Challenges []Challenge
}

// NewRound draws round id's challenges from seed, which must stay secret
// until the round is scored (see process.RandomSeed and
// process.DeriveSeed). Challenge j's series is drawn from a seed mixed from
// seed and j. It panics if c is invalid.
func (c Config) NewRound(id, seed uint64) Round {
	if err := c.Validate(); err != nil {
		panic(err)
	}
	r := Round{ID: id, Challenges: make([]Challenge, c.Series)}
	for j := range r.Challenges {
		h, t := c.Process.Draw(splitmix(seed+uint64(j)*0x9e3779b97f4a7c15), c.SeriesLen, c.Horizon)
		r.Challenges[j] = Challenge{ID: id, History: h, Truth: t, Limits: c.Limits}
	}
	return r
}

// NewRound draws a round of the default config; see Config.NewRound.
func NewRound(id, seed uint64) Round { return DefaultConfig().NewRound(id, seed) }

// splitmix is the SplitMix64 finaliser: it decorrelates nearby seeds.
func splitmix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Requests returns one new request per challenge, in order.
func (r Round) Requests() []*forecast.Forecast {
	out := make([]*forecast.Forecast, len(r.Challenges))
	for j, ch := range r.Challenges {
		out[j] = ch.Request()
	}
	return out
}

// Reward returns one miner's round reward: the mean of Challenge.Reward
// over the challenges, where responses[j] answers challenge j. A missing
// response (nil, or responses too short) counts as 0.
func (r Round) Reward(responses []*forecast.Forecast) float64 {
	if len(r.Challenges) == 0 {
		return 0
	}
	sum := 0.0
	for j, ch := range r.Challenges {
		if j < len(responses) {
			sum += ch.Reward(responses[j])
		}
	}
	return sum / float64(len(r.Challenges))
}

// Rewards returns the round reward of each miner, where responses[i] are
// the answers of uids[i] (see Reward), in the order of uids, ready for
// scoring.Scores.Update.
func (r Round) Rewards(uids []uint16, responses [][]*forecast.Forecast) []float64 {
	out := make([]float64, len(uids))
	for i := range uids {
		if i < len(responses) {
			out[i] = r.Reward(responses[i])
		}
	}
	return out
}

// Request returns a new Forecast synapse asking for the challenge's truth,
// with its own copy of the history.
func (ch Challenge) Request() *forecast.Forecast {
	req := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
	req.RoundID = ch.ID
	req.Series = slices.Clone(ch.History)
	req.Horizon = len(ch.Truth)
	return req
}

// Reward scores one response in [0, 1] (see scoring.Reward). It is 0 for a
// nil response, one the dendrite did not mark successful (status 200: so
// timeouts, blacklists and errors earn nothing), one for another round or
// horizon, and one that fails Limits.ValidateResponse.
func (ch Challenge) Reward(resp *forecast.Forecast) float64 {
	if resp == nil || !resp.IsSuccess() || resp.RoundID != ch.ID || resp.Horizon != len(ch.Truth) {
		return 0
	}
	if ch.Limits.ValidateResponse(resp) != nil {
		return 0
	}
	return scoring.Reward(ch.History, ch.Truth, resp.Prediction)
}

// Answer is the miner's handler: it checks req against limits, runs m on
// the series and sets req.Prediction. Non-finite forecast values are
// replaced by the last observed value and values beyond MaxAbs are clipped,
// so a miner never sends what a validator must reject. Errors wrap the
// validation errors of package forecast, or ErrModelOutput.
func Answer(m models.Model, req *forecast.Forecast, limits forecast.Limits) error {
	if err := limits.ValidateRequest(req); err != nil {
		return err
	}
	pred := m.Predict(req.Series, req.Horizon)
	if len(pred) != req.Horizon {
		return fmt.Errorf("%w: %s gave %d values for horizon %d", ErrModelOutput, m.Name(), len(pred), req.Horizon)
	}
	fallback := req.Series[len(req.Series)-1]
	for i, v := range pred {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			pred[i] = fallback
		case v > limits.MaxAbs:
			pred[i] = limits.MaxAbs
		case v < -limits.MaxAbs:
			pred[i] = -limits.MaxAbs
		}
	}
	req.Prediction = pred
	return nil
}
