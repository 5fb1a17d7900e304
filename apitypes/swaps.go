package apitypes

// ColdkeySwap is one coldkey's pending swap (schedule_swap_coldkey).
type ColdkeySwap struct {
	// Coldkey is the coldkey being swapped away (SS58).
	Coldkey string `json:"coldkey"`
	// Destinations are the scheduled new coldkeys in scheduling order; two
	// mean arbitration.
	Destinations []string `json:"destinations"`
	// ExecutionBlock is the block the swap runs at; 0 in arbitration.
	ExecutionBlock uint64 `json:"execution_block"`
	// BlocksLeft is how many blocks remain until ExecutionBlock (0 in arbitration).
	BlocksLeft uint64 `json:"blocks_left"`
	// Arbitration is true when two destinations were scheduled: the swap
	// does not run by itself, every call of the coldkey is refused, and
	// root (sudo or a motion) settles it with swap_coldkey.
	Arbitration bool `json:"arbitration"`
}

// ColdkeySwaps is the body of GET /v1/coldkey-swaps: every pending swap in
// coldkey order.
type ColdkeySwaps struct {
	Height int64         `json:"height"`
	Swaps  []ColdkeySwap `json:"swaps"`
	// ScheduleDuration is the network's ColdkeySwapScheduleDuration in blocks.
	ScheduleDuration uint64 `json:"schedule_duration"`
}

// ColdkeySwapInfo is the body of GET /v1/coldkey-swaps/{ss58}.
type ColdkeySwapInfo struct {
	Height int64 `json:"height"`
	ColdkeySwap
}
