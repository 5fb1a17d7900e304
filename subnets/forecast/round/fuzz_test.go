package round_test

import (
	"math"
	"testing"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/synapse"
)

// FuzzAnswer feeds arbitrary request bodies to the miner's handler with
// every shipped model: whatever a validator sends, an accepted request gets
// an answer that the validator's own checks accept and that encodes.
func FuzzAnswer(f *testing.F) {
	f.Add([]byte(`{"round_id":1,"series":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"horizon":4}`))
	f.Add([]byte(`{"round_id":1,"series":[1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12,-1e12,1e12],"horizon":128}`))
	f.Add([]byte(`{"series":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1e-300],"horizon":3}`))
	f.Add([]byte(`{"series":[1,10,100,1000,10000,100000,1e6,1e7,1e8,1e9,1e10,1e11,1e12,1e12,1e12,1e12,1e12],"horizon":64}`))
	limits := forecast.DefaultLimits()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, m := range append(models.Ladder(), models.Mean{}, models.Drift{}) {
			req := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
			if synapse.Unmarshal(body, req) != nil {
				return
			}
			if err := round.Answer(m, req, limits); err != nil {
				if limits.ValidateRequest(req) == nil {
					t.Fatalf("%s: valid request refused: %v", m.Name(), err)
				}
				return
			}
			if err := limits.ValidateResponse(req); err != nil {
				t.Fatalf("%s: answer rejected: %v", m.Name(), err)
			}
			if _, err := synapse.Marshal(req); err != nil {
				t.Fatalf("%s: answer does not encode: %v", m.Name(), err)
			}
		}
	})
}

// FuzzReward feeds arbitrary response bodies to the validator's scoring:
// the reward is always in [0, 1] and 0 unless the response is valid.
func FuzzReward(f *testing.F) {
	ch := round.NewRound(9, 4).Challenges[0]
	good, _ := synapse.Marshal(func() *forecast.Forecast {
		r := ch.Request()
		_ = round.Answer(models.LastValue{}, r, ch.Limits)
		return r
	}())
	f.Add(good)
	f.Add([]byte(`{"round_id":9,"series":[1,2],"horizon":8,"prediction":[1,2,3,4,5,6,7,8]}`))
	f.Add([]byte(`{"prediction":[1e308,1e308,1e308,1e308,1e308,1e308,1e308,1e308]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		resp := ch.Request()
		if synapse.Unmarshal(body, resp) != nil {
			return
		}
		resp.Dendrite.StatusCode = 200
		r := ch.Reward(resp)
		if math.IsNaN(r) || r < 0 || r > 1 {
			t.Fatalf("reward %v", r)
		}
		if r > 0 && ch.Limits.ValidateResponse(resp) != nil {
			t.Fatalf("invalid response earned %v", r)
		}
	})
}
