package subtensor

import (
	"encoding/binary"
	"fmt"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// LockCost returns the rao register_network locks at block now
// (specs/chain.md §2.2): the last lock doubled, decaying linearly by
// last_lock/interval per block since the last registration, never below
// NetworkMinLockCost.
func LockCost(kv store.Reader, now uint64) uint64 {
	np := Network(kv)
	last := getU64(kv, lastLockCostKey())
	if last == 0 {
		last = np.NetworkMinLockCost
	}
	lastBlock := getU64(kv, lastLockBlockKey())
	mult := uint64(2)
	if lastBlock == 0 {
		mult = 1
	}
	interval := np.LockReductionInterval
	var decay uint64
	if interval != 0 {
		decay = satMul(last/interval, satSub(now, lastBlock))
	}
	cost := satSub(satMul(last, mult), decay)
	if cost < np.NetworkMinLockCost {
		cost = np.NetworkMinLockCost
	}
	return cost
}

// LastLock returns the last lock paid and the block it was paid at (0, 0 before any).
func LastLock(kv store.Reader) (cost, block uint64) {
	return getU64(kv, lastLockCostKey()), getU64(kv, lastLockBlockKey())
}

func satMul(a, b uint64) uint64 {
	if a != 0 && b > ^uint64(0)/a {
		return ^uint64(0)
	}
	return a * b
}

func satSub(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}

func satAdd(a, b uint64) uint64 {
	if a+b < a {
		return ^uint64(0)
	}
	return a + b
}

// SubnetCount returns the number of non-root subnets.
func SubnetCount(kv store.Reader) int {
	n := 0
	for _, id := range Netuids(kv) {
		if id != RootNetUID {
			n++
		}
	}
	return n
}

// SubnetToPrune returns the non-immune subnet with the lowest emission value
// (ties: registered earliest, then lowest netuid) — the one register_network
// replaces when the subnet limit is reached (classic get_subnet_to_prune).
func SubnetToPrune(kv store.Reader, now uint64) (uint16, bool) {
	immunity := Network(kv).NetworkImmunityPeriod
	var best uint16
	var bestState SubnetState
	found := false
	for _, id := range Netuids(kv) {
		if id == RootNetUID {
			continue
		}
		st := State(kv, id)
		if now < satAdd(st.RegisteredAt, immunity) {
			continue
		}
		if !found || st.EmissionValue < bestState.EmissionValue ||
			(st.EmissionValue == bestState.EmissionValue && st.RegisteredAt < bestState.RegisteredAt) {
			best, bestState, found = id, st, true
		}
	}
	return best, found
}

// RegisterNetwork creates a subnet owned by coldkey with hotkey as its owner
// hotkey (UID 0), locking the lock cost from coldkey's balance. When the
// subnet limit is reached it dissolves the subnet SubnetToPrune names and
// reuses its netuid.
func RegisterNetwork(ctx *module.Context, coldkey, hotkey keys.PublicKey) (uint16, error) {
	kv := ctx.KV
	now := uint64(ctx.Height)
	if o, ok := Owner(kv, hotkey); ok && o != coldkey {
		return 0, ErrNonAssociatedColdKey
	}
	np := Network(kv)
	if last := getU64(kv, lastLockBlockKey()); last != 0 && now-last < np.NetworkRateLimit {
		return 0, module.Wrapf(ErrNetworkTxRateLimitExceeded, "last subnet registered at block %d, limit %d blocks", last, np.NetworkRateLimit)
	}
	lock := LockCost(kv, now)
	if bank.Balance(kv, coldkey) < lock {
		return 0, module.Wrapf(ErrCannotAffordLockCost, "lock cost %d rao", lock)
	}
	var netuid uint16
	if SubnetCount(kv) >= int(np.SubnetLimit) {
		prune, ok := SubnetToPrune(kv, now)
		if !ok {
			return 0, ErrSubnetLimitReached
		}
		if err := removeNetwork(ctx, prune); err != nil {
			return 0, err
		}
		netuid = prune
	} else {
		netuid = 1
		for SubnetExists(kv, netuid) {
			netuid++
		}
	}
	if err := bank.Debit(kv, coldkey, lock, false); err != nil {
		return 0, module.Wrapf(ErrCannotAffordLockCost, "%v", err)
	}
	setU64(kv, lastLockCostKey(), lock)
	setU64(kv, lastLockBlockKey(), now)
	p := DefaultSubnetParams(np.DefaultTempo)
	setParams(kv, netuid, &p)
	st := SubnetState{Owner: coldkey, OwnerHotkey: hotkey, RegisteredAt: now, Locked: lock, LastAdjustmentBlock: now}
	setState(kv, netuid, &st)
	createAccountIfNonExistent(kv, coldkey, hotkey)
	uid := appendNeuron(kv, netuid, hotkey, now)
	ctx.Events.Emit("NetworkAdded", "netuid", u16s(netuid), "modality", "0")
	ctx.Events.Emit("NeuronRegistered", "netuid", u16s(netuid), "uid", u16s(uid), "hotkey", hotkey.SS58())
	return netuid, nil
}

// DissolveNetwork removes netuid (dissolve_network): root origin only (sudo
// or a passed motion); an owner goes through ScheduleDissolveNetwork. A
// non-zero owner must be the subnet's owner coldkey. The lock is returned to
// the owner; the subnet's pending emission leaves issuance (it is never
// credited to another subnet).
func DissolveNetwork(ctx *module.Context, signer, owner keys.PublicKey, netuid uint16) error {
	if !isSudo(ctx, signer) {
		return ErrBadOrigin
	}
	return dissolveAsOwner(ctx, owner, netuid)
}

func dissolveAsOwner(ctx *module.Context, owner keys.PublicKey, netuid uint16) error {
	if netuid == RootNetUID {
		return ErrRegistrationNotPermittedOnRootSubnet
	}
	if !SubnetExists(ctx.KV, netuid) {
		return ErrSubnetNotExists
	}
	if owner != (keys.PublicKey{}) && State(ctx.KV, netuid).Owner != owner {
		return ErrNotSubnetOwner
	}
	return removeNetwork(ctx, netuid)
}

// ScheduleDissolveNetwork is schedule_dissolve_network: the subnet owner
// asks for its subnet to be dissolved DissolveNetworkScheduleDuration blocks
// from now, when the lock is returned (there is no instant refund). One
// dissolution may be pending per subnet.
func ScheduleDissolveNetwork(ctx *module.Context, signer keys.PublicKey, netuid uint16) error {
	kv := ctx.KV
	if netuid == RootNetUID {
		return ErrRegistrationNotPermittedOnRootSubnet
	}
	if !SubnetExists(kv, netuid) {
		return ErrSubnetNotExists
	}
	if State(kv, netuid).Owner != signer {
		return ErrNotSubnetOwner
	}
	if at, ok := ScheduledDissolution(kv, netuid); ok {
		return module.Wrapf(ErrFailedToSchedule, "subnet %d dissolves at block %d", netuid, at)
	}
	when := satAdd(uint64(ctx.Height), Network(kv).DissolveNetworkScheduleDuration)
	kv.Set(dissolveAtKey(when, netuid), signer[:])
	ctx.Events.Emit("DissolveNetworkScheduled", "account", signer.SS58(), "netuid", u16s(netuid), "execution_block", u64s(when))
	return nil
}

// ScheduledDissolution returns the block at which netuid's scheduled
// dissolution runs, if one is pending.
func ScheduledDissolution(kv store.Reader, netuid uint16) (uint64, bool) {
	p := dissolveAtPrefix()
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		k := it.Key()[len(p):]
		if len(k) != 10 {
			module.Corrupt(it.Key(), fmt.Errorf("scheduled dissolution key of %d bytes", len(it.Key())))
		}
		if binary.BigEndian.Uint16(k[8:]) == netuid {
			return binary.BigEndian.Uint64(k[:8]), true
		}
	}
	return 0, false
}

