package apitypes

// The subnet endpoints' JSON shapes. Conventions shared by all of them:
//
//   - amounts (stake, emission, burn, lock cost) are rao as JSON integers;
//   - proportions (rank, trust, consensus, incentive, dividends,
//     validator_trust, pruning_score, take, kappa, …) are the chain's raw u16
//     values: the proportion is value/65535, exact, as the reference's
//     u16_normalized_float computes it;
//   - accounts are SS58 strings (prefix 42);
//   - height/block is the committed height the whole response was read at.

// Subnet is the body of GET /v1/subnets/{netuid} and one entry of GET /v1/subnets.
type Subnet struct {
	// Netuid is the subnet id (0 is the root network).
	Netuid uint16 `json:"netuid"`
	// Height is the committed height the record was read at.
	Height int64 `json:"height"`
	// OwnerColdkey registered the subnet and receives the owner cut ("" for
	// the root network and a subnet created at genesis, which have no owner).
	OwnerColdkey string `json:"owner_coldkey"`
	// Identity is the subnet's published identity (nil: none).
	Identity *SubnetIdentity `json:"identity"`
	// OwnerHotkey holds UID 0 and is never pruned ("" without owner).
	OwnerHotkey string `json:"owner_hotkey"`
	// NetworkRegisteredAt is the block the subnet was registered at.
	NetworkRegisteredAt uint64 `json:"network_registered_at"`
	// Locked is the rao held from the owner, returned on dissolve.
	Locked uint64 `json:"locked"`
	// EmissionValue is the subnet's emission in rao per block, from the last root epoch.
	EmissionValue uint64 `json:"emission_value"`
	// BlockEmission is the chain's block emission in rao; the subnet's
	// emission share is EmissionValue/BlockEmission.
	BlockEmission uint64 `json:"block_emission"`
	// PendingEmission is rao accumulated for the next epoch.
	PendingEmission uint64 `json:"pending_emission"`
	// Tempo is the number of blocks between epochs.
	Tempo uint16 `json:"tempo"`
	// LastStep is the block of the last epoch; BlocksSinceLastStep counts since then.
	LastStep            uint64 `json:"last_step"`
	BlocksSinceLastStep uint64 `json:"blocks_since_last_step"`
	// BlocksUntilNextEpoch counts from Height (0: the epoch runs at Height).
	BlocksUntilNextEpoch uint64 `json:"blocks_until_next_epoch"`
	// N is the number of UIDs; MaxN the capacity (max_allowed_uids).
	N    uint16 `json:"subnetwork_n"`
	MaxN uint16 `json:"max_n"`
	// Burn is the current burned-registration cost in rao; Difficulty the current PoW difficulty.
	Burn       uint64 `json:"burn"`
	Difficulty uint64 `json:"difficulty"`
	// LockCost is what registering a new subnet would lock now (chain-wide).
	LockCost uint64 `json:"lock_cost"`
	// Registration counters of the current adjustment interval.
	RegistrationsThisInterval     uint16 `json:"registrations_this_interval"`
	POWRegistrationsThisInterval  uint16 `json:"pow_registrations_this_interval"`
	BurnRegistrationsThisInterval uint16 `json:"burn_registrations_this_interval"`
	// Hyperparameters are all stored hyperparameters.
	Hyperparameters Hyperparameters `json:"hyperparameters"`
}

// Subnets is the body of GET /v1/subnets.
type Subnets struct {
	Height  int64    `json:"height"`
	Subnets []Subnet `json:"subnets"`
}

// AxonInfo is a served axon endpoint (sdk.md §3.3). IP is the dotted (v4) or
// colon (v6) string of the chain's u128; "0.0.0.0" means not serving.
type AxonInfo struct {
	Block        uint64 `json:"block"`
	Version      uint32 `json:"version"`
	IP           string `json:"ip"`
	Port         uint16 `json:"port"`
	IPType       uint8  `json:"ip_type"`
	Protocol     uint8  `json:"protocol"`
	Placeholder1 uint8  `json:"placeholder1"`
	Placeholder2 uint8  `json:"placeholder2"`
	Hotkey       string `json:"hotkey"`
	Coldkey      string `json:"coldkey"`
}

