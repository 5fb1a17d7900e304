package round

import (
	"slices"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/synapse"
)

// Simulate plays one round of the default config with round id and seed
// both equal to seed; see Config.Simulate.
func Simulate(miners map[uint16]models.Model, seed uint64) (uids []uint16, rewards []float64) {
	return DefaultConfig().Simulate(miners, seed, seed)
}

// Simulate plays one round in memory: it draws the round (id, seed), sends
// each challenge's request to every miner through the synapse JSON
// encoding, lets each miner answer with its model (Answer), decodes the
// answers as a dendrite would (status 200 on success, 500 if the miner
// failed) and scores them. It returns the miners' uids in increasing order and their
// rewards, ready for scoring.Scores.Update. It is deterministic.
func (c Config) Simulate(miners map[uint16]models.Model, id, seed uint64) (uids []uint16, rewards []float64) {
	r := c.NewRound(id, seed)
	bodies := make([][]byte, len(r.Challenges))
	for j, req := range r.Requests() {
		b, err := synapse.Marshal(req)
		if err != nil {
			panic(err) // the process draws finite values only
		}
		bodies[j] = b
	}
	uids = make([]uint16, 0, len(miners))
	for uid := range miners {
		uids = append(uids, uid)
	}
	slices.Sort(uids)
	responses := make([][]*forecast.Forecast, len(uids))
	for i, uid := range uids {
		responses[i] = make([]*forecast.Forecast, len(bodies))
		for j, body := range bodies {
			responses[i][j] = c.serve(miners[uid], body)
		}
	}
	return uids, r.Rewards(uids, responses)
}

// serve is one miner's round trip: decode the request, answer, encode the
// response, decode it on the validator's side.
func (c Config) serve(m models.Model, body []byte) *forecast.Forecast {
	failed := func() *forecast.Forecast {
		resp := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
		resp.Dendrite.StatusCode = 500
		return resp
	}
	req := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
	if synapse.Unmarshal(body, req) != nil || Answer(m, req, c.Limits) != nil {
		return failed()
	}
	out, err := synapse.Marshal(req)
	if err != nil {
		return failed()
	}
	resp := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
	if synapse.Unmarshal(out, resp) != nil {
		return failed()
	}
	resp.Dendrite.StatusCode = 200
	return resp
}
