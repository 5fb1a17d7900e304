package models_test

import (
	"fmt"
	"math"

	"github.com/taonet/taonet/subnets/forecast/models"
)

func Example() {
	// A season of period 12 around a level of 50.
	xs := make([]float64, 100)
	for t := range xs {
		xs[t] = 50 + 10*math.Sin(2*math.Pi*float64(t)/12)
	}
	history, truth := xs[:96], xs[96:]
	for _, m := range []models.Model{models.LastValue{}, models.AR{Order: 4}} {
		pred := m.Predict(history, len(truth))
		worst := 0.0
		for i := range truth {
			worst = math.Max(worst, math.Abs(pred[i]-truth[i]))
		}
		fmt.Printf("%s: max error %.2f\n", m.Name(), worst)
	}
	// Output:
	// last: max error 15.00
	// ar(4): max error 0.02
}
