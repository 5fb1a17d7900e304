package forecast_test

import (
	"errors"
	"math"
	"testing"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/synapse"
)

// FuzzValidate decodes arbitrary JSON bodies as a Forecast and checks that
// validation never panics, that a request it accepts obeys the limits, that
// an accepted response is also an accepted request, and that an accepted
// request survives a JSON round trip unchanged in validity.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(`{"name":"Forecast","round_id":1,"series":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"horizon":2,"prediction":[1,2]}`))
	f.Add([]byte(`{"round_id":18446744073709551615,"series":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"horizon":128,"prediction":null}`))
	f.Add([]byte(`{"series":[1e308,-1e308],"horizon":-1}`))
	f.Add([]byte(`{"series":null,"horizon":9223372036854775807,"prediction":[]}`))
	f.Add([]byte(`{"series":[1,2,3],"horizon":"3"}`))
	f.Add([]byte(`[]`))
	limits := forecast.DefaultLimits()
	f.Fuzz(func(t *testing.T, body []byte) {
		req := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
		if err := synapse.Unmarshal(body, req); err != nil {
			if !errors.Is(err, synapse.ErrMalformedBody) {
				t.Fatalf("Unmarshal error %v does not wrap ErrMalformedBody", err)
			}
			return
		}
		reqErr := limits.ValidateRequest(req)
		respErr := limits.ValidateResponse(req)
		if reqErr != nil && (respErr == nil || respErr.Error() != reqErr.Error()) {
			t.Fatalf("request invalid (%v) but response error is %v", reqErr, respErr)
		}
		if reqErr != nil {
			return
		}
		if n := len(req.Series); n < limits.MinSeries || n > limits.MaxSeries {
			t.Fatalf("accepted series of length %d", n)
		}
		if req.Horizon < limits.MinHorizon || req.Horizon > limits.MaxHorizon {
			t.Fatalf("accepted horizon %d", req.Horizon)
		}
		checkFinite(t, req.Series, limits.MaxAbs)
		if respErr == nil {
			if len(req.Prediction) != req.Horizon {
				t.Fatalf("accepted prediction of length %d for horizon %d", len(req.Prediction), req.Horizon)
			}
			checkFinite(t, req.Prediction, limits.MaxAbs)
		}
		again, err := synapse.Marshal(req)
		if err != nil {
			t.Fatalf("re-marshal of a valid request: %v", err)
		}
		back := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
		if err := synapse.Unmarshal(again, back); err != nil {
			t.Fatalf("re-unmarshal: %v", err)
		}
		if err := limits.ValidateRequest(back); err != nil {
			t.Fatalf("valid request invalid after round trip: %v", err)
		}
		if (limits.ValidateResponse(back) == nil) != (respErr == nil) {
			t.Fatalf("response validity changed in round trip")
		}
	})
}

func checkFinite(t *testing.T, xs []float64, bound float64) {
	t.Helper()
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > bound {
			t.Fatalf("accepted value [%d] = %v", i, x)
		}
	}
}
