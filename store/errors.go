package store

import "errors"

var (
	// ErrCorrupt is returned by Open when the backend's metadata is
	// malformed or inconsistent with its contents.
	ErrCorrupt = errors.New("store: corrupt metadata")
	// ErrVersion is returned by Prepare when the version does not follow
	// the committed version.
	ErrVersion = errors.New("store: version out of order")
	// ErrStale is returned by Prepare and Commit when the branch or the
	// pending block was built on a version that is no longer the latest
	// committed one (another block was committed in between, or the
	// Pending was already committed).
	ErrStale = errors.New("store: branch is not based on the latest committed version")
	// ErrForeign is returned by Prepare and Commit for a branch or a
	// pending block that does not come from this Committer.
	ErrForeign = errors.New("store: branch does not belong to this committer")
	// ErrClosed is returned by the Committer after Close.
	ErrClosed = errors.New("store: committer is closed")
)
