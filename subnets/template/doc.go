// Package template is taonet's subnet template: the miner and validator
// programs of opentensor's bittensor-subnet-template (specs/sdk.md §5),
// built on the SDK (axon, dendrite, the HTTP API through a [Chain]).
//
// A subnet supplies two things:
//
//   - for miners, a synapse handler attached with [Attach]: the [Miner]
//     checks that its hotkey is registered, serves the axon, announces it
//     on chain with serve_axon (signed by the hotkey) and keeps its
//     metagraph (package metagraph) fresh, which backs the template's
//     blacklist (unregistered hotkeys, and with ForceValidatorPermit
//     hotkeys without a permit, are refused) and the priority (stake);
//   - for validators, a [Task]: each step the [Validator] asks the task for
//     a [Round] of requests, sends them to a random sample of serving miners
//     with its dendrite, lets the round turn the responses into one reward
//     per uid, folds the rewards into moving-average scores (alpha 0.1 by
//     default) and, every EpochLength blocks, sets weights on chain with
//     set_weights (signed by the hotkey), normalised and capped with the
//     subnet's min_allowed_weights and max_weights_limit, carrying a version
//     key no lower than the subnet's weights_version and respecting its
//     weights_rate_limit.
//
// The validator loop is the template's (§5.4): sync the metagraph, query,
// score, update the moving average, set weights when
// block - last_update[uid] > EpochLength. Its weight arithmetic is the one
// of package subnets/forecast/scoring (bittensor's process_weights and
// convert_weights_and_uids_for_emit). Differences from the Python template:
// a validator whose scores are all zero does not set (uniform) weights, and
// a validator without a validator permit waits for one instead of sending a
// set_weights the chain refuses.
//
// Miners and validators talk to the chain only through [Chain] (a
// metagraph.Source plus the height and transaction submission);
// [NewChain] adapts a client.Client, and tests use an in-memory fake.
//
// Not carried over from the Python template: the validator serving an
// axon of its own (--neuron.axon_off is the only behaviour), saving its
// scores to disk between runs, wandb and event logging, and
// num_concurrent_forwards (one forward per step).
package template
