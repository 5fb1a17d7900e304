package yuma

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/taonet/taonet/fixed"
)

// Epoch runs one Yuma epoch (the reference's epoch_mechanism) on in and
// returns its outputs, which the caller owns. It fails only when a per-UID
// slice of in has the wrong length; it never panics on any input that passes
// that check. It allocates all its memory; a caller running many epochs
// should keep a Workspace instead.
func Epoch(in *Input) (*Output, error) { return new(Workspace).Epoch(in) }

// Workspace holds the memory of an epoch, scratch and output, so that
// consecutive epochs reuse it: after the first epoch of a given size, an
// epoch allocates nothing. The zero value is ready to use. A Workspace is
// not safe for concurrent use.
type Workspace struct {
	out      Output
	bondFlat []Bond

	W, clipped, interp, B, ema sparse
	deltaVals, normVals        []fx
	deltaView, normView        sparse
	med                        medianWork

	inactive, permit                                  []bool
	filtered                                          []fixed.I64F64
	stake, activeStake, consensus, trust, incentive   []fx
	dividends, combined, nSE, nVE, scratchA, scratchB []fx
	topk                                              []int
}

// Epoch is the package-level Epoch reusing ws's memory. The Output it
// returns belongs to ws and stays valid only until the next call; its
// ValidatorPermit and Bonds may be passed as the next call's Input.
func (ws *Workspace) Epoch(in *Input) (*Output, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	n := int(in.N)
	p := &in.Params
	// The stored permits are copied before ws's previous Output is reused, so
	// that Output.ValidatorPermit and Output.Bonds can be passed back in.
	permit := grow(ws.permit, n)
	ws.permit = permit
	copy(permit, in.ValidatorPermit)
	if in.HasOwner && int(in.OwnerUID) < n {
		permit[in.OwnerUID] = true
	}
	lastTempo := fixed.SaturatingSubU64(in.Block, p.Tempo)
	if p.LastMechanismStepBlock != 0 {
		lastTempo = fixed.SaturatingAddU64(p.LastMechanismStepBlock, 1)
	}
	B := in.bonds(lastTempo, p.Yuma3, &ws.B)
	out := ws.output(n)

	// == Active ==
	inactive := grow(ws.inactive, n)
	ws.inactive = inactive
	for i := range n {
		// A UID missing from a short LastUpdate is inactive (the reference's
		// mask treats missing entries as set).
		inactive[i] = i >= len(in.LastUpdate) || fixed.SaturatingAddU64(in.LastUpdate[i], p.ActivityCutoff) < in.Block
		out.Active[i] = !inactive[i]
	}

	// == Stake ==
	filtered := grow(ws.filtered, n)
	ws.filtered = filtered
	var total fixed.I64F64
	for i, s := range in.Stake {
		if !(in.HasOwner && int(in.OwnerUID) == i) && s.ToU64() < p.StakeThreshold {
			s = fixed.I64F64{}
		}
		filtered[i] = s
		total = total.Add(s)
	}
	stake := ws.vec(&ws.stake, n)
	for i, s := range filtered {
		if !total.IsZero() {
			s = s.SafeDiv(total)
		}
		stake[i] = s.ToI32F32()
	}

	// == Validator permits ==
	ws.topkNonzero(stake, int(p.MaxAllowedValidators), out.ValidatorPermit)
	if in.HasOwner && int(in.OwnerUID) < n {
		out.ValidatorPermit[in.OwnerUID] = true
	}

	// == Active stake ==
	activeStake := ws.vec(&ws.activeStake, n)
	for i := range n {
		if !inactive[i] && permit[i] {
			activeStake[i] = stake[i]
		}
	}
	inplaceNormalize(activeStake)

	// == Weights ==
	W := in.maskedWeights(permit, &ws.W)
	rowNormalize(W)

	// == Consensus, validator trust ==
	consensus := ws.vec(&ws.consensus, n)
	ws.med.weightedMedianCol(activeStake, W, n, fixed.U16Proportion(p.Kappa), consensus)
	validatorTrust, incentive := ws.vec(&ws.trust, n), ws.vec(&ws.incentive, n)
	clipped := colClip(W, consensus, activeStake, &ws.clipped, validatorTrust, incentive)

	// == Incentive == (ranks, normalised)
	inplaceNormalize(incentive)

	// == Bonds and dividends ==
	scratchA, scratchB := ws.vec(&ws.scratchA, n), ws.vec(&ws.scratchB, n)
	wBonds := interpolate(W, clipped, n, fixed.U16Proportion(p.BondsPenalty), scratchA, scratchB, &ws.interp)
	dividends := ws.vec(&ws.dividends, n)
	var emaBonds *sparse
	if p.Yuma3 {
		if p.LiquidAlpha && anyNonZero(consensus) {
			low, high := fixed.U16Proportion(p.AlphaLow), fixed.U16Proportion(p.AlphaHigh)
			steep := fixed.I32F32FromI64(int64(p.AlphaSigmoidSteepness))
			emaBonds = liquidEma(wBonds, B, consensus, n, low, high, steep, scratchA, scratchB, &ws.ema)
		} else {
			bma := fixed.I64F64FromU64(p.BondsMovingAverage).SaturatingDiv(fixed.I64F64FromU64(1_000_000))
			alpha := fixed.I32F32One.SaturatingSub(bma.ToI32F32())
			emaBonds = matEma(wBonds, B, alpha, n, scratchA, &ws.ema, scratchB)
		}
		ws.normVals = grow(ws.normVals, len(emaBonds.val))
		copy(ws.normVals, emaBonds.val)
		norm := emaBonds.view(ws.normVals, &ws.normView)
		colNormalize(norm, scratchA)
		for i := range n {
			cols, vals := norm.row(i)
			var tb fx
			for k, j := range cols {
				tb += vals[k].SaturatingMul(incentive[j]) // row_sum: plain Sum
			}
			d, ok := tb.CheckedMul(activeStake[i])
			if !ok {
				d = 0
			}
			dividends[i] = d
		}
		inplaceNormalize(dividends)
	} else {
		colNormalize(B, scratchA)
		ws.deltaVals = grow(ws.deltaVals, len(wBonds.val))
		clear(scratchA)
		delta := rowHadamard(wBonds, activeStake, ws.deltaVals, scratchA, &ws.deltaView)
		colDivide(delta, scratchA)
		bma := fixed.I64F64FromU64(p.BondsMovingAverage).SafeDiv(fixed.I64F64FromU64(1_000_000))
		alpha := fixed.I32F32One.SaturatingSub(bma.ToI32F32())
		clear(scratchB)
		emaBonds = matEma(delta, B, alpha, n, scratchA, &ws.ema, scratchB)
		// column-normalise, dividends, column max; then max-upscale for storage
		divideDividendsMax(emaBonds, scratchB, incentive, dividends, scratchA)
		inplaceNormalize(dividends)
		colDivide(emaBonds, scratchA)
	}

	// == Emission ==
	combined := ws.vec(&ws.combined, n)
	for i := range n {
		combined[i] = incentive[i].SaturatingAdd(dividends[i])
	}
	emissionSum := sum(combined)
	nSE, nVE := ws.vec(&ws.nSE, n), ws.vec(&ws.nVE, n)
	copy(nSE, incentive)
	copy(nVE, dividends)
	nCE := combined
	inplaceNormalizeUsingSum(nSE, emissionSum)
	inplaceNormalizeUsingSum(nVE, emissionSum)
	inplaceNormalize(nCE)
	if emissionSum == 0 {
		src := activeStake
		if sum(activeStake) == 0 {
			src = stake
		}
		copy(nVE, src)
		copy(nCE, src)
	}
	rao := fixed.I96F32FromU64(in.RaoEmission)
	for i := range n {
		out.ServerEmission[i] = fixed.I96F32FromI32F32(nSE[i]).SaturatingMul(rao).ToU64()
		out.ValidatorEmission[i] = fixed.I96F32FromI32F32(nVE[i]).SaturatingMul(rao).ToU64()
		out.Emission[i] = fixed.I96F32FromI32F32(nCE[i]).SaturatingMul(rao).ToU64()
		out.StakeWeight[i] = stake[i].ProportionToU16()
		out.Consensus[i] = consensus[i].ProportionToU16()
		out.Incentive[i] = incentive[i].ProportionToU16()
		out.Dividends[i] = dividends[i].ProportionToU16()
		out.ValidatorTrust[i] = validatorTrust[i].ProportionToU16()
	}
	vecMaxUpscaleToU16(nCE, out.PruningScore)

	// == Bonds to store ==
	kept := 0
	for i := range n {
		if out.ValidatorPermit[i] {
			kept += emaBonds.ptr[i+1] - emaBonds.ptr[i]
		}
	}
	ws.bondFlat = grow(ws.bondFlat, kept)
	flat := ws.bondFlat
	for i := range n {
		if !out.ValidatorPermit[i] {
			continue
		}
		cols, vals := emaBonds.row(i)
		if len(cols) == 0 {
			continue
		}
		row := flat[:len(cols):len(cols)]
		flat = flat[len(cols):]
		for k, j := range cols {
			row[k] = Bond{UID: j, Bond: vals[k].ProportionToU16()}
		}
		out.Bonds[i] = row
	}
	return out, nil
}

