package subtensor

import (
	"encoding/binary"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/fixed"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/yuma"
)

// EpochDue reports whether netuid's epoch runs at block: tempo != 0 and
// (block + netuid + 1) % (tempo + 1) == 0 (the classic schedule).
func EpochDue(netuid, tempo uint16, block uint64) bool {
	return tempo != 0 && (block+uint64(netuid)+1)%(uint64(tempo)+1) == 0
}

// BlocksUntilNextEpoch returns how many blocks after block netuid's next
// epoch runs (0 when it runs at block; MaxUint64 for tempo 0).
func BlocksUntilNextEpoch(netuid, tempo uint16, block uint64) uint64 {
	if tempo == 0 {
		return ^uint64(0)
	}
	period := uint64(tempo) + 1
	return (period - (block+uint64(netuid)+1)%period) % period
}

// BeginBlock is the subtensor block step, run after the coinbase has minted
// the block's emission: record the block hash, adjust registration terms,
// run the root epoch when due, move the coinbase pool into the subnets'
// pending emission and run every due subnet epoch (not in the mempool's
// check state: module.Env.Check). It fails only on corrupt state.
func BeginBlock(ctx *module.Context) error {
	kv := ctx.KV
	now := uint64(ctx.Height)
	netuids := Netuids(kv)
	// Block hashes only serve PoW registration, which needs a subnet: none
	// are recorded while only the root network exists.
	if len(ctx.PrevHash) > 0 && len(netuids) > 1 {
		kv.Set(blockHashKey(now), append([]byte(nil), ctx.PrevHash...))
	}
	if now > BlockHashHistory {
		kv.Delete(blockHashKey(now - BlockHashHistory))
	}
	if now >= PowBlockWindow {
		deletePrefix(kv, usedWorkBlockPrefix(now-PowBlockWindow))
	}
	rp, ok := Params(kv, RootNetUID)
	if !ok {
		return nil
	}
	if err := runScheduledDissolutions(ctx, now); err != nil {
		return err
	}
	runScheduledColdkeySwaps(ctx, now)
	applyPendingChildren(ctx, now)
	netuids = Netuids(kv)
	for _, id := range netuids {
		adjustRegistrationTerms(ctx, id, now)
	}
	if EpochDue(RootNetUID, rp.Tempo, now) && !ctx.Check {
		rootEpoch(kv, coinbase.BlockEmission(kv))
	}
	if err := distributeEmission(ctx, coinbase.BlockEmission(kv)); err != nil {
		return err
	}
	for _, id := range netuids {
		if id == RootNetUID {
			continue
		}
		p, _ := Params(kv, id)
		if EpochDue(id, p.Tempo, now) {
			if ctx.Check {
				continue // the mempool's check state skips epochs (module.Env.Check)
			}
			if err := runEpoch(ctx, id, &p, now); err != nil {
				return err
			}
			continue
		}
		st := State(kv, id)
		st.BlocksSinceLastStep++
		setState(kv, id, &st)
	}
	return nil
}