// runScheduledDissolutions dissolves the subnets scheduled for block now,
// as root on behalf of the coldkey that scheduled them; one that fails (the
// subnet is gone or changed owner) is reported and dropped.
func runScheduledDissolutions(ctx *module.Context, now uint64) error {
	tasks := dueTasks(ctx.KV, dissolveAtBlockPrefix(now), 2, 32, "scheduled dissolution")
	runDue(ctx, tasks, func(branch *module.Context, t dueTask) error {
		var owner keys.PublicKey
		copy(owner[:], t.value)
		return dissolveAsOwner(branch, owner, binary.BigEndian.Uint16(t.id))
	}, func(t dueTask, name string) {
		ctx.Events.Emit("ScheduledDissolveFailed", "netuid", u16s(binary.BigEndian.Uint16(t.id)), "error", name)
	})
	return nil
}

// isSudo reports whether the call has root origin: signed by the sudo key
// while one is set, or dispatched by a passed governance motion.
func isSudo(ctx *module.Context, k keys.PublicKey) bool {
	if ctx.Root {
		return true
	}
	s, ok := Sudo(ctx.KV)
	return ok && s == k
}

func removeNetwork(ctx *module.Context, netuid uint16) error {
	kv := ctx.KV
	st := State(kv, netuid)
	for _, n := range Neurons(kv, netuid) {
		clearHotkey(kv, netuid, n.Hotkey)
	}
	for _, p := range [][]byte{neuronPrefix(netuid), weightsPrefix(netuid), bondsPrefix(netuid), uidPrefix(netuid),
		axonPrefix(netuid), prometheusPrefix(netuid), commitsPrefix(netuid), ownerParamPrefix(netuid)} {
		deletePrefix(kv, p)
	}
	// Drop the subnet from every root validator's weights.
	for _, n := range Neurons(kv, RootNetUID) {
		row := Weights(kv, RootNetUID, n.UID)
		kept := row[:0]
		for _, e := range row {
			if e.UID != netuid {
				kept = append(kept, e)
			}
		}
		setRow(kv, weightsKey(RootNetUID, n.UID), kept)
	}
	// Its pending emission is not credited elsewhere: it leaves issuance.
	bank.Recycle(kv, st.PendingEmission)
	if st.Locked > 0 {
		if err := bank.Credit(kv, st.Owner, st.Locked); err != nil {
			return module.Wrapf(ErrBalanceWithdrawalError, "returning the lock: %v", err)
		}
	}
	kv.Delete(subnetParamsKey(netuid))
	kv.Delete(subnetStateKey(netuid))
	if at, ok := ScheduledDissolution(kv, netuid); ok {
		kv.Delete(dissolveAtKey(at, netuid))
	}
	kv.Delete(subnetIdentityKey(netuid))
	ctx.Events.Emit("NetworkRemoved", "netuid", u16s(netuid))
	return nil
}

