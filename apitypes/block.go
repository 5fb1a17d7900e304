package apitypes

// TxOutcome is one transaction of a committed block as the app executed it.
type TxOutcome struct {
	// Hash is the hex SHA-256 of the transaction bytes (CometBFT's tx hash).
	Hash string `json:"hash"`
	// Result is what the chain did with it.
	Result TxResult `json:"result"`
}

// Block is a committed block as the app saw it, for subscribers.
type Block struct {
	Height  int64       `json:"height"`
	Time    int64       `json:"time"`
	AppHash string      `json:"app_hash"`
	Txs     []TxOutcome `json:"txs"`
	Events  []Event     `json:"events"`
}
