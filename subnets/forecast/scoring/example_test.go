package scoring_test

import (
	"fmt"

	"github.com/taonet/taonet/subnets/forecast/scoring"
)

func Example() {
	history := []float64{10, 12, 11, 13, 12, 14}
	truth := []float64{13, 15}

	// Three miners answered: a perfect forecast, a naive one and nothing.
	rewards := []float64{
		scoring.Reward(history, truth, []float64{13, 15}),
		scoring.Reward(history, truth, []float64{14, 14}),
		scoring.Reward(history, truth, nil),
	}
	fmt.Printf("rewards %.3f\n", rewards)

	scores, _ := scoring.NewScores(3, scoring.DefaultAlpha)
	for range 20 {
		_ = scores.Update([]uint16{0, 1, 2}, rewards)
	}
	fmt.Printf("scores %.3f\n", scores.Values())

	uids, weights, _ := scores.Weights(scoring.WeightParams{MinAllowedWeights: 1, MaxWeightsLimit: 65535})
	fmt.Println("uids", uids, "weights", weights)
	// Output:
	// rewards [1.000 0.535 0.000]
	// scores [0.878 0.470 0.000]
	// uids [0 1] weights [65535 35078]
}
