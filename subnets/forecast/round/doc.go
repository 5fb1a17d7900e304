// Package round runs one round of the forecasting subnet without a network:
// the validator's challenges (secret series and their truth), the miners'
// answers (a model's forecast in a Forecast synapse) and the validator's
// rewards. A round holds several series (Config.Series, 8 by default); a
// miner answers each in its own query and earns the mean reward, which
// keeps the moving-average scores from confusing models of close quality.
//
// The network wiring (dendrite queries, axon handlers, set_weights) calls
// the same functions: [Config.NewRound] and [Round.Requests] on the
// validator before querying, [Answer] in the miner's axon handler,
// [Round.Rewards] on the responses, then scoring.Scores.Update and
// scoring.Scores.Weights.
//
// [Simulate] plays a whole round in memory, passing every message through
// the synapse JSON encoding as the network would, so tests and demos can
// check that better models earn more.
package round
