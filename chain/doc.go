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
// A transaction applies whole or changes nothing: it runs on a branch of the
// block's state, written back only on success. A refused transaction is a
// Result with a non-zero code and a named error, not a Go error.
package chain
