package metagraph

import "errors"

var (
	// ErrInvalidResponse is returned by Sync when the node's metagraph is
	// inconsistent (a column of the wrong length, a bad address, another
	// netuid, UIDs out of order). The previous snapshot is kept.
	ErrInvalidResponse = errors.New("metagraph: invalid response")
	// ErrNotSynced is returned by Metagraph.Current before any Sync succeeded.
	ErrNotSynced = errors.New("metagraph: not synced")
)