// vec returns *buf resized to n zeros.
func (ws *Workspace) vec(buf *[]fx, n int) []fx {
	*buf = grow(*buf, n)
	return *buf
}

// topkNonzero is is_topk_nonzero: true where v is non-zero, then (unless
// len(v) < k) the len(v)-k smallest by a stable ascending sort are cleared.
func (ws *Workspace) topkNonzero(v []fx, k int, res []bool) {
	n := len(v)
	for i, x := range v {
		res[i] = x != 0
	}
	if n < k {
		return
	}
	idx := grow(ws.topk, n)
	ws.topk = idx
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	for _, i := range idx[:n-k] {
		res[i] = false
	}
}

// output resizes ws's Output to n zeroed UIDs.
func (ws *Workspace) output(n int) *Output {
	o := &ws.out
	o.Active, o.ValidatorPermit = grow(o.Active, n), grow(o.ValidatorPermit, n)
	o.StakeWeight, o.Consensus, o.Incentive = grow(o.StakeWeight, n), grow(o.Consensus, n), grow(o.Incentive, n)
	o.Dividends, o.ValidatorTrust = grow(o.Dividends, n), grow(o.ValidatorTrust, n)
	o.ServerEmission, o.ValidatorEmission, o.Emission = grow(o.ServerEmission, n), grow(o.ValidatorEmission, n), grow(o.Emission, n)
	o.PruningScore = grow(o.PruningScore, n)
	o.Bonds = grow(o.Bonds, n)
	return o
}