// EpochInput builds the Yuma input of netuid at block now from state, with
// emission as RaoEmission. It also returns the neurons in UID order. On a
// subnet without owner whose UIDs hold no stake at all, each UID's stake
// is one rao.
func EpochInput(kv store.Reader, netuid uint16, p *SubnetParams, now, emission uint64) (*yuma.Input, []Neuron) {
	st := State(kv, netuid)
	neurons := Neurons(kv, netuid)
	n := len(neurons)
	in := &yuma.Input{
		N: uint16(n), Block: now, RaoEmission: emission,
		Params: yuma.Params{
			Kappa: p.Kappa, BondsMovingAverage: p.BondsMovingAverage, BondsPenalty: p.BondsPenalty, Tempo: uint64(p.Tempo),
			ActivityCutoff: uint64(p.ActivityCutoff), MaxAllowedValidators: p.MaxAllowedValidators, Yuma3: p.Yuma3Enabled,
			LiquidAlpha: p.LiquidAlphaEnabled, AlphaLow: p.AlphaLow, AlphaHigh: p.AlphaHigh,
			AlphaSigmoidSteepness: p.AlphaSigmoidSteepness, CommitReveal: p.CommitRevealEnabled,
			StakeThreshold: Network(kv).StakeThreshold, LastMechanismStepBlock: st.LastStepBlock,
		},
		Stake:               make([]fixed.I64F64, n),
		LastUpdate:          make([]uint64, n),
		BlockAtRegistration: make([]uint64, n),
		ValidatorPermit:     make([]bool, n),
		Weights:             make([][]yuma.Weight, n),
		Bonds:               make([][]yuma.Bond, n),
	}
	staked := false
	for i, nr := range neurons {
		s := StakeWeight(kv, nr.Hotkey, netuid)
		staked = staked || s > 0
		in.Stake[i] = fixed.I64F64FromU64(s)
		in.LastUpdate[i] = nr.LastUpdate
		in.BlockAtRegistration[i] = nr.BlockAtRegistration
		in.ValidatorPermit[i] = nr.ValidatorPermit
		if st.HasOwner() && nr.Hotkey == st.OwnerHotkey {
			in.HasOwner, in.OwnerUID = true, nr.UID
		}
	}
	// A subnet without owner (created at genesis, as a fair launch's subnet
	// 1) may have UIDs none of which holds stake: nobody has TAO to stake
	// yet, so nobody can weigh work. Then every UID counts as holding one
	// rao, and Yuma, finding no weights that count, pays the validator
	// emission by stake: in equal parts to the UIDs that registered (by
	// proof of work, the only way in without TAO). From the first paid
	// epoch on they hold stake and the ordinary rules apply. (A
	// StakeThreshold above one rao filters the equal stake out: then
	// nobody is paid until someone holds stake.)
	if !st.HasOwner() && !staked {
		for i := range in.Stake {
			in.Stake[i] = fixed.I64F64FromU64(1)
		}
	}
	forRows(kv, weightsPrefix(netuid), n, func(uid int, row []Entry) {
		w := make([]yuma.Weight, len(row))
		for j, e := range row {
			w[j] = yuma.Weight{UID: e.UID, Weight: e.Value}
		}
		in.Weights[uid] = w
	})
	forRows(kv, bondsPrefix(netuid), n, func(uid int, row []Entry) {
		b := make([]yuma.Bond, len(row))
		for j, e := range row {
			b[j] = yuma.Bond{UID: e.UID, Bond: e.Value}
		}
		in.Bonds[uid] = b
	})
	if p.CommitRevealEnabled {
		epoch := EpochIndex(netuid, p.Tempo, now)
		for i, nr := range neurons {
			for _, c := range Commits(kv, netuid, nr.Hotkey) {
				if epoch <= c.CommitEpoch+p.CommitRevealPeriod {
					if in.CommitBlock == nil {
						in.CommitBlock = make([]uint64, n)
						for j := range in.CommitBlock {
							in.CommitBlock[j] = yuma.NoCommit
						}
					}
					in.CommitBlock[i] = c.CommitBlock
					break
				}
			}
		}
	}
	return in, neurons
}

func forRows(kv store.Reader, prefix []byte, n int, fn func(uid int, row []Entry)) {
	it := kv.Iterator(prefix, store.PrefixEnd(prefix))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		uid := int(binary.BigEndian.Uint16(module.KeySuffix(it.Key(), prefix, 2)))
		if uid < n {
			fn(uid, decodeRow(it.Key(), it.Value()))
		}
	}
}

