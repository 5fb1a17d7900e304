// Package chain is taonet's pure state machine: it decodes and checks
// transactions, dispatches their calls to the modules (bank, and the subnet
// modules registered with a Chain), and runs the block hooks (coinbase,
// epochs).
//
// Contract (raft's FSM, cometbft's execution): the same genesis and the same
// sequence of blocks give the same state and the same app hash on every
// machine. Nothing here reads a clock, randomness or the environment, starts
// goroutines, uses floats, or lets Go map order reach state or output.
//
// A transaction runs in two branches of the block's state. The ante branch
// checks the envelope (chain id, nonce, signature), takes the fee and uses
// the nonce; the call branch runs the call. A tx the ante refuses changes
// nothing. A tx whose call fails keeps only its ante branch: it pays its fee
// and uses its nonce, so it is never free and never replayable (Substrate,
// the Cosmos SDK). CheckTx refuses such a tx outright, so it enters a block
// only when the state moved between CheckTx and the block. A refused or
// failed transaction is a Result with a non-zero code and a named error,
// not a Go error.
package chain
