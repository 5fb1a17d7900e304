package apitypes

// Hyperparameters are a subnet's hyperparameters as stored on chain
// (specs/chain.md §2.5), with the reference's JSON names. The fields mirror
// the chain's subtensor.SubnetParams one for one (the server converts).
type Hyperparameters struct {
	// Rho is the sigmoid steepness of the root epoch consensus (root network only in taonet).
	Rho uint16 `json:"rho"`
	// Kappa is the consensus majority (u16 proportion).
	Kappa uint16 `json:"kappa"`
	// ImmunityPeriod is the blocks a new neuron cannot be replaced while non-immune ones exist.
	ImmunityPeriod uint16 `json:"immunity_period"`
	// MinAllowedWeights is the fewest weights set_weights accepts (capped at the UID count).
	MinAllowedWeights uint16 `json:"min_allowed_weights"`
	// MaxWeightsLimit is the largest normalised weight (u16 proportion; 65535 = no limit).
	MaxWeightsLimit uint16 `json:"max_weights_limit"`
	// Tempo is the epoch period minus one, in blocks (0: no epochs).
	Tempo uint16 `json:"tempo"`
	// MinDifficulty and MaxDifficulty bound the PoW difficulty adjustment.
	MinDifficulty uint64 `json:"min_difficulty"`
	MaxDifficulty uint64 `json:"max_difficulty"`
	// WeightsVersionKey is the lowest version_key set_weights accepts (0: any).
	WeightsVersionKey uint64 `json:"weights_version"`
	// WeightsRateLimit is the blocks between a UID's weight updates.
	WeightsRateLimit uint64 `json:"weights_rate_limit"`
	// AdjustmentInterval is the blocks between difficulty/burn adjustments.
	AdjustmentInterval uint16 `json:"adjustment_interval"`
	// ActivityCutoff is the blocks after its last update a UID stays active in the epoch.
	ActivityCutoff uint16 `json:"activity_cutoff"`
	// RegistrationAllowed gates burned_register.
	RegistrationAllowed bool `json:"registration_allowed"`
	// PowRegistrationAllowed gates PoW register.
	PowRegistrationAllowed bool `json:"pow_registration_allowed"`
	// TargetRegsPerInterval is the registrations per interval the adjustment aims at (3× is the cap).
	TargetRegsPerInterval uint16 `json:"target_regs_per_interval"`
	// MinBurn and MaxBurn bound the burn adjustment, in rao.
	MinBurn uint64 `json:"min_burn"`
	MaxBurn uint64 `json:"max_burn"`
	// BondsMovingAverage is the bond EMA memory in millionths.
	BondsMovingAverage uint64 `json:"bonds_moving_avg"`
	// MaxRegsPerBlock caps registrations per block.
	MaxRegsPerBlock uint16 `json:"max_regs_per_block"`
	// ServingRateLimit is the blocks between serve_axon (or serve_prometheus) calls of a hotkey.
	ServingRateLimit uint64 `json:"serving_rate_limit"`
	// MaxAllowedValidators is how many UIDs (top by stake) hold validator permits.
	MaxAllowedValidators uint16 `json:"max_validators"`
	// MaxAllowedUIDs is the subnet's UID capacity.
	MaxAllowedUIDs uint16 `json:"max_allowed_uids"`
	// AdjustmentAlpha is the adjustment's EMA weight on the old value (/u64::MAX).
	AdjustmentAlpha uint64 `json:"adjustment_alpha"`
	// Difficulty is the current PoW difficulty.
	Difficulty uint64 `json:"difficulty"`
	// Burn is the current burned_register cost in rao.
	Burn uint64 `json:"burn"`
	// CommitRevealPeriod is RevealPeriodEpochs: the epochs between a commit and its reveal.
	CommitRevealPeriod uint64 `json:"commit_reveal_period"`
	// CommitRevealEnabled switches set_weights to commit_weights/reveal_weights.
	CommitRevealEnabled bool `json:"commit_reveal_weights_enabled"`
	// LiquidAlphaEnabled enables liquid alpha (Yuma3 only).
	LiquidAlphaEnabled bool `json:"liquid_alpha_enabled"`
	// AlphaLow and AlphaHigh bound liquid alpha (u16 proportions).
	AlphaLow  uint16 `json:"alpha_low"`
	AlphaHigh uint16 `json:"alpha_high"`
	// AlphaSigmoidSteepness is the liquid-alpha sigmoid slope ×100.
	AlphaSigmoidSteepness int16 `json:"alpha_sigmoid_steepness"`
	// Yuma3Enabled selects Yuma3 bonds over original Yuma.
	Yuma3Enabled bool `json:"yuma3_enabled"`
	// BondsPenalty interpolates bond weights between raw (0) and clipped (65535).
	BondsPenalty uint16 `json:"bonds_penalty"`
}

// NetworkParams are the chain-wide subtensor parameters, mirroring the
// chain's subtensor.NetworkParams one for one.
type NetworkParams struct {
	// SubnetLimit is the most non-root subnets (taonet default 64).
	SubnetLimit uint16 `json:"subnet_limit"`
	// NetworkRateLimit is the blocks between two register_network calls (7200).
	NetworkRateLimit uint64 `json:"network_rate_limit"`
	// NetworkImmunityPeriod is the blocks a new subnet cannot be replaced (50_400 = 7 days).
	NetworkImmunityPeriod uint64 `json:"network_immunity_period"`
	// NetworkMinLockCost is the floor of the lock cost in rao (taonet: 100 TAO).
	NetworkMinLockCost uint64 `json:"network_min_lock_cost"`
	// LockReductionInterval is the blocks over which the lock cost decays by the last lock (100_800).
	LockReductionInterval uint64 `json:"lock_reduction_interval"`
	// SubnetOwnerCut is the owner's share of subnet emission as u16 proportion (11_796 = 18%).
	SubnetOwnerCut uint16 `json:"subnet_owner_cut"`
	// MaxDelegateTake is the highest delegate take and the default take (11_796 = 18%).
	MaxDelegateTake uint16 `json:"max_delegate_take"`
	// MinDelegateTake is the lowest delegate take (0).
	MinDelegateTake uint16 `json:"min_delegate_take"`
	// TxRateLimit is the blocks between a coldkey's become_delegate calls (1000).
	TxRateLimit uint64 `json:"tx_rate_limit"`
	// TxDelegateTakeRateLimit is the blocks between take increases of a hotkey (216_000).
	TxDelegateTakeRateLimit uint64 `json:"tx_delegate_take_rate_limit"`
	// StakeThreshold is the stake a hotkey needs to set weights (0).
	StakeThreshold uint64 `json:"stake_threshold"`
	// OwnerHyperparamRateLimit is the tempos between an owner's changes of one hyperparameter (2).
	OwnerHyperparamRateLimit uint64 `json:"owner_hyperparam_rate_limit"`
	// WeightsVersionKeyRateLimit is the tempos between an owner's weights_version_key changes (5).
	WeightsVersionKeyRateLimit uint64 `json:"weights_version_key_rate_limit"`
	// DefaultTempo is the tempo of newly registered subnets (360).
	DefaultTempo uint16 `json:"default_tempo"`
	// DissolveNetworkScheduleDuration is the blocks between an owner's
	// schedule_dissolve_network and the dissolution (36_000 = 5 days).
	DissolveNetworkScheduleDuration uint64 `json:"dissolve_network_schedule_duration"`
	// ColdkeySwapScheduleDuration is the blocks between schedule_swap_coldkey
	// and the swap (36_000 = 5 days).
	ColdkeySwapScheduleDuration uint64 `json:"coldkey_swap_schedule_duration"`
}
