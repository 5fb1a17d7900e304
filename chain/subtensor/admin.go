package subtensor

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// AdminUtils errors (codespace "admin"); their names are the reference's.
var (
	// ErrBadOrigin is returned when the signer may not make the call (not sudo, or not the subnet owner).
	ErrBadOrigin = module.NewError(module.CodespaceAdmin, 1, "BadOrigin", "bad origin")
	// ErrAdminSubnetDoesNotExist is returned when a setter names a subnet that does not exist.
	ErrAdminSubnetDoesNotExist = module.NewError(module.CodespaceAdmin, 2, "SubnetDoesNotExist", "the subnet does not exist")
	// ErrMaxValidatorsLargerThanMaxUIds is returned when max_allowed_validators would exceed max_allowed_uids.
	ErrMaxValidatorsLargerThanMaxUIds = module.NewError(module.CodespaceAdmin, 3, "MaxValidatorsLargerThanMaxUIds", "max allowed validators cannot exceed max allowed uids")
	// ErrMaxAllowedUIdsLessThanCurrentUIds is returned when max_allowed_uids would be below the current UID count.
	ErrMaxAllowedUIdsLessThanCurrentUIds = module.NewError(module.CodespaceAdmin, 4, "MaxAllowedUIdsLessThanCurrentUIds", "max allowed uids cannot be below the current number of uids")
	// ErrMaxAllowedUidsGreaterThanDefaultMaxAllowedUids is returned when max_allowed_uids exceeds the signer's cap.
	ErrMaxAllowedUidsGreaterThanDefaultMaxAllowedUids = module.NewError(module.CodespaceAdmin, 5, "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids", "max allowed uids above the allowed cap")
	// ErrBondsMovingAverageMaxReached is returned when an owner sets bonds_moving_average above 975_000.
	ErrBondsMovingAverageMaxReached = module.NewError(module.CodespaceAdmin, 6, "BondsMovingAverageMaxReached", "bonds moving average above the owner maximum")
	// ErrNegativeSigmoidSteepness is returned when an owner sets a negative alpha sigmoid steepness.
	ErrNegativeSigmoidSteepness = module.NewError(module.CodespaceAdmin, 7, "NegativeSigmoidSteepness", "sigmoid steepness must be non-negative")
	// ErrValueNotInBounds is returned for a value outside the parameter's range.
	ErrValueNotInBounds = module.NewError(module.CodespaceAdmin, 8, "ValueNotInBounds", "value not in bounds")
)

// OwnerBondsMovingAverageMax is the highest bonds_moving_average an owner may set.
const OwnerBondsMovingAverageMax = 975_000

// MinActivityCutoff is the lowest activity cutoff an owner may set.
const MinActivityCutoff = 360

// adminEvents are the reference's event names for the setters (others emit HyperparameterSet).
var adminEvents = map[uint8]string{
	1: "DefaultTakeSet", 2: "TxRateLimitSet", 3: "ServingRateLimitSet", 4: "MinDifficultySet", 5: "MaxDifficultySet",
	6: "WeightsVersionKeySet", 7: "WeightsSetRateLimitSet", 8: "AdjustmentIntervalSet", 9: "AdjustmentAlphaSet",
	13: "ImmunityPeriodSet", 14: "MinAllowedWeightSet", 15: "MaxAllowedUidsSet", 16: "KappaSet", 17: "RhoSet",
	18: "ActivityCutoffSet", 19: "RegistrationAllowed", 20: "PowRegistrationAllowed", 21: "RegistrationPerIntervalSet",
	22: "MinBurnSet", 23: "MaxBurnSet", 24: "DifficultySet", 25: "MaxAllowedValidatorsSet", 26: "BondsMovingAverageSet",
	27: "MaxRegistrationsPerBlockSet", 28: "SubnetOwnerCutSet", 29: "NetworkRateLimitSet", 30: "TempoSet",
	35: "NetworkImmunityPeriodSet", 36: "NetworkMinLockCostSet", 37: "SubnetLimitSet", 38: "NetworkLockCostReductionIntervalSet",
	42: "StakeThresholdSet", 45: "TxDelegateTakeRateLimitSet", 46: "MinDelegateTakeSet", 49: "CommitRevealEnabled",
	54: "ColdkeySwapScheduleDurationSet", 55: "DissolveNetworkScheduleDurationSet", 57: "CommitRevealPeriodsSet", 60: "BondsPenaltySet", 68: "AlphaSigmoidSteepnessSet", 75: "OwnerHyperparamRateLimitSet",
}

