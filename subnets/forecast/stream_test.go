package forecast_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/taonet/taonet/subnets/forecast"
)

func TestStreamReaderAnySplit(t *testing.T) {
	body := string(forecast.FormatValue(1.5)) + string(forecast.FormatValue(-2)) + string(forecast.FormatValue(1e-9))
	for split := 0; split <= len(body); split++ {
		var r forecast.StreamReader
		if err := r.Write([]byte(body[:split])); err != nil {
			t.Fatal(err)
		}
		if err := r.Write([]byte(body[split:])); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Values, []float64{1.5, -2, 1e-9}) {
			t.Fatalf("split %d: %v", split, r.Values)
		}
	}
	for _, bad := range []string{"NaN\n", "+Inf\n", "x\n", "1e999\n", "12345678901234567890123456789012345678901234567890123456789012345"} {
		var r forecast.StreamReader
		if err := r.Write([]byte(bad)); !errors.Is(err, forecast.ErrBadStream) {
			t.Errorf("%q: %v, want ErrBadStream", bad, err)
		}
	}
	r := forecast.StreamReader{MaxValues: 1}
	if err := r.Write([]byte("1\n2\n")); !errors.Is(err, forecast.ErrBadStream) {
		t.Errorf("over MaxValues: %v", err)
	}
}

// FuzzStreamReader: any bytes from the network leave only finite values
// and never panic.
func FuzzStreamReader(f *testing.F) {
	f.Add([]byte("1.5\n-2\n"), 3)
	f.Add([]byte("NaN\n"), 0)
	f.Fuzz(func(t *testing.T, data []byte, split int) {
		var r forecast.StreamReader
		if split < 0 || split > len(data) {
			split = len(data) / 2
		}
		if r.Write(data[:split]) == nil {
			_ = r.Write(data[split:])
		}
		for _, v := range r.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite value %v", v)
			}
		}
	})
}
