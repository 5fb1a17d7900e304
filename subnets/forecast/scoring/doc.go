// Package scoring turns forecasting answers into rewards and rewards into
// on-chain weights, as a validator of the forecasting subnet does.
//
// [Reward] scores one prediction against the truth: exp(-MASE), in [0, 1],
// 0 for a missing or malformed answer. [Scores] keeps the validator's
// exponential moving average of rewards per uid, exactly as the subnet
// template's update_scores does (alpha 0.1 by default; uids not queried
// decay too), and [Scores.Weights] turns it into the (uids, u16 weights) a
// set_weights call carries: L1-normalise, [ProcessWeights] (bittensor's
// process_weights_for_netuid: drop zeros, exclude a low quantile, cap each
// weight at the subnet's max weight limit, renormalise) and
// [ConvertWeightsForEmit] (bittensor's convert_weights_and_uids_for_emit:
// scale the largest weight to 65535 and round half to even).
//
// The weight functions compute in float64 where the reference uses numpy
// float32, so a u16 weight may differ from the reference's by one unit.
package scoring