func adminEvent(call uint8) string {
	if n, ok := adminEvents[call]; ok {
		return n
	}
	return "HyperparameterSet"
}

// rootOnly holds the per-subnet setters only sudo may call.
var rootOnly = map[uint8]bool{4: true, 7: true, 8: true, 16: true, 19: true, 20: true, 21: true, 24: true, 25: true, 27: true, 30: true}

// AdminSet applies an AdminUtils setter signed by signer. Global setters and
// the root-only subnet setters need sudo; the others accept the subnet
// owner, rate-limited to one change per OwnerHyperparamRateLimit tempos per
// parameter (WeightsVersionKeyRateLimit tempos for the version key).
func AdminSet(ctx *module.Context, signer keys.PublicKey, c tx.AdminSet) error {
	spec, ok := tx.AdminParamByIndex(c.Call)
	if !ok {
		return ErrBadOrigin
	}
	kv := ctx.KV
	sudo := isSudo(ctx, signer)
	v := c.Value
	if !spec.Subnet {
		if !sudo {
			return ErrBadOrigin
		}
		np := Network(kv)
		if err := applyNetwork(&np, c.Call, v); err != nil {
			return err
		}
		SetNetwork(kv, np)
		ctx.Events.Emit(adminEvent(c.Call), "call", spec.Name, "value", u64s(v))
		return nil
	}
	p, ok := Params(kv, c.Netuid)
	if !ok {
		return ErrAdminSubnetDoesNotExist
	}
	now := uint64(ctx.Height)
	if !sudo {
		if rootOnly[c.Call] || c.Netuid == RootNetUID || State(kv, c.Netuid).Owner != signer {
			return ErrBadOrigin
		}
		np := Network(kv)
		limit := np.OwnerHyperparamRateLimit
		if c.Call == 6 {
			limit = np.WeightsVersionKeyRateLimit
		}
		limit = satMul(limit, uint64(p.Tempo))
		if last := getU64(kv, ownerParamKey(c.Netuid, c.Call)); last != 0 && now-last < limit {
			return module.Wrapf(ErrTxRateLimitExceeded, "%s last changed at block %d", spec.Name, last)
		}
	}
	st := State(kv, c.Netuid)
	if err := applySubnet(&p, &st, sudo, c.Call, v); err != nil {
		return err
	}
	setParams(kv, c.Netuid, &p)
	if !sudo {
		setU64(kv, ownerParamKey(c.Netuid, c.Call), now)
	}
	ctx.Events.Emit(adminEvent(c.Call), "call", spec.Name, "netuid", u16s(c.Netuid), "value", u64s(v))
	return nil
}

func applyNetwork(np *NetworkParams, call uint8, v uint64) error {
	switch call {
	case 1:
		if uint16(v) < np.MinDelegateTake {
			return ErrValueNotInBounds
		}
		np.MaxDelegateTake = uint16(v)
	case 2:
		np.TxRateLimit = v
	case 28:
		np.SubnetOwnerCut = uint16(v)
	case 29:
		np.NetworkRateLimit = v
	case 35:
		np.NetworkImmunityPeriod = v
	case 36:
		np.NetworkMinLockCost = v
	case 37:
		np.SubnetLimit = uint16(v)
	case 38:
		np.LockReductionInterval = v
	case 42:
		np.StakeThreshold = v
	case 45:
		np.TxDelegateTakeRateLimit = v
	case 46:
		if uint16(v) > np.MaxDelegateTake {
			return ErrValueNotInBounds
		}
		np.MinDelegateTake = uint16(v)
	case 54:
		np.ColdkeySwapScheduleDuration = v
	case 55:
		np.DissolveNetworkScheduleDuration = v
	case 75:
		np.OwnerHyperparamRateLimit = v
	default:
		return ErrBadOrigin
	}
	return nil
}

