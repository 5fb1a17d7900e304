package forecast_test

import (
	"errors"
	"fmt"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/synapse"
)

func Example() {
	limits := forecast.DefaultLimits()

	// The validator builds a request and sends its JSON body.
	series := make([]float64, 32)
	for i := range series {
		series[i] = float64(i % 4)
	}
	body, _ := synapse.Marshal(&forecast.Forecast{RoundID: 1, Series: series, Horizon: 4})

	// The miner decodes and checks it before predicting.
	req := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
	if err := synapse.Unmarshal(body, req); err != nil {
		panic(err)
	}
	fmt.Println(limits.ValidateRequest(req))
	fmt.Println(errors.Is(limits.ValidateResponse(req), forecast.ErrNoPrediction))

	req.Prediction = []float64{0, 1, 2, 3}
	fmt.Println(limits.ValidateResponse(req))

	req.Prediction = req.Prediction[:3]
	fmt.Println(limits.ValidateResponse(req))
	// Output:
	// <nil>
	// true
	// <nil>
	// forecast: prediction length differs from horizon: 3 values for horizon 4
}
