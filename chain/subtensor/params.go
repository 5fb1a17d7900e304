package subtensor

import (
	"encoding/binary"
	"encoding/json"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// RootNetUID is the root network's netuid.
const RootNetUID uint16 = 0

// MaxUIDs is the most UIDs sudo may allow on one subnet (owners are capped at
// DefaultMaxAllowedUIDs).
const MaxUIDs uint16 = 4096

// DefaultMaxAllowedUIDs is a new subnet's UID capacity and the owner's cap.
const DefaultMaxAllowedUIDs uint16 = 256

// TAO is one TAO in rao.
const TAO uint64 = 1_000_000_000

// SubnetParams are one subnet's hyperparameters (specs/chain.md §2.5), stored
// as one record. Burn and Difficulty also move with the registration
// adjustment (§3.2).
type SubnetParams struct {
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

// DefaultSubnetParams returns the hyperparameters of a newly registered
// subnet: the classic init_new_network values (commit 7064b52ef) where they
// differ from storage defaults, except that PoW difficulty keeps its usable
// storage bounds [10_000_000, u64::MAX/4] and taonet's defaults (original
// Yuma, commit-reveal off) apply.
func DefaultSubnetParams(tempo uint16) SubnetParams {
	return SubnetParams{
		Rho: 10, Kappa: 32_767, ImmunityPeriod: 5000, MinAllowedWeights: 1, MaxWeightsLimit: 65535,
		Tempo: tempo, MinDifficulty: 10_000_000, MaxDifficulty: ^uint64(0) / 4, WeightsRateLimit: 100,
		AdjustmentInterval: 360, ActivityCutoff: 5000, RegistrationAllowed: true, PowRegistrationAllowed: true,
		TargetRegsPerInterval: 1, MinBurn: 500_000, MaxBurn: 100 * TAO, BondsMovingAverage: 900_000,
		MaxRegsPerBlock: 1, ServingRateLimit: 50, MaxAllowedValidators: 64, MaxAllowedUIDs: DefaultMaxAllowedUIDs,
		AdjustmentAlpha: 17_893_341_751_498_265_066, Difficulty: 10_000_000, Burn: TAO, CommitRevealPeriod: 1,
		AlphaLow: 45_875, AlphaHigh: 58_982, AlphaSigmoidSteepness: 1000, BondsPenalty: 65535,
	}
}

// DefaultRootParams returns the root network's parameters (classic
// migrate_create_root_network): 64 UIDs and validators, tempo 100, no
// minimum weight count.
func DefaultRootParams() SubnetParams {
	p := DefaultSubnetParams(100)
	p.MaxAllowedUIDs, p.MaxAllowedValidators, p.MinAllowedWeights = 64, 64, 0
	p.ImmunityPeriod = 0
	return p
}

func (p *SubnetParams) encode() []byte {
	var e tx.Encoder
	e.U16(p.Rho)
	e.U16(p.Kappa)
	e.U16(p.ImmunityPeriod)
	e.U16(p.MinAllowedWeights)
	e.U16(p.MaxWeightsLimit)
	e.U16(p.Tempo)
	e.U64(p.MinDifficulty)
	e.U64(p.MaxDifficulty)
	e.U64(p.WeightsVersionKey)
	e.U64(p.WeightsRateLimit)
	e.U16(p.AdjustmentInterval)
	e.U16(p.ActivityCutoff)
	e.Bool(p.RegistrationAllowed)
	e.Bool(p.PowRegistrationAllowed)
	e.U16(p.TargetRegsPerInterval)
	e.U64(p.MinBurn)
	e.U64(p.MaxBurn)
	e.U64(p.BondsMovingAverage)
	e.U16(p.MaxRegsPerBlock)
	e.U64(p.ServingRateLimit)
	e.U16(p.MaxAllowedValidators)
	e.U16(p.MaxAllowedUIDs)
	e.U64(p.AdjustmentAlpha)
	e.U64(p.Difficulty)
	e.U64(p.Burn)
	e.U64(p.CommitRevealPeriod)
	e.Bool(p.CommitRevealEnabled)
	e.Bool(p.LiquidAlphaEnabled)
	e.U16(p.AlphaLow)
	e.U16(p.AlphaHigh)
	e.U16(uint16(p.AlphaSigmoidSteepness))
	e.Bool(p.Yuma3Enabled)
	e.U16(p.BondsPenalty)
	return e.Bytes()
}

func decodeSubnetParams(key, b []byte) SubnetParams {
	d := tx.NewDecoder(b)
	p := SubnetParams{
		Rho: d.U16("rho"), Kappa: d.U16("kappa"), ImmunityPeriod: d.U16("immunity"), MinAllowedWeights: d.U16("min_w"),
		MaxWeightsLimit: d.U16("max_w"), Tempo: d.U16("tempo"), MinDifficulty: d.U64("min_d"), MaxDifficulty: d.U64("max_d"),
		WeightsVersionKey: d.U64("wvk"), WeightsRateLimit: d.U64("wrl"), AdjustmentInterval: d.U16("ai"),
		ActivityCutoff: d.U16("ac"), RegistrationAllowed: d.Bool("ra"), PowRegistrationAllowed: d.Bool("pra"),
		TargetRegsPerInterval: d.U16("trpi"), MinBurn: d.U64("minb"), MaxBurn: d.U64("maxb"),
		BondsMovingAverage: d.U64("bma"), MaxRegsPerBlock: d.U16("mrpb"), ServingRateLimit: d.U64("srl"),
		MaxAllowedValidators: d.U16("mav"), MaxAllowedUIDs: d.U16("mau"), AdjustmentAlpha: d.U64("aa"),
		Difficulty: d.U64("d"), Burn: d.U64("b"), CommitRevealPeriod: d.U64("crp"), CommitRevealEnabled: d.Bool("cre"),
		LiquidAlphaEnabled: d.Bool("la"), AlphaLow: d.U16("al"), AlphaHigh: d.U16("ah"),
		AlphaSigmoidSteepness: int16(d.U16("ass")), Yuma3Enabled: d.Bool("y3"), BondsPenalty: d.U16("bp"),
	}
	mustDecode(key, d)
	return p
}

// mustDecode stops the node when a record at key did not decode whole.
func mustDecode(key []byte, d *tx.Decoder) {
	if err := d.Finish(); err != nil {
		module.Corrupt(key, err)
	}
}

// SubnetExists reports whether netuid is a registered network (the root
// network included).
func SubnetExists(kv store.Reader, netuid uint16) bool { return kv.Has(subnetParamsKey(netuid)) }

// Params returns netuid's hyperparameters and whether the subnet exists.
func Params(kv store.Reader, netuid uint16) (SubnetParams, bool) {
	v := kv.Get(subnetParamsKey(netuid))
	if v == nil {
		return SubnetParams{}, false
	}
	return decodeSubnetParams(subnetParamsKey(netuid), v), true
}

func setParams(kv store.KV, netuid uint16, p *SubnetParams) {
	kv.Set(subnetParamsKey(netuid), p.encode())
}

// NetworkParams are the chain-wide subtensor parameters, set at genesis and by
// sudo.
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
	// and the swap (36_000 = 5 days). It is stored apart from the other
	// parameters and only when it differs from the default; a genesis that
	// leaves it out gets the default.
	ColdkeySwapScheduleDuration uint64 `json:"coldkey_swap_schedule_duration"`
}

// DefaultColdkeySwapScheduleDuration is the reference's
// InitialColdkeySwapScheduleDuration: 5 days of 12 s blocks.
const DefaultColdkeySwapScheduleDuration uint64 = 5 * 24 * 60 * 60 / 12

// UnmarshalJSON decodes p, giving ColdkeySwapScheduleDuration its default
// when the JSON has no such field (geneses written before it existed).
func (p *NetworkParams) UnmarshalJSON(b []byte) error {
	type plain NetworkParams
	q := plain{ColdkeySwapScheduleDuration: DefaultColdkeySwapScheduleDuration}
	if err := json.Unmarshal(b, &q); err != nil {
		return err
	}
	*p = NetworkParams(q)
	return nil
}

// DefaultNetworkParams returns taonet's network parameters.
func DefaultNetworkParams() NetworkParams {
	return NetworkParams{
		SubnetLimit: 64, NetworkRateLimit: 7200, NetworkImmunityPeriod: 50_400, NetworkMinLockCost: 100 * TAO,
		LockReductionInterval: 14 * 7200, SubnetOwnerCut: 11_796, MaxDelegateTake: 11_796, MinDelegateTake: 0,
		TxRateLimit: 1000, TxDelegateTakeRateLimit: 216_000, StakeThreshold: 0, OwnerHyperparamRateLimit: 2,
		WeightsVersionKeyRateLimit: 5, DefaultTempo: 360,
		DissolveNetworkScheduleDuration: 36_000, ColdkeySwapScheduleDuration: DefaultColdkeySwapScheduleDuration,
	}
}

func (p *NetworkParams) encode() []byte {
	var e tx.Encoder
	e.U16(p.SubnetLimit)
	e.U64(p.NetworkRateLimit)
	e.U64(p.NetworkImmunityPeriod)
	e.U64(p.NetworkMinLockCost)
	e.U64(p.LockReductionInterval)
	e.U16(p.SubnetOwnerCut)
	e.U16(p.MaxDelegateTake)
	e.U16(p.MinDelegateTake)
	e.U64(p.TxRateLimit)
	e.U64(p.TxDelegateTakeRateLimit)
	e.U64(p.StakeThreshold)
	e.U64(p.OwnerHyperparamRateLimit)
	e.U64(p.WeightsVersionKeyRateLimit)
	e.U16(p.DefaultTempo)
	e.U64(p.DissolveNetworkScheduleDuration)
	return e.Bytes()
}

// Network returns the chain-wide parameters (the defaults before genesis).
func Network(kv store.Reader) NetworkParams {
	v := kv.Get(networkParamsKey())
	if v == nil {
		return DefaultNetworkParams()
	}
	d := tx.NewDecoder(v)
	p := NetworkParams{
		SubnetLimit: d.U16("sl"), NetworkRateLimit: d.U64("nrl"), NetworkImmunityPeriod: d.U64("nip"),
		NetworkMinLockCost: d.U64("nmlc"), LockReductionInterval: d.U64("lri"), SubnetOwnerCut: d.U16("soc"),
		MaxDelegateTake: d.U16("maxt"), MinDelegateTake: d.U16("mint"), TxRateLimit: d.U64("trl"),
		TxDelegateTakeRateLimit: d.U64("tdtrl"), StakeThreshold: d.U64("st"), OwnerHyperparamRateLimit: d.U64("ohrl"),
		WeightsVersionKeyRateLimit: d.U64("wvkrl"), DefaultTempo: d.U16("dt"), DissolveNetworkScheduleDuration: d.U64("dnsd"),
	}
	mustDecode(networkParamsKey(), d)
	p.ColdkeySwapScheduleDuration = DefaultColdkeySwapScheduleDuration
	if v := kv.Get(coldkeySwapDurationKey()); v != nil {
		p.ColdkeySwapScheduleDuration = module.DecodeU64(coldkeySwapDurationKey(), v)
	}
	return p
}

// SetNetwork stores the chain-wide parameters.
func SetNetwork(kv store.KV, p NetworkParams) {
	kv.Set(networkParamsKey(), p.encode())
	if p.ColdkeySwapScheduleDuration == DefaultColdkeySwapScheduleDuration {
		kv.Delete(coldkeySwapDurationKey())
		return
	}
	kv.Set(coldkeySwapDurationKey(), binary.LittleEndian.AppendUint64(nil, p.ColdkeySwapScheduleDuration))
}
