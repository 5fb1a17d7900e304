package api

import "github.com/taonet/taonet/apitypes"

// The API's JSON bodies are the wire types of package apitypes, shared with
// the client and the SDK; these names are the server's shorthands for them.
type (
	ErrorBody        = apitypes.ErrorBody
	ErrorDetail      = apitypes.ErrorDetail
	Status           = apitypes.Status
	NodeInfo         = apitypes.NodeInfo
	Validators       = apitypes.Validators
	Validator        = apitypes.Validator
	Account          = apitypes.Account
	SubmitRequest    = apitypes.SubmitRequest
	SubmitResponse   = apitypes.SubmitResponse
	TxInfo           = apitypes.TxInfo
	BlockInfo        = apitypes.BlockInfo
	Governance       = apitypes.Governance
	GovernanceParams = apitypes.GovernanceParams
	Senator          = apitypes.Senator
	Proposal         = apitypes.Proposal
	Subnet           = apitypes.Subnet
	Subnets          = apitypes.Subnets
	AxonInfo         = apitypes.AxonInfo
	PrometheusInfo   = apitypes.PrometheusInfo
	Row              = apitypes.Row
	Rows             = apitypes.Rows
	Metagraph        = apitypes.Metagraph
	Neuron           = apitypes.Neuron
	Nomination       = apitypes.Nomination
	Delegate         = apitypes.Delegate
	Delegates        = apitypes.Delegates
	StakeInfo        = apitypes.StakeInfo
	Stakes           = apitypes.Stakes
	Network          = apitypes.Network
	PowTarget        = apitypes.PowTarget
	Hyperparameters  = apitypes.Hyperparameters
	NetworkParams    = apitypes.NetworkParams
)

// Sync modes of Status.Sync.
const (
	SyncStateSync = apitypes.SyncStateSync
	SyncBlockSync = apitypes.SyncBlockSync
	SyncCaughtUp  = apitypes.SyncCaughtUp
)
