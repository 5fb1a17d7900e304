// Package gateway sells a subnet's intelligence for TAO: users open an
// account (an API key and a deposit address), pay by an ordinary transfer
// to the deposit address, and spend their credit on queries the gateway
// answers with the subnet's best miners (package gateway/mixture blends
// their forecasts).
//
// This package holds the accounts and payments: Ledger keeps the accounts
// (API keys stored as SHA-256 hashes, credit in rao, deposits, query
// counts) in a JSON file written atomically, so a restart loses nothing;
// Watcher credits committed transfers to deposit addresses from the node's
// block stream, once per transaction hash, never before commit, catching
// up on blocks it missed while disconnected; Server serves the account
// endpoints over HTTP JSON.
//
// The gateway is an SDK client: it depends on the node only through its
// HTTP API (package client), never on CometBFT, Pebble or the chain.
package gateway
