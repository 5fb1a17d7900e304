package governance

import (
	"encoding/hex"
	"strconv"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Dispatcher runs a call with the context's origin; the chain's router.
type Dispatcher func(ctx *module.Context, call tx.Call) error

// Keeper executes the governance calls and the end-of-block committee
// upkeep. It holds no state of its own.
type Keeper struct {
	dispatch Dispatcher
}

// NewKeeper returns a Keeper that runs passed motions through dispatch.
func NewKeeper(dispatch Dispatcher) *Keeper { return &Keeper{dispatch: dispatch} }

// RootOrigin reports whether the context may make root-origin calls: a
// passed motion, or a transaction signed by the sudo key while one is set.
func RootOrigin(ctx *module.Context) bool {
	if ctx.Root {
		return true
	}
	s, ok := subtensor.Sudo(ctx.KV)
	return ok && s == ctx.Signer
}

// Handle executes the governance calls; it reports false for other calls.
func (k *Keeper) Handle(ctx *module.Context, call tx.Call) (bool, error) {
	switch c := call.(type) {
	case tx.Propose:
		return true, k.propose(ctx, c)
	case tx.Vote:
		return true, vote(ctx, c)
	case tx.Close:
		return true, k.close(ctx, c)
	case tx.AdjustSenate:
		return true, adjustSenate(ctx, c.Hotkey)
	case tx.AddTriumvirateMember:
		return true, addTriumvirate(ctx, c.Who)
	case tx.RemoveTriumvirateMember:
		return true, removeTriumvirate(ctx, c.Who)
	case tx.RemoveSudoKey:
		return true, removeSudoKey(ctx)
	}
	return false, nil
}

func hashHex(h [32]byte) string { return "0x" + hex.EncodeToString(h[:]) }
func u32s(v uint32) string      { return strconv.FormatUint(uint64(v), 10) }

func (k *Keeper) propose(ctx *module.Context, c tx.Propose) error {
	kv := ctx.KV
	if !IsTriumvirate(kv, ctx.Signer) {
		return ErrNotMember
	}
	p := GetParams(kv)
	if c.Duration < p.MotionDuration {
		return module.Wrapf(ErrDurationLowerThanConfiguredMotionDuration, "%d < %d blocks", c.Duration, p.MotionDuration)
	}
	hash := tx.ProposalHash(c.Proposal)
	if kv.Has(motionKey(hash)) {
		return ErrDuplicateProposal
	}
	if uint32(len(Motions(kv))) >= p.MaxProposals {
		return module.Wrapf(ErrTooManyProposals, "%d open", p.MaxProposals)
	}
	index := ProposalCount(kv)
	m := Motion{Hash: hash, Index: index, Proposer: ctx.Signer, Call: c.Proposal,
		Threshold: uint32(len(Senate(kv)))/2 + 1, End: uint64(ctx.Height) + uint64(c.Duration)}
	setMotion(kv, &m)
	setProposalCount(kv, index+1)
	ctx.Events.Emit("Proposed", "account", ctx.Signer.SS58(), "proposal_index", u32s(index),
		"proposal_hash", hashHex(hash), "threshold", u32s(m.Threshold), "call", c.Proposal.Name(), "end", strconv.FormatUint(m.End, 10))
	return nil
}

func openMotion(kv store.Reader, hash [32]byte, index uint32) (Motion, error) {
	m, ok := GetMotion(kv, hash)
	if !ok {
		return Motion{}, ErrProposalMissing
	}
	if m.Index != index {
		return Motion{}, module.Wrapf(ErrWrongIndex, "motion %s has index %d, not %d", hashHex(hash), m.Index, index)
	}
	return m, nil
}

func vote(ctx *module.Context, c tx.Vote) error {
	kv := ctx.KV
	if !IsSenator(kv, c.Hotkey) {
		return ErrNotSenateMember
	}
	if owner, ok := subtensor.Owner(kv, c.Hotkey); !ok || owner != ctx.Signer {
		return subtensor.ErrNonAssociatedColdKey
	}
	m, err := openMotion(kv, c.ProposalHash, c.ProposalIndex)
	if err != nil {
		return err
	}
	same, other := &m.Ayes, &m.Nays
	if !c.Approve {
		same, other = other, same
	}
	if indexOf(*same, c.Hotkey) >= 0 {
		return ErrDuplicateVote
	}
	*same = append(*same, c.Hotkey)
	if i := indexOf(*other, c.Hotkey); i >= 0 {
		*other = append((*other)[:i:i], (*other)[i+1:]...)
	}
	setMotion(kv, &m)
	ctx.Events.Emit("Voted", "account", c.Hotkey.SS58(), "proposal_hash", hashHex(m.Hash),
		"voted", strconv.FormatBool(c.Approve), "yes", strconv.Itoa(len(m.Ayes)), "no", strconv.Itoa(len(m.Nays)))
	return nil
}

func indexOf(ks []keys.PublicKey, k keys.PublicKey) int {
	for i, x := range ks {
		if x == k {
			return i
		}
	}
	return -1
}

// outcome decides a motion: passed or failed when decided, or undecided.
// Before the end only a certain outcome decides; after it, a motion
// without enough ayes fails.
func outcome(m *Motion, seats uint32, height uint64) (passed, decided bool) {
	ayes, nays := uint32(len(m.Ayes)), uint32(len(m.Nays))
	switch {
	case ayes >= m.Threshold:
		return true, true
	case seats < m.Threshold || nays > seats-m.Threshold:
		return false, true
	case height >= m.End:
		return false, true
	}
	return false, false
}

func (k *Keeper) close(ctx *module.Context, c tx.Close) error {
	m, err := openMotion(ctx.KV, c.ProposalHash, c.ProposalIndex)
	if err != nil {
		return err
	}
	passed, decided := outcome(&m, uint32(len(Senate(ctx.KV))), uint64(ctx.Height))
	if !decided {
		return module.Wrapf(ErrTooEarly, "voting ends at block %d; %d of %d ayes needed", m.End, m.Threshold, len(Senate(ctx.KV)))
	}
	k.finish(ctx, &m, passed)
	return nil
}

// finish removes a decided motion and, if it passed, runs its call with
// root origin on a branch kept only on success.
func (k *Keeper) finish(ctx *module.Context, m *Motion, passed bool) {
	ctx.KV.Delete(motionKey(m.Hash))
	h := hashHex(m.Hash)
	ctx.Events.Emit("Closed", "proposal_hash", h, "yes", strconv.Itoa(len(m.Ayes)), "no", strconv.Itoa(len(m.Nays)))
	if !passed {
		ctx.Events.Emit("Disapproved", "proposal_hash", h)
		return
	}
	ctx.Events.Emit("Approved", "proposal_hash", h)
	branch, commit := ctx.Branch()
	branch.Root = true
	branch.Signer = keys.PublicKey{}
	result := "ok"
	if err := k.dispatch(branch, m.Call); err != nil {
		result = "error"
		if e, ok := module.AsError(err); ok {
			result = e.Name
		}
	} else {
		commit()
	}
	ctx.Events.Emit("Executed", "proposal_hash", h, "call", m.Call.Name(), "result", result)
}

// EndBlock closes motions whose voting period ends at this block, takes
// root registrations of this block into the senate and removes members
// that left the root network.
func (k *Keeper) EndBlock(ctx *module.Context) error {
	kv := ctx.KV
	for _, hk := range Senate(kv) {
		if !subtensor.IsRegistered(kv, subtensor.RootNetUID, hk) {
			removeSenator(ctx, hk)
		}
	}
	if st := subtensor.State(kv, subtensor.RootNetUID); st.RegistrationsThisBlock > 0 {
		for _, n := range subtensor.Neurons(kv, subtensor.RootNetUID) {
			if n.BlockAtRegistration == uint64(ctx.Height) && !IsSenator(kv, n.Hotkey) {
				joinSenateIfEligible(ctx, n.Hotkey)
			}
		}
	}
	seats := uint32(len(Senate(kv)))
	for _, m := range Motions(kv) {
		if uint64(ctx.Height) >= m.End {
			passed, _ := outcome(&m, seats, uint64(ctx.Height))
			k.finish(ctx, &m, passed)
		}
	}
	return nil
}

// joinSenateIfEligible seats hotkey while there is room, or in place of
// the least-staked member (first in key order on a tie) when hotkey has
// more stake. It reports whether hotkey took a seat.
func joinSenateIfEligible(ctx *module.Context, hotkey keys.PublicKey) bool {
	kv := ctx.KV
	senate := Senate(kv)
	if uint32(len(senate)) < GetParams(kv).MaxSenate {
		kv.Set(senateKey(hotkey), []byte{})
		ctx.Events.Emit("MemberAdded", "committee", "senate", "who", hotkey.SS58())
		return true
	}
	if len(senate) == 0 {
		return false
	}
	low, lowStake := senate[0], subtensor.TotalHotkeyStake(kv, senate[0])
	for _, m := range senate[1:] {
		if s := subtensor.TotalHotkeyStake(kv, m); s < lowStake {
			low, lowStake = m, s
		}
	}
	if subtensor.TotalHotkeyStake(kv, hotkey) <= lowStake {
		return false
	}
	removeSenator(ctx, low)
	kv.Set(senateKey(hotkey), []byte{})
	ctx.Events.Emit("MemberAdded", "committee", "senate", "who", hotkey.SS58())
	return true
}

// removeSenator takes hotkey's seat and its votes on open motions.
func removeSenator(ctx *module.Context, hotkey keys.PublicKey) {
	kv := ctx.KV
	kv.Delete(senateKey(hotkey))
	for _, m := range Motions(kv) {
		a, n := indexOf(m.Ayes, hotkey), indexOf(m.Nays, hotkey)
		if a < 0 && n < 0 {
			continue
		}
		if a >= 0 {
			m.Ayes = append(m.Ayes[:a:a], m.Ayes[a+1:]...)
		}
		if n >= 0 {
			m.Nays = append(m.Nays[:n:n], m.Nays[n+1:]...)
		}
		setMotion(kv, &m)
	}
	ctx.Events.Emit("MemberRemoved", "committee", "senate", "who", hotkey.SS58())
}

func adjustSenate(ctx *module.Context, hotkey keys.PublicKey) error {
	kv := ctx.KV
	if !subtensor.IsRegistered(kv, subtensor.RootNetUID, hotkey) {
		return subtensor.ErrHotKeyNotRegisteredInSubNet
	}
	if owner, ok := subtensor.Owner(kv, hotkey); !ok || owner != ctx.Signer {
		return subtensor.ErrNonAssociatedColdKey
	}
	if IsSenator(kv, hotkey) {
		return ErrAlreadyMember
	}
	if !joinSenateIfEligible(ctx, hotkey) {
		return ErrCouldNotJoinSenate
	}
	return nil
}

func addTriumvirate(ctx *module.Context, who keys.PublicKey) error {
	kv := ctx.KV
	if !RootOrigin(ctx) {
		return ErrBadOrigin
	}
	if IsTriumvirate(kv, who) {
		return ErrAlreadyMember
	}
	if uint32(len(Triumvirate(kv))) >= GetParams(kv).MaxTriumvirate {
		return ErrTooManyMembers
	}
	kv.Set(triumvirateKey(who), []byte{})
	ctx.Events.Emit("MemberAdded", "committee", "triumvirate", "who", who.SS58())
	return nil
}

func removeTriumvirate(ctx *module.Context, who keys.PublicKey) error {
	kv := ctx.KV
	if !RootOrigin(ctx) {
		return ErrBadOrigin
	}
	if !IsTriumvirate(kv, who) {
		return ErrNotMember
	}
	kv.Delete(triumvirateKey(who))
	ctx.Events.Emit("MemberRemoved", "committee", "triumvirate", "who", who.SS58())
	return nil
}

func removeSudoKey(ctx *module.Context) error {
	s, ok := subtensor.Sudo(ctx.KV)
	if !ok || s != ctx.Signer || ctx.Root {
		return ErrRequireSudo
	}
	subtensor.SetSudo(ctx.KV, keys.PublicKey{}, false)
	ctx.Events.Emit("KeyRemoved", "old", s.SS58())
	return nil
}
