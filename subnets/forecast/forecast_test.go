package forecast_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/synapse"
)

func ramp(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

func TestValidate(t *testing.T) {
	l := forecast.DefaultLimits()
	good := func() *forecast.Forecast {
		return &forecast.Forecast{RoundID: 7, Series: ramp(64), Horizon: 8, Prediction: ramp(8)}
	}
	tests := []struct {
		name       string
		mutate     func(*forecast.Forecast)
		reqErr     error
		respErr    error
		nilSynapse bool
	}{
		{name: "ok", mutate: func(*forecast.Forecast) {}},
		{name: "nil", nilSynapse: true, reqErr: forecast.ErrNilSynapse, respErr: forecast.ErrNilSynapse},
		{name: "short series", mutate: func(f *forecast.Forecast) { f.Series = ramp(l.MinSeries - 1) },
			reqErr: forecast.ErrSeriesLength, respErr: forecast.ErrSeriesLength},
		{name: "min series", mutate: func(f *forecast.Forecast) { f.Series = ramp(l.MinSeries) }},
		{name: "max series", mutate: func(f *forecast.Forecast) { f.Series = ramp(l.MaxSeries) }},
		{name: "long series", mutate: func(f *forecast.Forecast) { f.Series = ramp(l.MaxSeries + 1) },
			reqErr: forecast.ErrSeriesLength, respErr: forecast.ErrSeriesLength},
		{name: "nil series", mutate: func(f *forecast.Forecast) { f.Series = nil },
			reqErr: forecast.ErrSeriesLength, respErr: forecast.ErrSeriesLength},
		{name: "zero horizon", mutate: func(f *forecast.Forecast) { f.Horizon = 0; f.Prediction = []float64{} },
			reqErr: forecast.ErrHorizon, respErr: forecast.ErrHorizon},
		{name: "negative horizon", mutate: func(f *forecast.Forecast) { f.Horizon = -3 },
			reqErr: forecast.ErrHorizon, respErr: forecast.ErrHorizon},
		{name: "huge horizon", mutate: func(f *forecast.Forecast) { f.Horizon = l.MaxHorizon + 1; f.Prediction = ramp(l.MaxHorizon + 1) },
			reqErr: forecast.ErrHorizon, respErr: forecast.ErrHorizon},
		{name: "NaN in series", mutate: func(f *forecast.Forecast) { f.Series[10] = math.NaN() },
			reqErr: forecast.ErrNonFinite, respErr: forecast.ErrNonFinite},
		{name: "Inf in series", mutate: func(f *forecast.Forecast) { f.Series[0] = math.Inf(-1) },
			reqErr: forecast.ErrNonFinite, respErr: forecast.ErrNonFinite},
		{name: "huge series value", mutate: func(f *forecast.Forecast) { f.Series[3] = -2 * l.MaxAbs },
			reqErr: forecast.ErrOutOfBounds, respErr: forecast.ErrOutOfBounds},
		{name: "bound series value", mutate: func(f *forecast.Forecast) { f.Series[3] = -l.MaxAbs }},
		{name: "no prediction", mutate: func(f *forecast.Forecast) { f.Prediction = nil },
			respErr: forecast.ErrNoPrediction},
		{name: "short prediction", mutate: func(f *forecast.Forecast) { f.Prediction = f.Prediction[:7] },
			respErr: forecast.ErrPredictionLength},
		{name: "empty prediction", mutate: func(f *forecast.Forecast) { f.Prediction = []float64{} },
			respErr: forecast.ErrPredictionLength},
		{name: "long prediction", mutate: func(f *forecast.Forecast) { f.Prediction = ramp(9) },
			respErr: forecast.ErrPredictionLength},
		{name: "NaN prediction", mutate: func(f *forecast.Forecast) { f.Prediction[7] = math.NaN() },
			respErr: forecast.ErrNonFinite},
		{name: "Inf prediction", mutate: func(f *forecast.Forecast) { f.Prediction[0] = math.Inf(1) },
			respErr: forecast.ErrNonFinite},
		{name: "huge prediction", mutate: func(f *forecast.Forecast) { f.Prediction[1] = math.MaxFloat64 },
			respErr: forecast.ErrOutOfBounds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *forecast.Forecast
			if !tt.nilSynapse {
				f = good()
				tt.mutate(f)
			}
			if err := l.ValidateRequest(f); !errors.Is(err, tt.reqErr) || (err == nil) != (tt.reqErr == nil) {
				t.Errorf("ValidateRequest = %v, want %v", err, tt.reqErr)
			}
			if err := l.ValidateResponse(f); !errors.Is(err, tt.respErr) || (err == nil) != (tt.respErr == nil) {
				t.Errorf("ValidateResponse = %v, want %v", err, tt.respErr)
			}
		})
	}
}