// PrometheusInfo is a served prometheus endpoint.
type PrometheusInfo struct {
	Block   uint64 `json:"block"`
	Version uint32 `json:"version"`
	IP      string `json:"ip"`
	Port    uint16 `json:"port"`
	IPType  uint8  `json:"ip_type"`
}

// Row is one sparse weight or bond row: (uid, raw u16 value) pairs in UID
// order, the reference's neuron.weights / neuron.bonds shape
// ([[uid, value], …]). Weights are stored max-upscaled (the largest is
// 65535); the reference's metagraph divides a weight row by its sum.
type Row [][2]uint16

// Metagraph is the body of GET /v1/subnets/{netuid}/metagraph: every UID of
// the subnet in column form (index i of every per-UID list is UID UIDs[i];
// UIDs are 0..N-1), read from one committed height. Weights and Bonds are
// omitted with ?lite=true.
type Metagraph struct {
	Netuid uint16 `json:"netuid"`
	// Block is the committed height the metagraph was read at.
	Block int64 `json:"block"`
	// N is the number of UIDs.
	N uint16 `json:"n"`
	// Lite reports that Weights and Bonds were left out.
	Lite bool `json:"lite"`
	// Subnet is the subnet's record and hyperparameters at Block.
	Subnet Subnet `json:"subnet"`

	UIDs     []uint16 `json:"uids"`
	Hotkeys  []string `json:"hotkeys"`
	Coldkeys []string `json:"coldkeys"`
	// Stake is each hotkey's total stake in rao (the reference's stake == total_stake).
	Stake []uint64 `json:"stake"`
	// Rank … PruningScore are the last epoch's u16 outputs (value/65535).
	Rank           []uint16 `json:"rank"`
	Trust          []uint16 `json:"trust"`
	Consensus      []uint16 `json:"consensus"`
	Incentive      []uint16 `json:"incentive"`
	Dividends      []uint16 `json:"dividends"`
	ValidatorTrust []uint16 `json:"validator_trust"`
	// PruningScore is run_epoch's pruning score: the epoch's combined
	// emission scores max-upscaled, so the top UID has 65535 (65535 also
	// right after a replacement). A registration on a full subnet replaces
	// the non-immune UID with the lowest score (ties: earliest registration,
	// then lowest UID).
	PruningScore []uint16 `json:"pruning_score"`
	// Emission is each UID's emission at the last epoch in rao.
	Emission        []uint64 `json:"emission"`
	Active          []bool   `json:"active"`
	ValidatorPermit []bool   `json:"validator_permit"`
	Immune          []bool   `json:"immune"`
	// ImmunityLeft is how many more blocks each UID is immune from replacement.
	ImmunityLeft        []uint64   `json:"immunity_left"`
	LastUpdate          []uint64   `json:"last_update"`
	BlockAtRegistration []uint64   `json:"block_at_registration"`
	Axons               []AxonInfo `json:"axons"`
	// Weights and Bonds are row i = UID i's sparse row (nil with lite).
	Weights Rows `json:"weights,omitempty"`
	Bonds   Rows `json:"bonds,omitempty"`
}

// Neuron is the body of GET /v1/subnets/{netuid}/neurons/{uid}: one UID in
// row form, with its weights and bonds.
type Neuron struct {
	Netuid              uint16         `json:"netuid"`
	UID                 uint16         `json:"uid"`
	Height              int64          `json:"height"`
	Hotkey              string         `json:"hotkey"`
	Coldkey             string         `json:"coldkey"`
	Stake               uint64         `json:"stake"`
	Rank                uint16         `json:"rank"`
	Trust               uint16         `json:"trust"`
	Consensus           uint16         `json:"consensus"`
	Incentive           uint16         `json:"incentive"`
	Dividends           uint16         `json:"dividends"`
	ValidatorTrust      uint16         `json:"validator_trust"`
	PruningScore        uint16         `json:"pruning_score"`
	Emission            uint64         `json:"emission"`
	Active              bool           `json:"active"`
	ValidatorPermit     bool           `json:"validator_permit"`
	Immune              bool           `json:"immune"`
	ImmunityLeft        uint64         `json:"immunity_left"`
	LastUpdate          uint64         `json:"last_update"`
	BlockAtRegistration uint64         `json:"block_at_registration"`
	Axon                AxonInfo       `json:"axon_info"`
	Prometheus          PrometheusInfo `json:"prometheus_info"`
	Weights             Row            `json:"weights"`
	Bonds               Row            `json:"bonds"`
}

