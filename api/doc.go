// Package api serves taonet's HTTP/JSON API under /v1 and its websocket
// stream at /v1/ws. It reads committed state through a pinned store view
// (every response reflects exactly one height) and reaches CometBFT (tx
// broadcast, blocks, tx lookup) only through the Backend interface.
//
// Amounts are rao as JSON integers. Errors are
//
//	{"error":{"code":"<Name>","message":"<detail>"}}
//
// with a fitting HTTP status (400 bad input, 404 unknown, 422 refused tx,
// 503 node not ready, 500 otherwise).
//
// Endpoints:
//
//	GET  /v1/status                 chain id, height, app hash, issuance, emission, fees
//	GET  /v1/accounts/{ss58}        free balance and nonce
//	POST /v1/tx                     submit a signed tx ({"tx":"0x…"}; ?wait=commit waits for the block)
//	GET  /v1/tx/{hash}              a committed tx and its result
//	GET  /v1/blocks/{height|latest} a block with its txs, results and events
//	GET  /v1/ws                     websocket: one JSON message per committed block
//	GET  /v1/node                   node id, p2p address and peers, for joining nodes
//	GET  /v1/genesis                the genesis document
//	GET  /v1/validators             the consensus validator set in force
//
// and the subnet endpoints listed in subnets.go (/v1/network, /v1/subnets,
// /v1/subnets/{netuid}, …/metagraph, …/neurons/{uid}, …/pow, /v1/delegates,
// /v1/stake/{coldkey}).
package api