func TestLimitsValidate(t *testing.T) {
	ok := forecast.DefaultLimits()
	if err := ok.Validate(); err != nil {
		t.Fatalf("DefaultLimits().Validate() = %v", err)
	}
	tests := []struct {
		name   string
		mutate func(*forecast.Limits)
	}{
		{"min series too small", func(l *forecast.Limits) { l.MinSeries = 1 }},
		{"max below min series", func(l *forecast.Limits) { l.MaxSeries = l.MinSeries - 1 }},
		{"zero min horizon", func(l *forecast.Limits) { l.MinHorizon = 0 }},
		{"max below min horizon", func(l *forecast.Limits) { l.MinHorizon, l.MaxHorizon = 5, 4 }},
		{"zero max abs", func(l *forecast.Limits) { l.MaxAbs = 0 }},
		{"NaN max abs", func(l *forecast.Limits) { l.MaxAbs = math.NaN() }},
		{"Inf max abs", func(l *forecast.Limits) { l.MaxAbs = math.Inf(1) }},
		{"max abs without head-room", func(l *forecast.Limits) { l.MaxAbs = math.MaxFloat64 / 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ok
			tt.mutate(&l)
			if err := l.Validate(); !errors.Is(err, forecast.ErrInvalidLimits) {
				t.Errorf("Validate() = %v, want ErrInvalidLimits", err)
			}
		})
	}
}

// TestWire checks the synapse's wire form: the route name, the input-object
// headers a Python axon needs, a body hash over the inputs only, and a JSON
// round trip that keeps an unanswered prediction nil.
func TestWire(t *testing.T) {
	req := &forecast.Forecast{RoundID: 3, Series: []float64{1, 2.5, 1e-05}, Horizon: 2}
	h, err := synapse.ToHeaders(req)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"name":                           "Forecast",
		"bt_header_input_obj_round_id":   "MA==", // base64("0")
		"bt_header_input_obj_series":     "W10=", // base64("[]")
		"bt_header_input_obj_horizon":    "MA==",
		"bt_header_input_obj_prediction": "",
	} {
		if got := firstHeader(h, name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	wantHash := synapse.Sha3Hex(synapse.Sha3Hex("3") + synapse.Sha3Hex("[1.0, 2.5, 1e-05]") + synapse.Sha3Hex("2"))
	before, err := synapse.BodyHash(req)
	if err != nil || before != wantHash {
		t.Fatalf("BodyHash = %s, %v; want %s", before, err, wantHash)
	}
	req.Prediction = []float64{4, 5}
	if after, _ := synapse.BodyHash(req); after != before {
		t.Error("body hash depends on the prediction")
	}
	req.Prediction = nil

	body, err := synapse.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	got := synapse.New(&forecast.Forecast{}).(*forecast.Forecast)
	if err := synapse.Unmarshal(body, got); err != nil {
		t.Fatal(err)
	}
	if got.RoundID != 3 || got.Horizon != 2 || !slices.Equal(got.Series, req.Series) || got.Prediction != nil {
		t.Errorf("round trip = %+v", got)
	}
}

func firstHeader(h map[string][]string, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}
