// Package forecast is the wire protocol of the example time-series
// forecasting subnet.
//
// Each round a validator draws a series from a generative process that miners
// cannot see (package process, seeded secretly per round), sends its history
// in a [Forecast] synapse and asks for the next Horizon values. The miner
// fills Prediction with one of the models of package models; once the truth
// is known the validator scores the answer by its scaled error (package
// scoring), folds the reward into a moving average and sets weights on chain,
// so miners with better models earn more. Package round ties these together
// without a network.
//
// The synapse is wire-compatible with this Python class:
//
//	class Forecast(bt.Synapse):
//	    round_id: int
//	    series: List[float]
//	    horizon: int
//	    prediction: Optional[List[float]] = None
//	    required_hash_fields: ClassVar[Tuple[str, ...]] = ("round_id", "series", "horizon")
//
// Everything decoded from the network is untrusted: a miner checks a request
// with [Limits.ValidateRequest] before predicting, and a validator checks an
// answer with [Limits.ValidateResponse] before scoring it. Both return errors
// wrapping the sentinels in errors.go.
package forecast
