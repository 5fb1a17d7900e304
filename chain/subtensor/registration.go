package subtensor

import (
	"math/big"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// BlockHashHistory is how many recent block hashes state keeps for PoW seals.
const BlockHashHistory = 256

// PowBlockWindow is how many blocks old a PoW's block may be (the reference
// requires current − block_number < 3).
const PowBlockWindow = 3

// BlockHash returns the hash the chain recorded for height (the block
// environment's hash at that height), if still kept.
func BlockHash(kv store.Reader, height uint64) ([]byte, bool) {
	v := kv.Get(blockHashKey(height))
	return v, v != nil
}

// registrationChecks are the checks both registrations share; pow selects
// which switch gates them (NetworkPowRegistrationAllowed for PoW,
// NetworkRegistrationAllowed for burn), as in the classic code.
func registrationChecks(kv store.Reader, netuid uint16, hotkey keys.PublicKey, pow bool) (SubnetParams, SubnetState, error) {
	if netuid == RootNetUID {
		return SubnetParams{}, SubnetState{}, ErrRegistrationNotPermittedOnRootSubnet
	}
	p, ok := Params(kv, netuid)
	if !ok {
		return p, SubnetState{}, ErrSubnetNotExists
	}
	st := State(kv, netuid)
	if (!pow && !p.RegistrationAllowed) || (pow && !p.PowRegistrationAllowed) {
		return p, st, ErrSubNetRegistrationDisabled
	}
	if st.RegistrationsThisBlock >= p.MaxRegsPerBlock {
		return p, st, ErrTooManyRegistrationsThisBlock
	}
	if uint32(st.RegistrationsThisInterval) >= 3*uint32(p.TargetRegsPerInterval) {
		return p, st, ErrTooManyRegistrationsThisInterval
	}
	if IsRegistered(kv, netuid, hotkey) {
		return p, st, ErrHotKeyAlreadyRegisteredInSubNet
	}
	return p, st, nil
}

// placeNeuron appends hotkey or, on a full subnet, replaces NeuronToPrune.
func placeNeuron(kv store.KV, p *SubnetParams, netuid uint16, hotkey keys.PublicKey, now uint64) (uint16, error) {
	if p.MaxAllowedUIDs == 0 {
		return 0, ErrNoNeuronIdAvailable
	}
	if State(kv, netuid).N < p.MaxAllowedUIDs {
		return appendNeuron(kv, netuid, hotkey, now), nil
	}
	uid, ok := NeuronToPrune(kv, netuid, now)
	if !ok {
		return 0, ErrNoNeuronIdAvailable
	}
	replaceNeuron(kv, netuid, uid, hotkey, now)
	return uid, nil
}

// BurnedRegister registers hotkey on netuid for coldkey, recycling the
// subnet's current burn from coldkey's balance.
func BurnedRegister(ctx *module.Context, coldkey keys.PublicKey, netuid uint16, hotkey keys.PublicKey) (uint16, error) {
	kv := ctx.KV
	p, _, err := registrationChecks(kv, netuid, hotkey, false)
	if err != nil {
		return 0, err
	}
	now := uint64(ctx.Height)
	if bank.Balance(kv, coldkey) < p.Burn {
		return 0, module.Wrapf(ErrNotEnoughBalanceToStake, "burn is %d rao", p.Burn)
	}
	if err := bank.Debit(kv, coldkey, p.Burn, false); err != nil {
		return 0, module.Wrapf(ErrBalanceWithdrawalError, "%v", err)
	}
	bank.Recycle(kv, p.Burn)
	createAccountIfNonExistent(kv, coldkey, hotkey)
	if !coldkeyOwnsHotkey(kv, coldkey, hotkey) {
		return 0, ErrNonAssociatedColdKey
	}
	uid, err := placeNeuron(kv, &p, netuid, hotkey, now)
	if err != nil {
		return 0, err
	}
	st := State(kv, netuid)
	st.BurnRegistrationsThisInterval++
	st.RegistrationsThisInterval++
	st.RegistrationsThisBlock++
	st.RAORecycledForRegistration = satAdd(st.RAORecycledForRegistration, p.Burn)
	setState(kv, netuid, &st)
	ctx.Events.Emit("NeuronRegistered", "netuid", u16s(netuid), "uid", u16s(uid), "hotkey", hotkey.SS58())
	return uid, nil
}

// PowRegister registers hotkey on netuid with proof of work (classic
// do_registration); the transaction must be signed by hotkey.
func PowRegister(ctx *module.Context, signer keys.PublicKey, netuid uint16, blockNumber, nonce uint64, work [32]byte, hotkey, coldkey keys.PublicKey) (uint16, error) {
	kv := ctx.KV
	if signer != hotkey {
		return 0, ErrTransactorAccountShouldBeHotKey
	}
	if netuid == RootNetUID {
		return 0, ErrRegistrationNotPermittedOnRootSubnet
	}
	p, _, err := registrationChecks(kv, netuid, hotkey, true)
	if err != nil {
		return 0, err
	}
	now := uint64(ctx.Height)
	if blockNumber > now || now-blockNumber >= PowBlockWindow {
		return 0, module.Wrapf(ErrInvalidWorkBlock, "block %d at height %d", blockNumber, now)
	}
	if !tx.MeetsDifficulty(work, p.Difficulty) {
		return 0, ErrInvalidDifficulty
	}
	hash, ok := BlockHash(kv, blockNumber)
	if !ok {
		return 0, module.Wrapf(ErrInvalidWorkBlock, "no hash recorded for block %d", blockNumber)
	}
	if tx.SealHash(hash, hotkey, nonce) != work {
		return 0, ErrInvalidSeal
	}
	if kv.Has(usedWorkKey(blockNumber, work)) {
		return 0, module.Wrapf(ErrInvalidSeal, "work already used")
	}
	kv.Set(usedWorkKey(blockNumber, work), []byte{1})
	createAccountIfNonExistent(kv, coldkey, hotkey)
	if !coldkeyOwnsHotkey(kv, coldkey, hotkey) {
		return 0, ErrNonAssociatedColdKey
	}
	uid, err := placeNeuron(kv, &p, netuid, hotkey, now)
	if err != nil {
		return 0, err
	}
	st := State(kv, netuid)
	st.POWRegistrationsThisInterval++
	st.RegistrationsThisInterval++
	st.RegistrationsThisBlock++
	setState(kv, netuid, &st)
	ctx.Events.Emit("NeuronRegistered", "netuid", u16s(netuid), "uid", u16s(uid), "hotkey", hotkey.SS58())
	return uid, nil
}

// AdjustedValue is the classic upgraded_difficulty / upgraded_burn in
// I110F18 arithmetic: the current value moved toward
// cur·(regs+target)/(2·target) with EMA weight alpha/u64::MAX on the old
// value, clamped to [lo, hi].
func AdjustedValue(cur uint64, regs, target uint16, alpha, lo, hi uint64) uint64 {
	if target == 0 {
		return min(max(cur, lo), hi)
	}
	one := new(big.Int).Lsh(big.NewInt(1), 18)
	c := new(big.Int).SetUint64(cur)
	// updated = I110F18(cur) * (regs+target) / (2*target), truncated to 2^-18.
	updated := new(big.Int).Lsh(c, 18)
	updated.Mul(updated, big.NewInt(int64(regs)+int64(target)))
	updated.Quo(updated, big.NewInt(2*int64(target)))
	// a = I110F18(alpha) / I110F18(u64::MAX), truncated to 2^-18.
	a := new(big.Int).Lsh(new(big.Int).SetUint64(alpha), 18)
	a.Quo(a, new(big.Int).SetUint64(^uint64(0)))
	// next = a*cur + (1-a)*updated, products floored to 2^-18.
	next := new(big.Int).Mul(a, c)
	oneMinus := new(big.Int).Sub(one, a)
	t := new(big.Int).Mul(oneMinus, updated)
	t.Rsh(t, 18)
	next.Add(next, t)
	if next.Cmp(new(big.Int).Lsh(new(big.Int).SetUint64(hi), 18)) >= 0 {
		return hi
	}
	if next.Cmp(new(big.Int).Lsh(new(big.Int).SetUint64(lo), 18)) <= 0 {
		return lo
	}
	return next.Rsh(next, 18).Uint64()
}

// adjustRegistrationTerms is the classic per-block registration step: reset
// the per-block counter and, every AdjustmentInterval blocks, move
// difficulty and burn toward TargetRegsPerInterval.
func adjustRegistrationTerms(ctx *module.Context, netuid uint16, now uint64) {
	kv := ctx.KV
	p, _ := Params(kv, netuid)
	st := State(kv, netuid)
	st.RegistrationsThisBlock = 0
	if now-st.LastAdjustmentBlock >= uint64(p.AdjustmentInterval) {
		reg, target := st.RegistrationsThisInterval, p.TargetRegsPerInterval
		pow, brn := st.POWRegistrationsThisInterval, st.BurnRegistrationsThisInterval
		adjDiff := func() {
			p.Difficulty = AdjustedValue(p.Difficulty, reg, target, p.AdjustmentAlpha, p.MinDifficulty, p.MaxDifficulty)
		}
		adjBurn := func() { p.Burn = AdjustedValue(p.Burn, reg, target, p.AdjustmentAlpha, p.MinBurn, p.MaxBurn) }
		if reg > target {
			switch {
			case pow > brn:
				adjDiff()
			case pow < brn:
				adjBurn()
			default:
				adjDiff()
				adjBurn()
			}
		} else {
			switch {
			case pow > brn:
				adjBurn()
			case pow < brn:
				adjDiff()
			default:
				adjDiff()
				adjBurn()
			}
		}
		setParams(kv, netuid, &p)
		st.LastAdjustmentBlock = now
		st.RegistrationsThisInterval, st.POWRegistrationsThisInterval, st.BurnRegistrationsThisInterval = 0, 0, 0
	}
	setState(kv, netuid, &st)
}
