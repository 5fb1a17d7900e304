package forecast

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/taonet/taonet/synapse"
)

// ForecastStream is the streaming form of Forecast (a StreamingSynapse):
// the same request, answered by a stream of the Horizon predicted values,
// one decimal number per line, as the miner produces them.
type ForecastStream struct {
	synapse.Base
	RoundID uint64    `json:"round_id" bt:"required"`
	Series  []float64 `json:"series" bt:"required"`
	Horizon int       `json:"horizon" bt:"required"`
}

// RequiredHashFields makes the body hash cover the request's inputs.
func (*ForecastStream) RequiredHashFields() []string {
	return []string{"round_id", "series", "horizon"}
}

// Request returns the equivalent Forecast request.
func (f *ForecastStream) Request() *Forecast {
	return &Forecast{RoundID: f.RoundID, Series: f.Series, Horizon: f.Horizon}
}

// FormatValue is one line of a ForecastStream response.
func FormatValue(v float64) []byte {
	return append(strconv.AppendFloat(nil, v, 'g', -1, 64), '\n')
}

// StreamReader parses a ForecastStream response from chunks in any split,
// holding the values read so far.
type StreamReader struct {
	// Values are the complete values received, in order.
	Values []float64
	// MaxValues bounds Values (0: no bound).
	MaxValues int
	partial   []byte
}

// Write consumes a chunk; a value is complete at its newline.
func (r *StreamReader) Write(chunk []byte) error {
	r.partial = append(r.partial, chunk...)
	for {
		i := bytes.IndexByte(r.partial, '\n')
		if i < 0 {
			if len(r.partial) > 64 {
				return fmt.Errorf("%w: line over 64 bytes", ErrBadStream)
			}
			return nil
		}
		v, err := strconv.ParseFloat(string(r.partial[:i]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %q", ErrBadStream, r.partial[:i])
		}
		if r.MaxValues > 0 && len(r.Values) >= r.MaxValues {
			return fmt.Errorf("%w: more than %d values", ErrBadStream, r.MaxValues)
		}
		r.Values = append(r.Values, v)
		r.partial = r.partial[i+1:]
	}
}

var (
	_ synapse.Synapse     = (*ForecastStream)(nil)
	_ synapse.HashFielder = (*ForecastStream)(nil)
)
