// Package metagraph is the SDK's view of one subnet: every UID's hotkey,
// coldkey, stake, consensus outputs, axon and (unless lite) weight and bond
// rows, read from a node in one request (GET /v1/subnets/{netuid}/metagraph)
// and so from one committed height. It is bittensor's Metagraph
// (sdk.md §3.2) with Go types:
//
//   - proportions (Consensus, Incentive, Dividends, ValidatorTrust, Rank,
//     Trust) are float64 value/65535, as the reference's u16_normalized_float;
//   - amounts (Stake, Emission) are rao (uint64); StakeTAO converts;
//   - Weights and Bonds are sparse rows of raw u16 values; WeightMatrix
//     normalises each row by its sum and BondMatrix gives the raw values,
//     both dense n×n like the reference's W and B.
//
// A Metagraph is safe for concurrent use: Sync builds a new immutable
// Snapshot and swaps it in, readers see either the old or the new one.
// Watch keeps it fresh by re-syncing on new blocks. *Metagraph satisfies
// axon.Registry, so an axon can refuse unregistered hotkeys and order
// requests by stake:
//
//	mg := metagraph.New(client.New(url), netuid)
//	if err := mg.Sync(ctx, true); err != nil { … }
//	go mg.Watch(ctx, metagraph.WatchOptions{Every: 5, Lite: true})
//	cfg := axon.DefaultConfig()
//	cfg.Registry = mg
package metagraph
