// Package history keeps the explorer's index outside consensus state: one
// metagraph snapshot per subnet epoch, transactions by account and events by
// kind. It lives in its own Pebble database under the node home, is bounded
// to a window of recent blocks, is written one block per synced batch (so a
// kill -9 loses nothing that was acknowledged) and, if missing, is rebuilt
// from the node's committed blocks. The API endpoints it serves are
// registered on the node's API server by Register.
package history
