// Package store is taonet's state storage layer: an ordered key-value
// interface (KV), branch stores (Cache) that buffer writes for a transaction
// or a block, prefix stores, and the Committer, which persists blocks of
// writes to a Backend together with a version and an app hash.
//
// # Determinism
//
// Everything the state machine can observe through this package is
// deterministic: iteration order is the bytewise key order, the app hash
// depends only on the set of (key, value) pairs, and no time, randomness or
// map iteration reaches the results.
//
// # Slice ownership
//
// Slices returned by Get, Iterator.Key and Iterator.Value are owned by the
// store. The caller must not modify them; they stay valid indefinitely
// (stores never mutate a slice once handed out, and backends copy). Slices
// passed to Set are copied, so callers may reuse their buffers.
//
// # Errors and panics
//
// Invalid use (an empty key, a nil value, writing to committed state) panics
// with a message prefixed "store:". An I/O failure inside a Backend while it
// serves the Reader, KV or Iterator methods also panics, because those
// interfaces have no error results; the ABCI app treats any panic from the
// state machine as "halt: state is corrupt". Methods that return an error
// (Open, Prepare, Commit, Backend.Apply) report failures as errors wrapping
// the sentinels in errors.go.
//
// # App hash
//
// The app hash commits to the whole application state with a homomorphic
// multiset hash (LtHash, 1024 lanes of uint16): each (key, value) pair maps
// through a BLAKE2b XOF to a vector, the state's accumulator is the lane-wise
// sum of all pair vectors mod 2^16, and the app hash is BLAKE2b-256 of the
// accumulator. Updating the accumulator costs O(changed keys) per block, and
// equal states have equal hashes whatever history produced them. See
// lthash.go for the exact encoding.
package store
