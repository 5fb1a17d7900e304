// Package demo runs the forecasting subnet on a local chain: what
// "taonet localnet" starts by default.
//
// [Setup] creates the subnet with //Alice (the localnet's sudo) as owner,
// shortens its tempo and the root network's, lifts the weights and serving
// rate limits and the registration caps, funds and registers two staked validators
// (//Bob//validator, //Charlie//validator; //Bob's is also the root
// validator that points the root network's emission at the subnet) and six
// miners (//Dave//miner0 … //Ferdie//miner5) running models of different
// quality. Setup is idempotent: on a chain where it already ran it only
// finds the subnet again.
//
// [Demo.Run] then serves the miners' axons and runs the validators' loops
// in-process on 127.0.0.1, and prints a table of the metagraph after every
// epoch: TAO flows to the miners with the better models and, as
// dividends, to the validators.
//
// Everything goes through the node's HTTP API (package client), as an
// external miner or validator would.
package demo
