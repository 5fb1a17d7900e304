package scoring_test

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/taonet/taonet/subnets/forecast/scoring"
)

// FuzzNormalizeMaxWeight checks the properties set_weights relies on for
// any non-negative input: the result is a distribution (non-negative,
// summing to 1) and, when the cap can be met (the nonzero entries times the
// limit exceed 1; zeros stay zero), no entry exceeds it.
func FuzzNormalizeMaxWeight(f *testing.F) {
	f.Add([]byte{1, 0, 2, 0, 3, 0, 4, 0}, uint16(19660))
	f.Add([]byte{0, 0, 0, 0, 255, 255}, uint16(32768))
	f.Add([]byte{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, uint16(6553))
	f.Fuzz(func(t *testing.T, raw []byte, limitU16 uint16) {
		if len(raw) < 2 || limitU16 == 0 {
			return
		}
		x := make([]float64, len(raw)/2)
		for i := range x {
			x[i] = float64(binary.LittleEndian.Uint16(raw[2*i:]))
		}
		limit := float64(limitU16) / 65535
		y := scoring.NormalizeMaxWeight(x, limit)
		if len(y) != len(x) {
			t.Fatalf("len %d, want %d", len(y), len(x))
		}
		sum, maxY, nonzero := 0.0, 0.0, 0
		for i, v := range y {
			if x[i] > 0 {
				nonzero++
			}
			if math.IsNaN(v) || v < 0 {
				t.Fatalf("entry %v in %v", v, y)
			}
			sum += v
			maxY = math.Max(maxY, v)
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("sum %v for %v", sum, x)
		}
		if float64(nonzero)*limit > 1 && maxY > limit+1e-6 {
			t.Fatalf("max %v above limit %v for %v", maxY, limit, x)
		}
	})
}