// clearHotkey removes hotkey's per-subnet records (not its neuron record).
func clearHotkey(kv store.KV, netuid uint16, hotkey keys.PublicKey) {
	kv.Delete(uidKey(netuid, hotkey))
	kv.Delete(membershipKey(hotkey, netuid))
	kv.Delete(axonKey(netuid, hotkey))
	kv.Delete(prometheusKey(netuid, hotkey))
	kv.Delete(commitsKey(netuid, hotkey))
}

// appendNeuron gives hotkey the next UID.
func appendNeuron(kv store.KV, netuid uint16, hotkey keys.PublicKey, now uint64) uint16 {
	st := State(kv, netuid)
	uid := st.N
	st.N++
	setState(kv, netuid, &st)
	n := Neuron{UID: uid, Hotkey: hotkey, BlockAtRegistration: now, LastUpdate: now}
	setNeuron(kv, netuid, &n)
	kv.Set(uidKey(netuid, hotkey), be16(uid))
	kv.Set(membershipKey(hotkey, netuid), be16(uid))
	return uid
}

// replaceNeuron gives uid to hotkey, clearing the previous holder.
func replaceNeuron(kv store.KV, netuid, uid uint16, hotkey keys.PublicKey, now uint64) {
	if old, ok := GetNeuron(kv, netuid, uid); ok {
		clearHotkey(kv, netuid, old.Hotkey)
	}
	kv.Delete(weightsKey(netuid, uid))
	kv.Delete(bondsKey(netuid, uid))
	n := Neuron{UID: uid, Hotkey: hotkey, BlockAtRegistration: now, LastUpdate: now, PruningScore: 65535}
	setNeuron(kv, netuid, &n)
	kv.Set(uidKey(netuid, hotkey), be16(uid))
	kv.Set(membershipKey(hotkey, netuid), be16(uid))
}

// IsImmune reports whether a neuron registered at reg is within the
// subnet's immunity period at block now.
func IsImmune(p *SubnetParams, reg, now uint64) bool {
	return ImmunityLeft(p, reg, now) > 0
}

// ImmunityLeft is how many more blocks a neuron registered at reg stays
// immune at block now (0 once it can be replaced by its pruning score).
func ImmunityLeft(p *SubnetParams, reg, now uint64) uint64 {
	return satSub(uint64(p.ImmunityPeriod), satSub(now, reg))
}

// NeuronToPrune returns the UID a new registrant replaces on a full subnet:
// the non-immune neuron with the lowest pruning score (ties: earliest
// registration, then lowest UID), else the immune one chosen the same way.
// The subnet owner's hotkey is never chosen.
func NeuronToPrune(kv store.Reader, netuid uint16, now uint64) (uint16, bool) {
	p, _ := Params(kv, netuid)
	st := State(kv, netuid)
	var best [2]Neuron // [0] non-immune, [1] immune
	var found [2]bool
	for _, n := range Neurons(kv, netuid) {
		if netuid != RootNetUID && st.HasOwner() && n.Hotkey == st.OwnerHotkey {
			continue
		}
		c := 0
		if IsImmune(&p, n.BlockAtRegistration, now) {
			c = 1
		}
		b := best[c]
		if !found[c] || n.PruningScore < b.PruningScore ||
			(n.PruningScore == b.PruningScore && n.BlockAtRegistration < b.BlockAtRegistration) {
			best[c], found[c] = n, true
		}
	}
	for c := range 2 {
		if found[c] {
			return best[c].UID, true
		}
	}
	return 0, false
}