func (in *Input) check() error {
	n := int(in.N)
	lens := []struct {
		name string
		got  int
		opt  bool
	}{
		{"Stake", len(in.Stake), false},
		{"BlockAtRegistration", len(in.BlockAtRegistration), false},
		{"ValidatorPermit", len(in.ValidatorPermit), false},
		{"Weights", len(in.Weights), false},
		{"Bonds", len(in.Bonds), true},
		{"CommitBlock", len(in.CommitBlock), true},
	}
	for _, l := range lens {
		if l.got != n && !(l.opt && l.got == 0) {
			return &InputError{Field: l.name, Reason: "has " + strconv.Itoa(l.got) + " entries, want N = " + strconv.Itoa(n)}
		}
	}
	return nil
}

// maskedWeights builds the weight matrix after the permit, diagonal,
// outdated and commit-reveal masks (values still raw u16 as I32F32).
func (in *Input) maskedWeights(permit []bool, W *sparse) *sparse {
	n := int(in.N)
	total := 0
	for i, r := range in.Weights {
		if permit[i] {
			total += len(r)
		}
	}
	W.reset(n, total)
	col, val, ptr := W.col, W.val, W.ptr
	reg := in.BlockAtRegistration[:n]
	cr := in.Params.CommitReveal && in.CommitBlock != nil
	for i, r := range in.Weights {
		if permit[i] {
			var lu uint64 // missing: 0 <= every registration block masks the row
			if i < len(in.LastUpdate) {
				lu = in.LastUpdate[i]
			}
			cb := NoCommit
			if cr {
				cb = in.CommitBlock[i]
			}
			keepDiag := in.HasOwner && int(in.OwnerUID) == i
			for _, e := range r {
				j := int(e.UID)
				if j >= n || (j == i && !keepDiag) || lu <= reg[j] || cb < reg[j] {
					continue
				}
				col, val = append(col, e.UID), append(val, fixed.I32F32FromU16(e.Weight))
			}
		}
		ptr = append(ptr, len(col))
	}
	W.col, W.val, W.ptr = col, val, ptr
	return W
}

// bonds reads the stored bonds (raw u16, or u16/65535 proportions for Yuma3)
// and drops those on UIDs registered at or after lastTempo (the last epoch:
// LastMechanismStepBlock+1, or block − tempo when that is 0).
func (in *Input) bonds(lastTempo uint64, proportion bool, B *sparse) *sparse {
	n := int(in.N)
	total := 0
	for _, r := range in.Bonds {
		total += len(r)
	}
	B.reset(n, total)
	for i := range n {
		if i < len(in.Bonds) {
			for _, e := range in.Bonds[i] {
				j := int(e.UID)
				if j >= n || lastTempo <= in.BlockAtRegistration[j] {
					continue
				}
				v := fixed.I32F32FromU16(e.Bond)
				if proportion {
					v = fixed.ProportionOfU16(v)
				}
				B.push(e.UID, v)
			}
		}
		B.endRow()
	}
	return B
}

func anyNonZero(v []fx) bool {
	for _, x := range v {
		if x != 0 {
			return true
		}
	}
	return false
}
