package process

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	mrand "math/rand/v2"
)

// pcgStream is the second PCG word; it separates this process's stream from
// other users of the same seed.
const pcgStream = 0x666f7265636173 // "forecas"

// burnIn is the number of AR steps discarded so the series starts in its
// stationary regime.
const burnIn = 200

// Config sets the mixture the process draws from. Start from DefaultConfig
// (the subnet's process) or AR2Config (a plain AR(2) process).
type Config struct {
	// MaxOrder is the highest AR order drawn: 2 gives AR(2) only, 3 draws
	// AR(2) or AR(3) with equal probability.
	MaxOrder int
	// SwitchProb is the probability that the AR regime switches (new
	// coefficients and a level shift) between 40% and 75% of the history.
	SwitchProb float64
	// SeasonProb is the probability of a sinusoidal season.
	SeasonProb float64
	// MinPeriod and MaxPeriod bound the season's period, in steps.
	MinPeriod, MaxPeriod float64
	// TrendProb is the probability of a linear trend.
	TrendProb float64
	// MaxObsNoise bounds the standard deviation of the observation noise,
	// relative to the unit innovations; the actual value is uniform in
	// [0, MaxObsNoise].
	MaxObsNoise float64
	// Scale turns on the random level and log-uniform scale (1e-2 to 1e3)
	// applied to the whole series.
	Scale bool
}

// DefaultConfig returns the subnet's process: AR(2) or AR(3), a regime
// switch half the time, seasons of period 4 to 24 in 60% of series, trends in
// 40%, observation noise up to 0.5, random level and scale.
func DefaultConfig() Config {
	return Config{
		MaxOrder:    3,
		SwitchProb:  0.7,
		SeasonProb:  0.6,
		MinPeriod:   4,
		MaxPeriod:   24,
		TrendProb:   0.4,
		MaxObsNoise: 0.5,
		Scale:       true,
	}
}

// AR2Config returns a plain stationary AR(2) process: no switch, season,
// trend, observation noise or scaling.
func AR2Config() Config { return Config{MaxOrder: 2} }

// Validate reports whether c is usable. Errors wrap ErrInvalidConfig.
func (c Config) Validate() error {
	prob := func(p float64) bool { return p >= 0 && p <= 1 }
	switch {
	case c.MaxOrder != 2 && c.MaxOrder != 3:
		return fmt.Errorf("%w: max order %d, want 2 or 3", ErrInvalidConfig, c.MaxOrder)
	case !prob(c.SwitchProb) || !prob(c.SeasonProb) || !prob(c.TrendProb):
		return fmt.Errorf("%w: probabilities must be in [0, 1]", ErrInvalidConfig)
	case c.SeasonProb > 0 && !(c.MinPeriod >= 2 && c.MaxPeriod >= c.MinPeriod && c.MaxPeriod < 1e6):
		return fmt.Errorf("%w: period range [%v, %v]", ErrInvalidConfig, c.MinPeriod, c.MaxPeriod)
	case !(c.MaxObsNoise >= 0 && c.MaxObsNoise <= 100):
		return fmt.Errorf("%w: max observation noise %v", ErrInvalidConfig, c.MaxObsNoise)
	}
	return nil
}

// Draw returns a series of the default process for seed: n history values
// followed by horizon true future values. See Config.Draw.
func Draw(seed uint64, n, horizon int) (history, truth []float64) {
	return DefaultConfig().Draw(seed, n, horizon)
}

