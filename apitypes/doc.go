// Package apitypes holds the JSON wire types of taonet's HTTP API (/v1):
// blocks, transaction outcomes and events, accounts, subnets, metagraphs,
// delegates, governance. The API server, its Go client and the neuron SDK
// (metagraph, axon, dendrite) share them. It imports only the standard
// library, so that a client or a neuron never pulls in CometBFT, Pebble or
// the state machine; the chain's own event and result types are aliases of
// these.
package apitypes
