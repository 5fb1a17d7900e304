package round_test

import (
	"fmt"

	"github.com/taonet/taonet/subnets/forecast/models"
	"github.com/taonet/taonet/subnets/forecast/process"
	"github.com/taonet/taonet/subnets/forecast/round"
	"github.com/taonet/taonet/subnets/forecast/scoring"
)

// Example plays 20 rounds between one validator and four miners running the
// model ladder, then prints the weights the validator would set (as a
// fraction of the largest, rounded: the exact u16 values may differ in the
// last unit where the compiler fuses multiply-adds).
func Example() {
	miners := map[uint16]models.Model{}
	for uid, m := range models.Ladder() {
		miners[uint16(uid)] = m
	}
	scores, _ := scoring.NewScores(len(miners), scoring.DefaultAlpha)
	secret := []byte("validator secret")
	for r := range uint64(20) {
		uids, rewards := round.DefaultConfig().Simulate(miners, r, process.DeriveSeed(secret, r))
		_ = scores.Update(uids, rewards)
	}
	uids, weights, _ := scores.Weights(scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 65535})
	for i, uid := range uids {
		fmt.Printf("uid %d %-48s weight %.2f\n", uid, miners[uid].Name(), float64(weights[i])/65535)
	}
	// Output:
	// uid 0 last                                             weight 0.67
	// uid 1 ar(8)                                            weight 0.93
	// uid 2 rls(8,0.97)                                      weight 0.94
	// uid 3 ensemble(ar(8),ar(16),rls(8,0.97),rls(12,0.98))  weight 1.00
}
