package yuma

import "github.com/taonet/taonet/fixed"

// Weight is one stored weight entry: the weight a validator puts on UID, as
// the raw u16 that set_weights stores (row max-upscaled, not normalised).
type Weight struct {
	UID    uint16
	Weight uint16
}

// Bond is one stored bond entry: a validator's bond on UID as the stored u16
// (original Yuma: column-max-upscaled proportion; Yuma3: proportion × 65535).
type Bond struct {
	UID  uint16
	Bond uint16
}

// Params are the subnet hyperparameters the epoch reads.
type Params struct {
	// Kappa is the consensus majority as u16 proportion (default 32767 ≈ 0.5).
	Kappa uint16
	// BondsMovingAverage is the bond EMA's memory in millionths: the EMA
	// weight of the new observation is 1 − BondsMovingAverage/1e6
	// (default 900000 ⇒ 0.1).
	BondsMovingAverage uint64
	// BondsPenalty interpolates the weights that bonds are built from between
	// raw (0) and consensus-clipped (65535, the default) weights.
	BondsPenalty uint16
	// Tempo is the subnet's tempo in blocks; with LastMechanismStepBlock == 0
	// the bond mask uses block − Tempo as the last epoch.
	Tempo uint64
	// ActivityCutoff is the number of blocks after its last weight update that
	// a UID stays active (the reference derives it as
	// max(1, ActivityCutoffFactorMilli·tempo/1000); pass the result).
	ActivityCutoff uint64
	// MaxAllowedValidators is k in the top-k-by-stake validator permit rule.
	MaxAllowedValidators uint16
	// Yuma3 selects Yuma3 bonds and dividends (§1.11b) over original Yuma.
	Yuma3 bool
	// LiquidAlpha enables per-cell sigmoid EMA rates; only effective with Yuma3.
	LiquidAlpha bool
	// AlphaLow and AlphaHigh bound the liquid alpha (u16 proportions).
	AlphaLow, AlphaHigh uint16
	// AlphaSigmoidSteepness is the liquid-alpha sigmoid slope ×100.
	AlphaSigmoidSteepness int16
	// CommitReveal enables the commit-reveal column mask (see Input.CommitBlock).
	CommitReveal bool
	// StakeThreshold zeroes the stake of UIDs whose stake (floored) is below it
	// (the subnet owner's UID is exempt).
	StakeThreshold uint64
	// LastMechanismStepBlock is the block of the previous successful epoch, or
	// 0 (then block − Tempo is used) — bonds on UIDs registered at or after
	// the last epoch are dropped.
	LastMechanismStepBlock uint64
}

// DefaultParams returns the reference runtime's defaults.
func DefaultParams() Params {
	return Params{
		Kappa: 32767, BondsMovingAverage: 900_000, BondsPenalty: 65535, Tempo: 360, ActivityCutoff: 5000,
		MaxAllowedValidators: 128, AlphaLow: 45875, AlphaHigh: 58982, AlphaSigmoidSteepness: 1000,
	}
}

// Input is everything one epoch reads. All per-UID slices have length N and
// are indexed by UID; the epoch does not modify them.
type Input struct {
	// N is the number of UIDs on the subnet.
	N uint16
	// Block is the current block.
	Block uint64
	// Params are the hyperparameters.
	Params Params
	// OwnerUID is the subnet owner hotkey's UID when HasOwner: it always holds
	// a validator permit, is exempt from StakeThreshold and may keep its
	// self-weight.
	HasOwner bool
	OwnerUID uint16
	// Stake is each UID's stake weight in any unit (it is normalised); the
	// chain passes alpha + tao·tao_weight as the reference does.
	Stake []fixed.I64F64
	// LastUpdate is the block at which each UID last set weights. As in the
	// reference it may differ in length from N: extra entries are ignored, a
	// UID without an entry is inactive and its weights are masked.
	LastUpdate []uint64
	// BlockAtRegistration is the block each UID was (last) registered at.
	BlockAtRegistration []uint64
	// ValidatorPermit holds the permits stored by the previous epoch.
	ValidatorPermit []bool
	// Weights holds each UID's stored weight row in storage order. Entries
	// with UID >= N are ignored, as the reference ignores them.
	Weights [][]Weight
	// Bonds holds each UID's stored bond row (nil or empty for none).
	// Entries with UID >= N are ignored.
	Bonds [][]Bond
	// CommitBlock is read when Params.CommitReveal: per UID the block of its
	// earliest unexpired weight commit, or NoCommit. A nil slice means no UID
	// has a pending commit.
	CommitBlock []uint64
	// RaoEmission is the emission to distribute this epoch.
	RaoEmission uint64
}

// NoCommit marks a UID without a pending (unexpired) weight commit.
const NoCommit = ^uint64(0)

// Output is what one epoch produces, in the reference's storage forms. Every
// per-UID slice has length N. u16 fields are floor(proportion × 65535).
type Output struct {
	Active          []bool
	ValidatorPermit []bool // the new permits (store them for the next epoch)
	StakeWeight     []uint16
	Consensus       []uint16
	Incentive       []uint16
	Dividends       []uint16
	ValidatorTrust  []uint16
	// ServerEmission (to UIDs as miners), ValidatorEmission (as validators)
	// and Emission (the reference's informational combined Emission storage),
	// in rao.
	ServerEmission    []uint64
	ValidatorEmission []uint64
	Emission          []uint64
	// PruningScore is the classic run_epoch's pruning_scores:
	// vec_max_upscale_to_u16 of the normalised combined emission scores
	// (incentive + dividends, or the (active) stake when both are zero), so
	// the highest scorer gets 65535. It does not depend on RaoEmission; when
	// every score is zero all UIDs tie at 0.
	PruningScore []uint16
	// Bonds are the rows to store: sparse, in the epoch's entry order, for UIDs
	// with a new validator permit; empty (nil) for every other UID.
	Bonds [][]Bond
}

// StakeFromU64 converts integer stakes to the I64F64 stake weights Input takes.
func StakeFromU64(s []uint64) []fixed.I64F64 {
	out := make([]fixed.I64F64, len(s))
	for i, v := range s {
		out[i] = fixed.I64F64FromU64(v)
	}
	return out
}
