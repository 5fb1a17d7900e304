// Package models holds the forecasting models a miner of the forecasting
// subnet can run, from a naive baseline to an adaptive ensemble, so that the
// subnet's incentive has real quality differences to reward.
//
// Every model implements [Model]: Predict takes the observed history and
// returns the next horizon values. Models are stateless between calls (they
// refit on each history), safe for concurrent use, and never modify the
// history. The numerics are plain float64 Go: least squares by ridge-regularised
// normal equations solved with a Cholesky factorisation, and recursive least
// squares with a forgetting factor.
//
// On the subnet's process (package process, 128 history values, horizon 8)
// the models rank, from worst to best by mean scaled error: [Mean], [Drift],
// [LastValue], [AR], [RLS], [Ensemble] ([Ladder] lists the last four); the
// tests pin the ordering and BenchmarkModels reports it.
package models