// runEpoch drains netuid's pending emission: the owner cut to the owner
// coldkey's balance (none without owner), the rest through Yuma to hotkeys (paid as stake);
// rounding dust returns to the subnet's pending emission.
func runEpoch(ctx *module.Context, netuid uint16, p *SubnetParams, now uint64) error {
	kv := ctx.KV
	st := State(kv, netuid)
	emission := st.PendingEmission
	var cut, held uint64
	if st.HasOwner() { // a subnet without owner pays no owner cut
		cut, _ = fixed.MulDivU64(emission, uint64(Network(kv).SubnetOwnerCut), 65535)
	}
	if cut > 0 && bank.Credit(kv, st.Owner, cut) != nil {
		// The owner's account cannot take it yet (below the existential
		// deposit): keep the cut pending for the next epoch.
		held, cut = cut, 0
	}
	rest := emission - cut - held
	in, neurons := EpochInput(kv, netuid, p, now, rest)
	var paid uint64
	if len(neurons) > 0 {
		out, err := yuma.Epoch(in)
		if err != nil {
			return err
		}
		for i := range neurons {
			nr := &neurons[i]
			nr.Active = out.Active[i]
			nr.ValidatorPermit = out.ValidatorPermit[i]
			nr.Consensus = out.Consensus[i]
			nr.Incentive = out.Incentive[i]
			nr.Dividends = out.Dividends[i]
			nr.ValidatorTrust = out.ValidatorTrust[i]
			nr.StakeWeight = out.StakeWeight[i]
			nr.Emission = out.Emission[i]
			nr.PruningScore = out.PruningScore[i]
			setNeuron(kv, netuid, nr)
			row := make([]Entry, len(out.Bonds[i]))
			for j, b := range out.Bonds[i] {
				row[j] = Entry{UID: b.UID, Value: b.Bond}
			}
			setRow(kv, bondsKey(netuid, nr.UID), row)
		}
		for i, nr := range neurons {
			s, v := out.ServerEmission[i], out.ValidatorEmission[i]
			if s == 0 && v == 0 {
				continue
			}
			if paid+s+v < paid || paid+s+v > rest {
				return module.Wrapf(module.ErrOverflow, "epoch of subnet %d paid more than its emission", netuid)
			}
			if err := routeDividends(kv, nr.Hotkey, netuid, s, v); err != nil {
				return err
			}
			paid += s + v
		}
	}
	st = State(kv, netuid)
	st.PendingEmission = rest - paid + held
	st.LastStepBlock = now
	st.BlocksSinceLastStep = 0
	setState(kv, netuid, &st)
	ctx.Events.Emit("SubnetEpoch", "netuid", u16s(netuid), "emission", u64s(emission), "owner_cut", u64s(cut),
		"paid", u64s(paid), "carried", u64s(rest-paid+held))
	return nil
}

// payHotkey pays an epoch's emission to hotkey as stake (classic
// emit_inflation_through_hotkey_account): a delegate keeps its take of the
// validator emission and the rest goes to its nominators pro rata to stake;
// the owner coldkey gets the take, the server emission and rounding dust.
func payHotkey(kv store.KV, hotkey keys.PublicKey, server, validator uint64) error {
	owner, ok := Owner(kv, hotkey)
	if !ok {
		return module.Wrapf(ErrHotKeyAccountNotExists, "registered hotkey %s has no owner", hotkey.SS58())
	}
	total := TotalHotkeyStake(kv, hotkey)
	if !IsDelegate(kv, hotkey) || total == 0 {
		return increaseStake(kv, hotkey, owner, server+validator)
	}
	take, _ := fixed.MulDivU64(validator, uint64(Take(kv, hotkey)), 65535)
	rem := validator - take
	var distributed uint64
	for _, nom := range Nominators(kv, hotkey) {
		share, _ := fixed.MulDivU64(rem, nom.Stake, total) // nom.Stake ≤ total
		if err := increaseStake(kv, hotkey, nom.Account, share); err != nil {
			return err
		}
		distributed += share
	}
	return increaseStake(kv, hotkey, owner, take+(rem-distributed)+server)
}
