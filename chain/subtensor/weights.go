package subtensor

import (
	"encoding/binary"
	"fmt"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/fixed"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// MaxUnrevealedCommits is the most pending weight commits per hotkey and subnet.
const MaxUnrevealedCommits = 10

// MaxCommitRevealPeriod and MinCommitRevealPeriod bound RevealPeriodEpochs.
const (
	MinCommitRevealPeriod = 1
	MaxCommitRevealPeriod = 100
)

// MaxUpscale is the reference's vec_u16_max_upscale_to_u16: scale values so
// the largest becomes 65535, rounding half away from zero in I32F32.
func MaxUpscale(values []uint16) []uint16 {
	out := make([]uint16, len(values))
	var m uint16
	for _, v := range values {
		m = max(m, v)
	}
	if m == 0 {
		copy(out, values)
		return out
	}
	u16max := fixed.I32F32FromU16(65535)
	mv := fixed.I32F32FromU16(m)
	if m > 32768 {
		ratio := u16max.SaturatingDiv(mv)
		for i, v := range values {
			out[i] = fixed.I32F32FromU16(v).SaturatingMul(ratio).Round().ToU16()
		}
		return out
	}
	for i, v := range values {
		out[i] = fixed.I32F32FromU16(v).SaturatingMul(u16max).SaturatingDiv(mv).Round().ToU16()
	}
	return out
}

// CheckVecMaxLimited is the reference's check_vec_max_limited: after
// normalising values to sum 1, no value exceeds limit/65535.
func CheckVecMaxLimited(values []uint16, limit uint16) bool {
	lim := fixed.I32F32FromU16(limit).SaturatingDiv(fixed.I32F32FromU16(65535))
	var sum fixed.I32F32
	for _, v := range values {
		sum = sum.Add(fixed.I32F32FromU16(v))
	}
	for _, v := range values {
		x := fixed.I32F32FromU16(v)
		if sum != 0 {
			x = x.SaturatingDiv(sum)
		}
		if x > lim {
			return false
		}
	}
	return true
}

func isSelfWeight(uid uint16, uids []uint16, values []uint16) bool {
	return len(values) == 1 && len(uids) > 0 && uids[0] == uid
}

func hasDuplicates(uids []uint16) bool {
	var seen [1 << 10]uint64 // one bit per possible uid
	for _, u := range uids {
		w, b := u>>6, uint64(1)<<(u&63)
		if seen[w]&b != 0 {
			return true
		}
		seen[w] |= b
	}
	return false
}

// SetWeights is set_weights without the commit-reveal gate (reveal_weights
// calls it too): every check of specs/chain.md §5.1 in the classic order,
// then the max-upscaled row is stored.
func SetWeights(ctx *module.Context, hotkey keys.PublicKey, netuid uint16, uids, values []uint16, versionKey uint64) error {
	kv := ctx.KV
	if netuid == RootNetUID {
		return ErrCanNotSetRootNetworkWeights
	}
	if len(uids) != len(values) {
		return ErrWeightVecNotEqualSize
	}
	p, ok := Params(kv, netuid)
	if !ok {
		return ErrSubnetNotExists
	}
	return setWeights(ctx, &p, hotkey, netuid, uids, values, versionKey, func(st *SubnetState, n uint16) bool {
		return uint32(n) < uint32(st.N)
	})
}

func setWeights(ctx *module.Context, p *SubnetParams, hotkey keys.PublicKey, netuid uint16, uids, values []uint16, versionKey uint64, valid func(*SubnetState, uint16) bool) error {
	kv := ctx.KV
	st := State(kv, netuid)
	if netuid != RootNetUID && len(uids) > int(st.N) {
		return ErrUidsLengthExceedUidsInSubNet
	}
	uid, ok := UID(kv, netuid, hotkey)
	if !ok {
		return ErrHotKeyNotRegisteredInSubNet
	}
	// The subnet owner's hotkey is exempt from the stake threshold and the
	// validator permit (specs/chain.md §5.1 checks 6 and 9).
	owner := netuid != RootNetUID && st.HasOwner() && st.OwnerHotkey == hotkey
	if !owner && StakeWeight(kv, hotkey, netuid) < Network(kv).StakeThreshold {
		return ErrNotEnoughStakeToSetWeights
	}
	if p.WeightsVersionKey != 0 && versionKey < p.WeightsVersionKey {
		return module.Wrapf(ErrIncorrectWeightVersionKey, "version %d below %d", versionKey, p.WeightsVersionKey)
	}
	n, _ := GetNeuron(kv, netuid, uid)
	now := uint64(ctx.Height)
	if !p.CommitRevealEnabled && n.LastUpdate != 0 && now-n.LastUpdate < p.WeightsRateLimit {
		return module.Wrapf(ErrSettingWeightsTooFast, "last set at block %d, limit %d blocks", n.LastUpdate, p.WeightsRateLimit)
	}
	self := isSelfWeight(uid, uids, values)
	if netuid != RootNetUID && !self && !owner && !n.ValidatorPermit {
		return ErrNeuronNoValidatorPermit
	}
	if hasDuplicates(uids) {
		return ErrDuplicateUids
	}
	for _, u := range uids {
		if !valid(&st, u) {
			return module.Wrapf(ErrUidVecContainInvalidOne, "uid %d", u)
		}
	}
	minLen := int(p.MinAllowedWeights)
	if netuid != RootNetUID {
		minLen = min(minLen, int(st.N))
	}
	if !(netuid != RootNetUID && self) && len(values) < minLen {
		return module.Wrapf(ErrWeightVecLengthIsLow, "%d weights, need %d", len(values), minLen)
	}
	up := MaxUpscale(values)
	if !self && p.MaxWeightsLimit != 65535 && !CheckVecMaxLimited(up, p.MaxWeightsLimit) {
		return ErrMaxWeightExceeded
	}
	row := make([]Entry, len(uids))
	for i, u := range uids {
		row[i] = Entry{UID: u, Value: up[i]}
	}
	setRow(kv, weightsKey(netuid, uid), row)
	if !p.CommitRevealEnabled {
		n.LastUpdate = now
		setNeuron(kv, netuid, &n)
	}
	ctx.Events.Emit("WeightsSet", "netuid", u16s(netuid), "uid", u16s(uid))
	return nil
}

// EpochIndex is the classic epoch index of netuid at block:
// (block + netuid + 1) / (tempo + 1).
func EpochIndex(netuid, tempo uint16, block uint64) uint64 {
	return (block + uint64(netuid) + 1) / (uint64(tempo) + 1)
}

// WeightCommit is one pending commit_weights entry.
type WeightCommit struct {
	Hash        [32]byte `json:"hash"`
	CommitEpoch uint64   `json:"commit_epoch"`
	CommitBlock uint64   `json:"commit_block"`
}

// Commits returns hotkey's pending weight commits on netuid, oldest first.
func Commits(kv store.Reader, netuid uint16, hotkey keys.PublicKey) []WeightCommit {
	v := kv.Get(commitsKey(netuid, hotkey))
	if len(v)%48 != 0 {
		module.Corrupt(commitsKey(netuid, hotkey), fmt.Errorf("commits record of %d bytes, not a multiple of 48", len(v)))
	}
	out := make([]WeightCommit, len(v)/48)
	for i := range out {
		b := v[48*i:]
		copy(out[i].Hash[:], b[:32])
		out[i].CommitEpoch = binary.BigEndian.Uint64(b[32:])
		out[i].CommitBlock = binary.BigEndian.Uint64(b[40:])
	}
	return out
}

func setCommits(kv store.KV, netuid uint16, hotkey keys.PublicKey, cs []WeightCommit) {
	if len(cs) == 0 {
		kv.Delete(commitsKey(netuid, hotkey))
		return
	}
	b := make([]byte, 0, 48*len(cs))
	for _, c := range cs {
		b = append(b, c.Hash[:]...)
		b = binary.BigEndian.AppendUint64(b, c.CommitEpoch)
		b = binary.BigEndian.AppendUint64(b, c.CommitBlock)
	}
	kv.Set(commitsKey(netuid, hotkey), b)
}

// CommitWeights records a weight commit (§5.2).
func CommitWeights(ctx *module.Context, hotkey keys.PublicKey, netuid uint16, hash [32]byte) error {
	kv := ctx.KV
	if netuid == RootNetUID {
		return ErrCanNotSetRootNetworkWeights
	}
	p, ok := Params(kv, netuid)
	if !ok {
		return ErrSubnetNotExists
	}
	if !p.CommitRevealEnabled {
		return ErrCommitRevealDisabled
	}
	uid, ok := UID(kv, netuid, hotkey)
	if !ok {
		return ErrHotKeyNotRegisteredInSubNet
	}
	n, _ := GetNeuron(kv, netuid, uid)
	now := uint64(ctx.Height)
	if n.LastUpdate != 0 && now-n.LastUpdate < p.WeightsRateLimit {
		return ErrCommittingWeightsTooFast
	}
	epoch := EpochIndex(netuid, p.Tempo, now)
	cs := Commits(kv, netuid, hotkey)
	for len(cs) > 0 && epoch > cs[0].CommitEpoch+p.CommitRevealPeriod {
		cs = cs[1:]
	}
	if len(cs) >= MaxUnrevealedCommits {
		return ErrTooManyUnrevealedCommits
	}
	cs = append(cs, WeightCommit{Hash: hash, CommitEpoch: epoch, CommitBlock: now})
	setCommits(kv, netuid, hotkey, cs)
	n.LastUpdate = now
	setNeuron(kv, netuid, &n)
	ctx.Events.Emit("WeightsCommitted", "hotkey", hotkey.SS58(), "netuid", u16s(netuid), "hash", hexs(hash[:]))
	return nil
}

// RevealWeights reveals a commit made RevealPeriodEpochs epochs ago and sets
// the weights (§5.2).
func RevealWeights(ctx *module.Context, hotkey keys.PublicKey, netuid uint16, uids, values, salt []uint16, versionKey uint64) error {
	kv := ctx.KV
	p, ok := Params(kv, netuid)
	if !ok {
		return ErrSubnetNotExists
	}
	if !p.CommitRevealEnabled {
		return ErrCommitRevealDisabled
	}
	cs := Commits(kv, netuid, hotkey)
	if len(cs) == 0 {
		return ErrNoWeightsCommitFound
	}
	epoch := EpochIndex(netuid, p.Tempo, uint64(ctx.Height))
	h := tx.CommitHash(hotkey, netuid, uids, values, salt, versionKey)
	expired := false
	for len(cs) > 0 && epoch > cs[0].CommitEpoch+p.CommitRevealPeriod {
		expired = expired || cs[0].Hash == h
		cs = cs[1:]
	}
	pos := -1
	for i, c := range cs {
		if c.Hash == h {
			pos = i
			break
		}
	}
	if pos < 0 {
		if expired {
			return ErrExpiredWeightCommit
		}
		if len(cs) == 0 {
			return ErrNoWeightsCommitFound
		}
		return ErrInvalidRevealCommitHashNotMatch
	}
	if epoch != cs[pos].CommitEpoch+p.CommitRevealPeriod {
		return module.Wrapf(ErrRevealTooEarly, "committed in epoch %d, now %d, reveal in %d", cs[pos].CommitEpoch, epoch, cs[pos].CommitEpoch+p.CommitRevealPeriod)
	}
	setCommits(kv, netuid, hotkey, cs[pos+1:])
	if err := SetWeights(ctx, hotkey, netuid, uids, values, versionKey); err != nil {
		return err
	}
	ctx.Events.Emit("WeightsRevealed", "hotkey", hotkey.SS58(), "netuid", u16s(netuid), "hash", hexs(h[:]))
	return nil
}

func hexs(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
