// Package process is the forecasting subnet's generative process: a family
// of non-trivial random series that validators draw from a secret per-round
// seed and miners never see.
//
// A series is the sum of
//
//   - an autoregressive component of order 2 or 3 with random stable
//     coefficients (complex roots give damped oscillations, real roots
//     persistence) and unit Gaussian innovations,
//   - with probability Config.SwitchProb, a regime switch somewhere in the
//     middle of the history: new AR coefficients and a level shift, so that
//     models fitted to the whole history are misled and adaptive ones win,
//   - with probability Config.SeasonProb, a sinusoidal season of random period
//     and amplitude,
//   - with probability Config.TrendProb, a linear trend,
//   - Gaussian observation noise of random size,
//
// scaled by a log-uniform factor and shifted by a random level, so that
// scoring must be scale-free. Everything is drawn from a math/rand/v2 PCG
// generator seeded by the round seed: the same seed always gives the same
// series. A validator picks the seed with [RandomSeed] or derives it from a
// secret with [DeriveSeed]; either way miners cannot predict the series
// beyond what its history reveals.
package process
