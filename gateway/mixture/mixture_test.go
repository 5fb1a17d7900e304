package mixture

import (
	"errors"
	"math"
	"testing"
)

func TestWeights(t *testing.T) {
	r := DefaultRule()
	history := make([]float64, 96)
	for i := range history {
		history[i] = float64(i%7) + 0.1*float64(i)
	}
	h := 4
	origins := r.Origins(len(history), h)
	if len(origins) != 6 || origins[0] != 92 || origins[5] != 72 {
		t.Fatalf("origins %v", origins)
	}
	exact, off := Expert{Forecast: []float64{1, 2, 3, 4}}, Expert{Forecast: []float64{5, 5, 5, 5}}
	for _, o := range origins {
		exact.Backtests = append(exact.Backtests, append([]float64(nil), history[o:o+h]...))
		off.Backtests = append(off.Backtests, []float64{0, 0, 0, 0})
	}
	broken := Expert{Forecast: []float64{1, math.NaN(), 3, 4}, Backtests: exact.Backtests}
	w, err := r.Weights(history, h, []Expert{off, exact, broken})
	if err != nil {
		t.Fatal(err)
	}
	if w[1] < 0.99 || w[2] != 0 || math.Abs(w[0]+w[1]+w[2]-1) > 1e-12 {
		t.Fatalf("weights %v: the expert exact on the tail must dominate, the broken one get 0", w)
	}
	if got := Blend([]Expert{off, exact, broken}, w, h); math.Abs(got[0]-1) > 0.1 {
		t.Fatalf("blend %v", got)
	}
	if _, err := r.Weights(history, h, []Expert{broken, {Forecast: []float64{1}}}); !errors.Is(err, ErrNoExpert) {
		t.Fatalf("err %v, want ErrNoExpert", err)
	}
	// Too short to backtest: the priors decide.
	w, err = r.Weights(history[:10], h, []Expert{{Forecast: exact.Forecast, Prior: 1}, {Forecast: off.Forecast}})
	if err != nil || w[0] <= w[1] {
		t.Fatalf("short history: %v %v", w, err)
	}
}
