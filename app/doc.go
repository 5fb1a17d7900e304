// Package app adapts taonet's state machine to CometBFT's ABCI 2.0. It is
// the only package that imports CometBFT's ABCI types.
//
// Flow of a block: FinalizeBlock opens a branch of the committed store, runs
// the chain's begin-block hooks (coinbase), every transaction on its own
// nested branch, the end-block hooks, and computes the app hash with
// store.Committer.Prepare. Commit persists that branch atomically together
// with the height and app hash, so a crash at any point leaves either the
// previous or the new block committed, and CometBFT's handshake replays the
// rest.
//
// CheckTx runs each transaction on a check branch over the committed state
// (so a sender can queue consecutive nonces); the branch is reset at every
// Commit and CometBFT rechecks the mempool.
//
// A Go error or panic from this package means the state is corrupt and the
// node must halt; a refused transaction is a result code.
package app