// Draw returns n history values and the horizon values that follow them,
// drawn from the process c with a generator seeded by seed. It is
// deterministic: the same config, seed and lengths give the same series, and
// the history does not depend on horizon. It panics if n < 1, horizon < 0 or
// c is invalid, as these are programming errors.
func (c Config) Draw(seed uint64, n, horizon int) (history, truth []float64) {
	if n < 1 || horizon < 0 {
		panic(fmt.Sprintf("process: Draw(n=%d, horizon=%d)", n, horizon))
	}
	if err := c.Validate(); err != nil {
		panic(err)
	}
	rng := mrand.New(mrand.NewPCG(seed, pcgStream))
	total := n + horizon
	xs := make([]float64, total)

	// Draw every parameter before the path, in a fixed order, so that the
	// parameters depend on the seed alone and never on n or horizon.
	order := 2
	if c.MaxOrder == 3 && rng.IntN(2) == 1 {
		order = 3
	}
	phi := stableAR(rng, order)
	switchAt, phi2, shift := -1, []float64(nil), 0.0
	if rng.Float64() < c.SwitchProb {
		switchAt = int(float64(n) * (0.55 + 0.3*rng.Float64()))
		phi2 = stableAR(rng, order)
		shift = (2 + 4*rng.Float64()) * sign(rng)
	}
	amp, period, phase := 0.0, 1.0, 0.0
	if rng.Float64() < c.SeasonProb {
		amp = 1 + 3*rng.Float64()
		period = c.MinPeriod + (c.MaxPeriod-c.MinPeriod)*rng.Float64()
		phase = 2 * math.Pi * rng.Float64()
	}
	slope := 0.0
	if rng.Float64() < c.TrendProb {
		slope = (0.01 + 0.04*rng.Float64()) * sign(rng)
	}
	obs := c.MaxObsNoise * rng.Float64()
	level, scale := 0.0, 1.0
	if c.Scale {
		scale = math.Pow(10, -2+5*rng.Float64())
		level = 10 * rng.NormFloat64()
	}

	// The AR path: burn in, then run, switching regime at switchAt. The
	// noise comes from its own generator so that the path is the same for
	// every horizon.
	noise := mrand.New(mrand.NewPCG(rng.Uint64(), pcgStream))
	lags := make([]float64, order) // lags[i] = y[t-1-i]
	step := func(coef []float64) float64 {
		y := noise.NormFloat64()
		for i, a := range coef {
			y += a * lags[i]
		}
		copy(lags[1:], lags[:len(lags)-1])
		lags[0] = y
		return y
	}
	for range burnIn {
		step(phi)
	}
	offset := 0.0
	for t := range total {
		coef := phi
		if switchAt >= 0 && t >= switchAt {
			coef, offset = phi2, shift
		}
		y := step(coef) + offset
		y += amp * math.Sin(2*math.Pi*float64(t)/period+phase)
		y += slope * float64(t)
		y += obs * noise.NormFloat64()
		xs[t] = level + scale*y
	}
	return xs[:n:n], xs[n:]
}

// stableAR returns the coefficients a of a stationary AR process of the
// given order (2 or 3), y[t] = a[0] y[t-1] + a[1] y[t-2] (+ a[2] y[t-3]),
// built from random roots of its characteristic polynomial inside the unit
// circle: a damped oscillation (complex pair) or two real roots, times a
// third real root for order 3.
func stableAR(rng *mrand.Rand, order int) []float64 {
	var a1, a2 float64
	if rng.Float64() < 0.6 {
		r := 0.6 + 0.37*rng.Float64()
		theta := 0.15 + (math.Pi-0.3)*rng.Float64()
		a1, a2 = 2*r*math.Cos(theta), -r*r
	} else {
		r1, r2 := -0.9+1.87*rng.Float64(), -0.9+1.87*rng.Float64()
		a1, a2 = r1+r2, -r1*r2
	}
	if order == 2 {
		return []float64{a1, a2}
	}
	// (1 - a1 z - a2 z^2)(1 - r3 z)
	r3 := -0.8 + 1.75*rng.Float64()
	return []float64{a1 + r3, a2 - a1*r3, -a2 * r3}
}

func sign(rng *mrand.Rand) float64 {
	if rng.IntN(2) == 0 {
		return -1
	}
	return 1
}

// RandomSeed returns a seed from the operating system's secure random
// source, for a validator that keeps no secret between rounds.
func RandomSeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return binary.LittleEndian.Uint64(b[:])
}

// DeriveSeed returns the seed of a round from a validator secret: the first
// eight bytes (little-endian) of HMAC-SHA256(secret, "forecast/round" ||
// round as 8 big-endian bytes). Without the secret the seed is
// unpredictable; with it the validator can replay any round.
func DeriveSeed(secret []byte, round uint64) uint64 {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("forecast/round"))
	var r [8]byte
	binary.BigEndian.PutUint64(r[:], round)
	m.Write(r[:])
	return binary.LittleEndian.Uint64(m.Sum(nil))
}
