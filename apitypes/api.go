package apitypes

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail names an error and explains it.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Status is the body of GET /v1/status.
type Status struct {
	ChainID            string `json:"chain_id"`
	Height             int64  `json:"height"`
	AppHash            string `json:"app_hash"`
	TotalIssuance      uint64 `json:"total_issuance"`
	BlockEmission      uint64 `json:"block_emission"`
	PendingEmission    uint64 `json:"pending_emission"`
	ExistentialDeposit uint64 `json:"existential_deposit"`
	BaseFee            uint64 `json:"base_fee"`
	// Sync says how the node is catching up: "statesync" while it
	// restores a snapshot, "blocksync" while it fetches blocks from peers,
	// "caught_up" once it follows consensus at the tip.
	Sync string `json:"sync"`
	// StateSyncHeight is the height of the snapshot the node restored, 0 if
	// it replayed every block.
	StateSyncHeight int64 `json:"state_sync_height"`
}

// Sync modes of Status.Sync.
const (
	SyncStateSync = "statesync"
	SyncBlockSync = "blocksync"
	SyncCaughtUp  = "caught_up"
)

// NodeInfo is the body of GET /v1/node: what another node needs to join
// this one's network (with GET /v1/genesis for the genesis document).
type NodeInfo struct {
	ChainID string `json:"chain_id"`
	// NodeID is the CometBFT p2p identity.
	NodeID  string `json:"node_id"`
	Moniker string `json:"moniker"`
	// P2P is the host:port the node's p2p layer listens on.
	P2P string `json:"p2p"`
	// Peers are the node's connected peers as id@host:port.
	Peers []string `json:"peers"`
	// Height is the last committed height.
	Height int64 `json:"height"`
	// BlockTime is the node's target block time, e.g. "1s".
	BlockTime string `json:"block_time"`
	// CometBFTRPC is the path, on this API, of CometBFT's read-only
	// JSON-RPC (headers, commits, validators) that light clients verify
	// state sync against.
	CometBFTRPC string `json:"cometbft_rpc"`
}

// Account is the body of GET /v1/accounts/{ss58}.
type Account struct {
	Address   string `json:"address"`
	PublicKey string `json:"public_key"`
	Free      uint64 `json:"free"`
	// Nonce is the committed next nonce; NextNonce also counts the
	// account's transactions in this node's mempool: sign with it.
	Nonce     uint64 `json:"nonce"`
	NextNonce uint64 `json:"next_nonce"`
	Height    int64  `json:"height"`
}

// SubmitRequest is the body of POST /v1/tx.
type SubmitRequest struct {
	// Tx is the encoded signed transaction, hex with or without 0x.
	Tx string `json:"tx"`
}

// SubmitResponse is the body of POST /v1/tx (also on a 422 refusal).
type SubmitResponse struct {
	Hash      string       `json:"hash"`
	Code      uint32       `json:"code"`
	Codespace string       `json:"codespace,omitempty"`
	Log       string       `json:"log,omitempty"`
	Error     *ErrorDetail `json:"error,omitempty"`
	// Height and Result are set when the request waited for the block (?wait=commit).
	Height int64   `json:"height,omitempty"`
	Result *TxInfo `json:"result,omitempty"`
}

// TxInfo is a committed transaction.
type TxInfo struct {
	Hash   string   `json:"hash"`
	Height int64    `json:"height"`
	Index  uint32   `json:"index"`
	Tx     string   `json:"tx"`
	Result TxResult `json:"result"`
}

// BlockInfo is a committed block with its results.
type BlockInfo struct {
	Height int64  `json:"height"`
	Hash   string `json:"hash"`
	Time   string `json:"time"`
	// AppHash is the app hash after executing this block.
	AppHash  string `json:"app_hash"`
	Proposer string `json:"proposer"`
	// LastBlockHash is the header's link to the previous block.
	LastBlockHash string   `json:"last_block_hash"`
	Txs           []TxInfo `json:"txs"`
	Events        []Event  `json:"events"`
}

// Validator is one validator of the consensus set.
type Validator struct {
	// ConsensusKey is the ed25519 public key, base64 as CometBFT prints it.
	ConsensusKey string `json:"consensus_key"`
	// Address is CometBFT's validator address (hex).
	Address string `json:"address"`
	// Power is the voting power.
	Power int64 `json:"power"`
	// ProposerPriority is CometBFT's proposer priority at Height.
	ProposerPriority int64 `json:"proposer_priority"`
}

// Validators is the body of GET /v1/validators: the set CometBFT uses at
// Height (changes made by authority calls in block H apply from H+2).
type Validators struct {
	Height     int64       `json:"height"`
	TotalPower int64       `json:"total_power"`
	Validators []Validator `json:"validators"`
}