func applySubnet(p *SubnetParams, st *SubnetState, sudo bool, call uint8, v uint64) error {
	u16v := uint16(v)
	switch call {
	case 3:
		p.ServingRateLimit = v
	case 4:
		if v > p.MaxDifficulty {
			return ErrValueNotInBounds
		}
		p.MinDifficulty = v
	case 5:
		if v < p.MinDifficulty {
			return ErrValueNotInBounds
		}
		p.MaxDifficulty = v
	case 6:
		p.WeightsVersionKey = v
	case 7:
		p.WeightsRateLimit = v
	case 8:
		p.AdjustmentInterval = u16v
	case 9:
		p.AdjustmentAlpha = v
	case 13:
		p.ImmunityPeriod = u16v
	case 14:
		p.MinAllowedWeights = u16v
	case 15:
		limit := DefaultMaxAllowedUIDs
		if sudo {
			limit = MaxUIDs
		}
		switch {
		case u16v > limit:
			return ErrMaxAllowedUidsGreaterThanDefaultMaxAllowedUids
		case u16v < st.N:
			return ErrMaxAllowedUIdsLessThanCurrentUIds
		case u16v < p.MaxAllowedValidators:
			return ErrMaxValidatorsLargerThanMaxUIds
		}
		p.MaxAllowedUIDs = u16v
	case 16:
		p.Kappa = u16v
	case 17:
		p.Rho = u16v
	case 18:
		if u16v < MinActivityCutoff && !sudo {
			return ErrActivityCutoffTooLow
		}
		p.ActivityCutoff = u16v
	case 19:
		p.RegistrationAllowed = v != 0
	case 20:
		p.PowRegistrationAllowed = v != 0
	case 21:
		p.TargetRegsPerInterval = u16v
	case 22:
		if v >= p.MaxBurn {
			return ErrValueNotInBounds
		}
		p.MinBurn = v
	case 23:
		if v <= p.MinBurn {
			return ErrValueNotInBounds
		}
		p.MaxBurn = v
	case 24:
		p.Difficulty = v
	case 25:
		if u16v > p.MaxAllowedUIDs {
			return ErrMaxValidatorsLargerThanMaxUIds
		}
		p.MaxAllowedValidators = u16v
	case 26:
		if !sudo && v > OwnerBondsMovingAverageMax {
			return ErrBondsMovingAverageMaxReached
		}
		if v > 1_000_000 {
			return ErrValueNotInBounds
		}
		p.BondsMovingAverage = v
	case 27:
		p.MaxRegsPerBlock = u16v
	case 30:
		p.Tempo = u16v
	case 49:
		p.CommitRevealEnabled = v != 0
	case 50:
		p.LiquidAlphaEnabled = v != 0
	case 51:
		lo, hi := uint16(v), uint16(v>>16)
		if !p.LiquidAlphaEnabled {
			return ErrLiquidAlphaDisabled
		}
		if hi < 1638 {
			return ErrAlphaHighTooLow
		}
		if lo < 1638 || lo > hi {
			return ErrAlphaLowOutOfRange
		}
		p.AlphaLow, p.AlphaHigh = lo, hi
	case 57:
		if v > MaxCommitRevealPeriod {
			return ErrRevealPeriodTooLarge
		}
		if v < MinCommitRevealPeriod {
			return ErrRevealPeriodTooSmall
		}
		p.CommitRevealPeriod = v
	case 60:
		p.BondsPenalty = u16v
	case 68:
		s := int16(u16v)
		if s < 0 && !sudo {
			return ErrNegativeSigmoidSteepness
		}
		p.AlphaSigmoidSteepness = s
	case 69:
		p.Yuma3Enabled = v != 0
	default:
		return ErrBadOrigin
	}
	return nil
}
