// Package node wires a taonet node together: the home folder and its
// configuration, Pebble for application state, CometBFT run in-process over
// the ABCI app, and the HTTP API. It holds no chain logic.
//
// Home folder layout:
//
//	<home>/config/config.toml            CometBFT configuration
//	<home>/config/genesis.json           CometBFT genesis; app_state is the chain genesis
//	<home>/config/node_key.json          p2p key (ed25519)
//	<home>/config/priv_validator_key.json validator key (ed25519)
//	<home>/config/taonet.json            taonet settings (API address)
//	<home>/data/                         CometBFT block store and state
//	<home>/data/app/                     application state (Pebble)
package node
