package yuma

import (
	"strconv"

	"github.com/taonet/taonet/fixed"
)

// Epoch runs one Yuma epoch (the reference's epoch_mechanism) on in and
// returns its outputs. It fails only when a per-UID slice of in has the
// wrong length; it never panics on any input that passes that check.
func Epoch(in *Input) (*Output, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	n := int(in.N)
	p := &in.Params
	out := newOutput(n)

	// == Active ==
	inactive := make([]bool, n)
	for i := range n {
		inactive[i] = fixed.SaturatingAddU64(in.LastUpdate[i], p.ActivityCutoff) < in.Block
		out.Active[i] = !inactive[i]
	}

	// == Stake ==
	filtered := make([]fixed.I64F64, n)
	var total fixed.I64F64
	for i, s := range in.Stake {
		if !(in.HasOwner && int(in.OwnerUID) == i) && s.ToU64() < p.StakeThreshold {
			s = fixed.I64F64{}
		}
		filtered[i] = s
		total = total.Add(s)
	}
	stake := make([]fx, n)
	for i, s := range filtered {
		if !total.IsZero() {
			s = s.SafeDiv(total)
		}
		stake[i] = s.ToI32F32()
	}

	// == Validator permits ==
	permit := append([]bool(nil), in.ValidatorPermit...)
	if in.HasOwner && int(in.OwnerUID) < n {
		permit[in.OwnerUID] = true
	}
	newPermit := isTopkNonzero(stake, int(p.MaxAllowedValidators))
	if in.HasOwner && int(in.OwnerUID) < n {
		newPermit[in.OwnerUID] = true
	}
	copy(out.ValidatorPermit, newPermit)

	// == Active stake ==
	activeStake := make([]fx, n)
	for i := range n {
		if !inactive[i] && permit[i] {
			activeStake[i] = stake[i]
		}
	}
	inplaceNormalize(activeStake)

	// == Weights ==
	W := in.maskedWeights(permit)
	rowNormalize(W)

	// == Consensus, validator trust ==
	kappa := fixed.U16Proportion(p.Kappa)
	consensus := make([]fx, n)
	weightedMedianCol(activeStake, W, n, kappa, consensus)
	clipped := colClip(W, consensus)
	validatorTrust := make([]fx, n)
	rowSums(clipped, validatorTrust)

	// == Incentive ==
	incentive := make([]fx, n)
	matmul(clipped, activeStake, incentive)
	inplaceNormalize(incentive)

	// == Bonds and dividends ==
	scratchA, scratchB := make([]fx, n), make([]fx, n)
	penalty := fixed.U16Proportion(p.BondsPenalty)
	wBonds := interpolate(W, clipped, n, penalty, scratchA, scratchB)
	lastTempo := fixed.SaturatingSubU64(in.Block, p.Tempo)
	if p.LastMechanismStepBlock != 0 {
		lastTempo = fixed.SaturatingAddU64(p.LastMechanismStepBlock, 1)
	}
	dividends := make([]fx, n)
	var emaBonds *sparse
	if p.Yuma3 {
		B := in.bonds(lastTempo, true)
		if p.LiquidAlpha && anyNonZero(consensus) {
			low, high := fixed.U16Proportion(p.AlphaLow), fixed.U16Proportion(p.AlphaHigh)
			steep := fixed.I32F32FromI64(int64(p.AlphaSigmoidSteepness))
			emaBonds = liquidEma(wBonds, B, consensus, n, low, high, steep, scratchA, scratchB)
		} else {
			bma := fixed.I64F64FromU64(p.BondsMovingAverage).SaturatingDiv(fixed.I64F64FromU64(1_000_000))
			alpha := fixed.I32F32One.SaturatingSub(bma.ToI32F32())
			emaBonds = matEma(wBonds, B, alpha, n, scratchA)
		}
		norm := emaBonds.clone()
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
		B := in.bonds(lastTempo, false)
		colNormalize(B, scratchA)
		delta := rowHadamard(wBonds, activeStake)
		colNormalize(delta, scratchA)
		bma := fixed.I64F64FromU64(p.BondsMovingAverage).SafeDiv(fixed.I64F64FromU64(1_000_000))
		alpha := fixed.I32F32One.SaturatingSub(bma.ToI32F32())
		emaBonds = matEma(delta, B, alpha, n, scratchA)
		colNormalize(emaBonds, scratchA)
		matmulTranspose(emaBonds, incentive, dividends)
		inplaceNormalize(dividends)
		colMaxUpscale(emaBonds, scratchA)
	}

	// == Emission ==
	combined := make([]fx, n)
	for i := range n {
		combined[i] = incentive[i].SaturatingAdd(dividends[i])
	}
	emissionSum := sum(combined)
	nSE := append([]fx(nil), incentive...)
	nVE := append([]fx(nil), dividends...)
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

	// == Bonds to store ==
	for i := range n {
		if !newPermit[i] {
			continue
		}
		cols, vals := emaBonds.row(i)
		if len(cols) == 0 {
			continue
		}
		row := make([]Bond, len(cols))
		for k, j := range cols {
			row[k] = Bond{UID: j, Bond: vals[k].ProportionToU16()}
		}
		out.Bonds[i] = row
	}
	return out, nil
}

func newOutput(n int) *Output {
	return &Output{
		Active: make([]bool, n), ValidatorPermit: make([]bool, n),
		StakeWeight: make([]uint16, n), Consensus: make([]uint16, n), Incentive: make([]uint16, n),
		Dividends: make([]uint16, n), ValidatorTrust: make([]uint16, n),
		ServerEmission: make([]uint64, n), ValidatorEmission: make([]uint64, n), Emission: make([]uint64, n),
		Bonds: make([][]Bond, n),
	}
}

func (in *Input) check() error {
	n := int(in.N)
	lens := []struct {
		name string
		got  int
		opt  bool
	}{
		{"Stake", len(in.Stake), false},
		{"LastUpdate", len(in.LastUpdate), false},
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
func (in *Input) maskedWeights(permit []bool) *sparse {
	n := int(in.N)
	total := 0
	for i, r := range in.Weights {
		if permit[i] {
			total += len(r)
		}
	}
	W := newSparse(n, total)
	reg := in.BlockAtRegistration
	cr := in.Params.CommitReveal && in.CommitBlock != nil
	for i, r := range in.Weights {
		if permit[i] {
			lu := in.LastUpdate[i]
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
				W.push(e.UID, fixed.I32F32FromU16(e.Weight))
			}
		}
		W.endRow()
	}
	return W
}

// bonds reads the stored bonds (raw u16, or u16/65535 proportions for Yuma3)
// and drops those on UIDs registered at or after lastTempo.
func (in *Input) bonds(lastTempo uint64, proportion bool) *sparse {
	n := int(in.N)
	total := 0
	for _, r := range in.Bonds {
		total += len(r)
	}
	B := newSparse(n, total)
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
