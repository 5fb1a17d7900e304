package apitypes

// Attr is one key/value attribute of an event.
type Attr struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Event is something a transition reports, named after subtensor's events
// (e.g. "Transfer", "StakeAdded").
type Event struct {
	Type  string `json:"type"`
	Attrs []Attr `json:"attributes"`
}

// TxResult is the outcome of one transaction as the chain reports it.
type TxResult struct {
	// Code is 0 on success, else the chain error's code.
	Code uint32 `json:"code"`
	// Codespace is the chain error's codespace ("" on success).
	Codespace string `json:"codespace,omitempty"`
	// Error is the reference's error name, e.g. "InsufficientBalance".
	Error string `json:"error,omitempty"`
	// Log is a human-readable detail.
	Log string `json:"log,omitempty"`
	// Fee is the rao charged: also when the call failed in a block (the
	// ante held), 0 when the transaction was refused before it.
	Fee uint64 `json:"fee"`
	// Call is the call's name when the tx decoded.
	Call string `json:"call,omitempty"`
	// Events are the events the transaction emitted: none when refused;
	// for a call that failed in a block, the fee payment and ExtrinsicFailed.
	Events []Event `json:"events,omitempty"`
}

// OK reports whether the transaction applied.
func (r *TxResult) OK() bool { return r.Code == 0 }

// Charged reports whether the transaction was included at a cost: it
// applied, or its call failed after the ante (fee paid, nonce used).
func (r *TxResult) Charged() bool { return r.Code == 0 || len(r.Events) > 0 }
