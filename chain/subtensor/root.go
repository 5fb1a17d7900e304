package subtensor

import (
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/fixed"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// RootRegister puts hotkey on the root network (classic do_root_register):
// while there is room it appends; when full it replaces the root validator
// with the least stake if hotkey has more (else StakeTooLowForRoot). The
// hotkey becomes a delegate with the default take.
func RootRegister(ctx *module.Context, coldkey, hotkey keys.PublicKey) (uint16, error) {
	kv := ctx.KV
	p, ok := Params(kv, RootNetUID)
	if !ok {
		return 0, ErrRootNetworkDoesNotExist
	}
	st := State(kv, RootNetUID)
	if st.RegistrationsThisBlock >= p.MaxRegsPerBlock {
		return 0, ErrTooManyRegistrationsThisBlock
	}
	if uint32(st.RegistrationsThisInterval) >= 3*uint32(p.TargetRegsPerInterval) {
		return 0, ErrTooManyRegistrationsThisInterval
	}
	if IsRegistered(kv, RootNetUID, hotkey) {
		return 0, ErrHotKeyAlreadyRegisteredInSubNet
	}
	createAccountIfNonExistent(kv, coldkey, hotkey)
	if !coldkeyOwnsHotkey(kv, coldkey, hotkey) {
		return 0, ErrNonAssociatedColdKey
	}
	now := uint64(ctx.Height)
	var uid uint16
	if st.N < p.MaxAllowedUIDs {
		uid = appendNeuron(kv, RootNetUID, hotkey, now)
	} else {
		lowest, lowestUID, found := ^uint64(0), uint16(0), false
		for _, n := range Neurons(kv, RootNetUID) {
			if s := TotalHotkeyStake(kv, n.Hotkey); s < lowest || !found {
				lowest, lowestUID, found = s, n.UID, true
			}
		}
		if !found || lowest >= TotalHotkeyStake(kv, hotkey) {
			return 0, ErrStakeTooLowForRoot
		}
		uid = lowestUID
		replaceNeuron(kv, RootNetUID, uid, hotkey, now)
	}
	if !IsDelegate(kv, hotkey) {
		setTake(kv, hotkey, Network(kv).MaxDelegateTake)
	}
	st = State(kv, RootNetUID)
	st.RegistrationsThisInterval++
	st.RegistrationsThisBlock++
	setState(kv, RootNetUID, &st)
	ctx.Events.Emit("NeuronRegistered", "netuid", "0", "uid", u16s(uid), "hotkey", hotkey.SS58())
	return uid, nil
}

// SetRootWeights sets a root validator's weights over subnets (classic
// set_root_weights, signed by the hotkey's coldkey); uids are netuids.
func SetRootWeights(ctx *module.Context, coldkey keys.PublicKey, netuid uint16, hotkey keys.PublicKey, uids, values []uint16, versionKey uint64) error {
	kv := ctx.KV
	if _, ok := Owner(kv, hotkey); !ok {
		return ErrHotKeyAccountNotExists
	}
	if !coldkeyOwnsHotkey(kv, coldkey, hotkey) {
		return ErrNonAssociatedColdKey
	}
	p, ok := Params(kv, netuid)
	if !ok {
		return ErrSubnetNotExists
	}
	if netuid != RootNetUID {
		return ErrNotRootSubnet
	}
	if len(uids) != len(values) {
		return ErrWeightVecNotEqualSize
	}
	for _, u := range uids {
		if !SubnetExists(kv, u) {
			return module.Wrapf(ErrUidVecContainInvalidOne, "netuid %d does not exist", u)
		}
	}
	return setWeights(ctx, &p, hotkey, RootNetUID, uids, values, versionKey, func(*SubnetState, uint16) bool { return true })
}

// rootEpoch is the classic root_epoch: root validators' stake-weighted
// weights over subnets become each subnet's EmissionValue (rao per block of
// blockEmission). It leaves the values unchanged when there are no root
// validators, no subnets or no stake, and when no stake-backed weight falls
// on a subnet: emission values, set at genesis as the 2023 chain's
// sudo-set values were (specs/chain.md §1.4), stand until root validators
// set weights. (The classic code would write zeros then, stopping all
// emission of a chain whose root validators have not voted yet.)
func rootEpoch(kv store.KV, blockEmission uint64) {
	netuids := Netuids(kv)
	validators := Neurons(kv, RootNetUID)
	if len(validators) == 0 || len(netuids) == 0 {
		return
	}
	col := make(map[uint16]int, len(netuids))
	for j, id := range netuids {
		col[id] = j
	}
	k := len(netuids)
	stake := make([]fixed.I64F64, len(validators))
	var total fixed.I64F64
	for i, v := range validators {
		stake[i] = fixed.I64F64FromU64(TotalHotkeyStake(kv, v.Hotkey))
		total = total.Add(stake[i])
	}
	if total.IsZero() {
		return
	}
	for i := range stake {
		stake[i] = stake[i].SafeDiv(total)
	}
	ranks := make([]fixed.I64F64, k)
	trust := make([]fixed.I64F64, k)
	for i, v := range validators {
		row := Weights(kv, RootNetUID, v.UID)
		w := make([]fixed.I64F64, k)
		var sum fixed.I64F64
		for _, e := range row {
			if j, ok := col[e.UID]; ok {
				w[j] = fixed.I64F64FromU64(uint64(e.Value))
				sum = sum.Add(w[j])
			}
		}
		if sum.IsZero() {
			continue
		}
		for j := range w {
			if w[j].IsZero() {
				continue
			}
			ranks[j] = ranks[j].SaturatingAdd(w[j].SafeDiv(sum).SaturatingMul(stake[i]))
			trust[j] = trust[j].SaturatingAdd(stake[i])
		}
	}
	rp, _ := Params(kv, RootNetUID)
	rho := fixed.I32F32FromU16(rp.Rho)
	kappa := fixed.U16Proportion(rp.Kappa)
	weighted := make([]fixed.I64F64, k)
	var wsum fixed.I64F64
	for j := range k {
		c := fixed.I64F64FromI32F32(fixed.SigmoidSafe(trust[j].ToI32F32(), rho, kappa))
		weighted[j] = c.SaturatingMul(ranks[j])
		wsum = wsum.Add(weighted[j])
	}
	if wsum.IsZero() {
		return
	}
	be := fixed.I64F64FromU64(blockEmission)
	for j, id := range netuids {
		if id == RootNetUID {
			continue
		}
		ev := weighted[j].SafeDiv(wsum).SaturatingMul(be).ToU64()
		st := State(kv, id)
		st.EmissionValue = ev
		setState(kv, id, &st)
	}
}

// distributeEmission credits this block's emission em to the subnets'
// pending emission in proportion to their EmissionValues and mints only
// what it credits (specs/chain.md §1.4: the classic model mints nothing
// while no subnet has an emission value). A subnet whose registration is
// closed receives nothing, as the classic run_coinbase skips it, nor does
// one without UIDs (only a genesis subnet nobody has joined yet: nobody
// could be paid), and their share of em is not minted: the receiving subnets' part, em·Σev_open/Σev,
// is split among them by emission value, together with any issued pool left
// in the coinbase, the rounding remainder going to the receiving subnet with
// the largest value (lowest netuid on ties). With no receiving subnet
// nothing is minted and the pool stays where it is.
func distributeEmission(ctx *module.Context, em uint64) error {
	kv := ctx.KV
	pool := coinbase.PendingEmission(kv)
	type sub struct {
		id uint16
		st SubnetState
	}
	var subs []sub
	var total, open uint64
	for _, id := range Netuids(kv) {
		if id == RootNetUID {
			continue
		}
		st := State(kv, id)
		total = satAdd(total, st.EmissionValue)
		if p, _ := Params(kv, id); !p.RegistrationAllowed || st.EmissionValue == 0 || st.N == 0 {
			continue
		}
		subs = append(subs, sub{id, st})
		open = satAdd(open, st.EmissionValue)
	}
	if open == 0 {
		return nil
	}
	mint, _ := fixed.MulDivU64(em, open, total) // open ≤ total: never overflows
	amount := pool + mint
	if amount < pool {
		return module.Wrapf(module.ErrOverflow, "coinbase pool %d plus emission %d", pool, mint)
	}
	var paid uint64
	top := 0
	for i := range subs {
		ev := subs[i].st.EmissionValue
		share, _ := fixed.MulDivU64(amount, ev, open) // ev ≤ open: never overflows
		subs[i].st.PendingEmission += share
		paid += share
		if ev > subs[top].st.EmissionValue {
			top = i
		}
	}
	subs[top].st.PendingEmission += amount - paid
	for i := range subs {
		setState(kv, subs[i].id, &subs[i].st)
	}
	coinbase.SetPendingEmission(kv, 0)
	return coinbase.Mint(ctx, mint)
}
