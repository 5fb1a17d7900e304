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
	label := []string{"last value", "AR(8)", "RLS(8)", "ensemble"}
	for i, uid := range uids {
		fmt.Printf("uid %d %-10s score %.3f weight %.2f\n", uid, label[uid], scores.Values()[uid], float64(weights[i])/65535)
	}
	// Output:
	// uid 0 last value score 0.252 weight 0.68
	// uid 1 AR(8)      score 0.350 weight 0.94
	// uid 2 RLS(8)     score 0.354 weight 0.95
	// uid 3 ensemble   score 0.374 weight 1.00
}