// Nomination is one coldkey's stake on a delegate.
type Nomination struct {
	Coldkey string `json:"coldkey"`
	Stake   uint64 `json:"stake"`
}

// Delegate is one entry of GET /v1/delegates.
type Delegate struct {
	Hotkey string `json:"hotkey"`
	Owner  string `json:"owner"`
	// Identity is the owner coldkey's published identity (nil: none).
	Identity *Identity `json:"identity"`
	// Take is the delegate's take as u16 proportion (value/65535).
	Take       uint16       `json:"take"`
	TotalStake uint64       `json:"total_stake"`
	Nominators []Nomination `json:"nominators"`
	// Registrations are the netuids the hotkey holds a UID on; ValidatorPermits those with a permit.
	Registrations    []uint16 `json:"registrations"`
	ValidatorPermits []uint16 `json:"validator_permits"`
}

// Delegates is the body of GET /v1/delegates.
type Delegates struct {
	Height    int64      `json:"height"`
	Delegates []Delegate `json:"delegates"`
}

// StakeInfo is one hotkey a coldkey has stake on.
type StakeInfo struct {
	Hotkey string `json:"hotkey"`
	// Owner is the hotkey's owning coldkey.
	Owner string `json:"owner"`
	Stake uint64 `json:"stake"`
	// IsDelegate and Take describe the hotkey (take as u16 proportion).
	IsDelegate bool   `json:"is_delegate"`
	Take       uint16 `json:"take"`
	// Registrations are the netuids the hotkey holds a UID on.
	Registrations []uint16 `json:"registrations"`
}

// Stakes is the body of GET /v1/stake/{coldkey}.
type Stakes struct {
	Height  int64  `json:"height"`
	Coldkey string `json:"coldkey"`
	// Free is the coldkey's free balance; Total its total stake.
	Free   uint64      `json:"free"`
	Total  uint64      `json:"total_stake"`
	Stakes []StakeInfo `json:"stakes"`
}

// Network is the body of GET /v1/network.
type Network struct {
	Height int64 `json:"height"`
	// LockCost is what register_network locks at the next block.
	LockCost uint64 `json:"lock_cost"`
	// LastLockCost and LastLockBlock are the last registration's lock (0 before any).
	LastLockCost  uint64 `json:"last_lock_cost"`
	LastLockBlock uint64 `json:"last_lock_block"`
	// SubnetCount counts non-root subnets; SubnetLimit is their maximum.
	SubnetCount int    `json:"subnet_count"`
	SubnetLimit uint16 `json:"subnet_limit"`
	// TotalStake is all stake on the chain; BlockEmission the rao minted per block.
	TotalStake    uint64 `json:"total_stake"`
	BlockEmission uint64 `json:"block_emission"`
	DelegateCount int    `json:"delegate_count"`
	// Sudo is the sudo account ("" if none).
	Sudo   string        `json:"sudo,omitempty"`
	Params NetworkParams `json:"params"`
}

// PowTarget is the body of GET /v1/subnets/{netuid}/pow: what a PoW
// registration (SubtensorModule.register) must solve. The seal is
// tx.SealHash(BlockHash, hotkey, nonce) and must meet Difficulty; the
// transaction must be included before block BlockNumber+3.
type PowTarget struct {
	Netuid      uint16 `json:"netuid"`
	Height      int64  `json:"height"`
	BlockNumber uint64 `json:"block_number"`
	// BlockHash is hex with 0x.
	BlockHash              string `json:"block_hash"`
	Difficulty             uint64 `json:"difficulty"`
	PowRegistrationAllowed bool   `json:"pow_registration_allowed"`
}
