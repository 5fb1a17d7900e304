package yuma

// A naive line-by-line port of the reference's epoch_mechanism and its
// math.rs helpers on [][]cell rows (Rust's Vec<Vec<(u16, I32F32)>>), kept as
// a test oracle for the optimised CSR implementation.

import (
	"slices"
	"sort"
	"testing"

	"github.com/taonet/taonet/fixed"
)

type cell struct {
	j uint16
	v fx
}

type rmat [][]cell

func refNormalize(x []fx) {
	s := fx(0)
	for _, v := range x {
		s += v
	}
	if s == 0 {
		return
	}
	for i := range x {
		x[i] = x[i].SafeDiv(s)
	}
}

func refWeightedMedian(stake, score []fx, idx []int, minority, lo, hi fx) fx {
	if len(stake) != len(score) {
		return 0
	}
	cur := append([]int(nil), idx...)
	iter, limit := 0, len(idx)
	for {
		n := len(cur)
		if n == 0 {
			return 0
		}
		if n == 1 {
			return score[cur[0]]
		}
		pivot := score[cur[n/2]]
		var loS, hiS fx
		var lower, upper []int
		for _, i := range cur {
			if score[i] == pivot {
				continue
			}
			if score[i] < pivot {
				loS = loS.SaturatingAdd(stake[i])
				lower = append(lower, i)
			} else {
				hiS = hiS.SaturatingAdd(stake[i])
				upper = append(upper, i)
			}
		}
		if minority < lo.SaturatingAdd(loS) && len(lower) > 0 {
			cur = lower
			hi = lo.SaturatingAdd(loS)
		} else if hi.SaturatingSub(hiS) <= minority && len(upper) > 0 {
			cur = upper
			lo = hi.SaturatingSub(hiS)
		} else {
			return pivot
		}
		iter++
		if iter > limit {
			return 0
		}
	}
}

func refColNormalize(m rmat, n int) {
	s := make([]fx, n)
	for _, r := range m {
		for _, c := range r {
			if int(c.j) < n {
				s[c.j] = s[c.j].SaturatingAdd(c.v)
			}
		}
	}
	for _, r := range m {
		for k := range r {
			if int(r[k].j) < n && s[r[k].j] != 0 {
				r[k].v = r[k].v.SafeDiv(s[r[k].j])
			}
		}
	}
}

func refMatEma(nw, old rmat, alpha fx) rmat {
	n := len(nw)
	out := make(rmat, n)
	om := fixed.I32F32One.SaturatingSub(alpha)
	for i := range nw {
		acc := make([]fx, n)
		for _, c := range nw[i] {
			if int(c.j) < n {
				acc[c.j] = acc[c.j].SaturatingAdd(alpha.SaturatingMul(c.v))
			}
		}
		for _, c := range old[i] {
			if int(c.j) < n {
				acc[c.j] = acc[c.j].SaturatingAdd(om.SaturatingMul(c.v))
			}
		}
		for j, v := range acc {
			if v > 0 {
				out[i] = append(out[i], cell{uint16(j), v})
			}
		}
	}
	return out
}

func refEpoch(in *Input) *Output {
	n := int(in.N)
	p := in.Params
	out := newOutput(n)
	inactive := make([]bool, n)
	for i := range n {
		inactive[i] = i >= len(in.LastUpdate) || fixed.SaturatingAddU64(in.LastUpdate[i], p.ActivityCutoff) < in.Block
		out.Active[i] = !inactive[i]
	}
	filtered := make([]fixed.I64F64, n)
	var tot fixed.I64F64
	for i, s := range in.Stake {
		if !(in.HasOwner && int(in.OwnerUID) == i) && s.ToU64() < p.StakeThreshold {
			s = fixed.I64F64{}
		}
		filtered[i] = s
		tot = tot.Add(s)
	}
	stake := make([]fx, n)
	for i := range filtered {
		if !tot.IsZero() {
			filtered[i] = filtered[i].SafeDiv(tot)
		}
		stake[i] = filtered[i].ToI32F32()
	}
	permit := append([]bool(nil), in.ValidatorPermit...)
	if in.HasOwner && int(in.OwnerUID) < n {
		permit[in.OwnerUID] = true
	}
	newPermit := make([]bool, n)
	for i := range n {
		newPermit[i] = stake[i] != 0
	}
	if k := int(p.MaxAllowedValidators); n >= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return stake[idx[a]] < stake[idx[b]] })
		for _, i := range idx[:n-k] {
			newPermit[i] = false
		}
	}
	if in.HasOwner && int(in.OwnerUID) < n {
		newPermit[in.OwnerUID] = true
	}
	copy(out.ValidatorPermit, newPermit)
	as := append([]fx(nil), stake...)
	for i := range n {
		if inactive[i] || !permit[i] {
			as[i] = 0
		}
	}
	refNormalize(as)

	W := make(rmat, n)
	for i, r := range in.Weights {
		if !permit[i] {
			continue
		}
		for _, e := range r {
			j := int(e.UID)
			if j >= n {
				continue
			}
			if j == i && !(in.HasOwner && int(in.OwnerUID) == i) {
				continue
			}
			lu := uint64(0)
			if i < len(in.LastUpdate) {
				lu = in.LastUpdate[i]
			}
			if lu <= in.BlockAtRegistration[j] {
				continue
			}
			if p.CommitReveal && in.CommitBlock != nil && in.CommitBlock[i] < in.BlockAtRegistration[j] {
				continue
			}
			W[i] = append(W[i], cell{e.UID, fixed.I32F32FromU16(e.Weight)})
		}
	}
	for _, r := range W {
		s := fx(0)
		for _, c := range r {
			s += c.v
		}
		if s > 0 {
			for k := range r {
				r[k].v = r[k].v.SafeDiv(s)
			}
		}
	}
	// consensus
	var use []fx
	for _, s := range as {
		if s > 0 {
			use = append(use, s)
		}
	}
	refNormalize(use)
	ss := fx(0)
	for _, s := range use {
		ss += s
	}
	minority := ss.SaturatingSub(fixed.U16Proportion(p.Kappa))
	score := make([][]fx, n)
	for c := range score {
		score[c] = make([]fx, len(use))
	}
	k := 0
	for i := range n {
		if as[i] > 0 {
			for _, c := range W[i] {
				score[c.j][k] = c.v
			}
			k++
		}
	}
	idx := make([]int, len(use))
	for i := range idx {
		idx[i] = i
	}
	cons := make([]fx, n)
	for c := range n {
		cons[c] = refWeightedMedian(use, score[c], idx, minority, 0, ss)
	}
	clipped := make(rmat, n)
	for i, r := range W {
		for _, c := range r {
			if cons[c.j] < c.v {
				if cons[c.j] > 0 {
					clipped[i] = append(clipped[i], cell{c.j, cons[c.j]})
				}
			} else {
				clipped[i] = append(clipped[i], c)
			}
		}
	}
	vt := make([]fx, n)
	ranks := make([]fx, n)
	for i, r := range clipped {
		for _, c := range r {
			vt[i] += c.v
			ranks[c.j] = ranks[c.j].SaturatingAdd(as[i].SaturatingMul(c.v))
		}
	}
	refNormalize(ranks)
	inc := ranks
	ratio := fixed.U16Proportion(p.BondsPenalty)
	var wb rmat
	switch ratio {
	case 0:
		wb = W
	case fixed.I32F32One:
		wb = clipped
	default:
		wb = make(rmat, n)
		for i := range n {
			r1, r2 := make([]fx, n), make([]fx, n)
			for _, c := range W[i] {
				r1[c.j] = c.v
			}
			for _, c := range clipped[i] {
				r2[c.j] = c.v
			}
			for j := range n {
				v := r1[j].SaturatingAdd(ratio.SaturatingMul(r2[j].SaturatingSub(r1[j])))
				if v > 0 {
					wb[i] = append(wb[i], cell{uint16(j), v})
				}
			}
		}
	}
	lastTempo := fixed.SaturatingSubU64(in.Block, p.Tempo)
	if p.LastMechanismStepBlock != 0 {
		lastTempo = fixed.SaturatingAddU64(p.LastMechanismStepBlock, 1)
	}
	B := make(rmat, n)
	for i := range n {
		if i >= len(in.Bonds) {
			continue
		}
		for _, e := range in.Bonds[i] {
			reg := uint64(0)
			if int(e.UID) < n {
				reg = in.BlockAtRegistration[e.UID]
			}
			if lastTempo <= reg {
				continue
			}
			v := fixed.I32F32FromU16(e.Bond)
			if p.Yuma3 {
				v = fixed.ProportionOfU16(v)
			}
			B[i] = append(B[i], cell{e.UID, v})
		}
	}
	div := make([]fx, n)
	var ema rmat
	if p.Yuma3 {
		anyC := false
		for _, c := range cons {
			anyC = anyC || c != 0
		}
		if p.LiquidAlpha && anyC {
			low, high := fixed.U16Proportion(p.AlphaLow), fixed.U16Proportion(p.AlphaHigh)
			steep := fixed.I32F32FromI64(int64(p.AlphaSigmoidSteepness))
			alphas := make([][]fx, n)
			for i := range n {
				alphas[i] = make([]fx, n)
				wi, bi := 0, 0
				for j := range n {
					w := fx(0)
					for wi < len(wb[i]) {
						if int(wb[i][wi].j) < j {
							wi++
							continue
						}
						if int(wb[i][wi].j) == j {
							w = wb[i][wi].v
						}
						break
					}
					b := fx(0)
					for bi < len(B[i]) {
						if int(B[i][bi].j) < j {
							bi++
							continue
						}
						if int(B[i][bi].j) == j {
							b = B[i][bi].v
						}
						break
					}
					alphas[i][j] = alphaSigmoid(cons[j], w, b, low, high, steep)
				}
			}
			ema = make(rmat, n)
			for i := range n {
				dec := make([]fx, n)
				for _, c := range B[i] {
					if int(c.j) < n {
						dec[c.j] = fixed.I32F32One.SaturatingSub(alphas[i][c.j]).SaturatingMul(c.v)
					}
				}
				for _, c := range wb[i] {
					a := alphas[i][c.j]
					v := dec[c.j].SaturatingAdd(a.SaturatingMul(c.v).Max(0)).Min(fixed.I32F32One)
					if v > 0 {
						ema[i] = append(ema[i], cell{c.j, v})
					}
				}
			}
		} else {
			bma := fixed.I64F64FromU64(p.BondsMovingAverage).SaturatingDiv(fixed.I64F64FromU64(1_000_000))
			ema = refMatEma(wb, B, fixed.I32F32One.SaturatingSub(bma.ToI32F32()))
		}
		norm := make(rmat, n)
		for i, r := range ema {
			norm[i] = append([]cell(nil), r...)
		}
		refColNormalize(norm, n)
		for i, r := range norm {
			tb := fx(0)
			for _, c := range r {
				if v := c.v.SaturatingMul(inc[c.j]); v != 0 {
					tb += v
				}
			}
			d, ok := tb.CheckedMul(as[i])
			if !ok {
				d = 0
			}
			div[i] = d
		}
		refNormalize(div)
	} else {
		refColNormalize(B, n)
		delta := make(rmat, n)
		for i, r := range wb {
			for _, c := range r {
				delta[i] = append(delta[i], cell{c.j, c.v.SaturatingMul(as[i])})
			}
		}
		refColNormalize(delta, n)
		bma := fixed.I64F64FromU64(p.BondsMovingAverage).SafeDiv(fixed.I64F64FromU64(1_000_000))
		ema = refMatEma(delta, B, fixed.I32F32One.SaturatingSub(bma.ToI32F32()))
		refColNormalize(ema, n)
		for i, r := range ema {
			acc := fx(0)
			for _, c := range r {
				acc = acc.SaturatingAdd(inc[c.j].SaturatingMul(c.v))
			}
			div[i] = acc
		}
		refNormalize(div)
		mx := make([]fx, n)
		for _, r := range ema {
			for _, c := range r {
				if mx[c.j] < c.v {
					mx[c.j] = c.v
				}
			}
		}
		for _, r := range ema {
			for k := range r {
				if mx[r[k].j] != 0 {
					r[k].v = r[k].v.SafeDiv(mx[r[k].j])
				}
			}
		}
	}
	comb := make([]fx, n)
	es := fx(0)
	for i := range n {
		comb[i] = inc[i].SaturatingAdd(div[i])
		es += comb[i]
	}
	se, ve, ce := append([]fx(nil), inc...), append([]fx(nil), div...), append([]fx(nil), comb...)
	if es != 0 {
		for i := range n {
			se[i], ve[i] = se[i].SafeDiv(es), ve[i].SafeDiv(es)
		}
	}
	refNormalize(ce)
	if es == 0 {
		asum := fx(0)
		for _, s := range as {
			asum += s
		}
		src := as
		if asum == 0 {
			src = stake
		}
		copy(ve, src)
		copy(ce, src)
	}
	rao := fixed.I96F32FromU64(in.RaoEmission)
	for i := range n {
		out.ServerEmission[i] = fixed.I96F32FromI32F32(se[i]).SaturatingMul(rao).ToU64()
		out.ValidatorEmission[i] = fixed.I96F32FromI32F32(ve[i]).SaturatingMul(rao).ToU64()
		out.Emission[i] = fixed.I96F32FromI32F32(ce[i]).SaturatingMul(rao).ToU64()
		out.StakeWeight[i] = stake[i].ProportionToU16()
		out.Consensus[i] = cons[i].ProportionToU16()
		out.Incentive[i] = inc[i].ProportionToU16()
		out.Dividends[i] = div[i].ProportionToU16()
		out.ValidatorTrust[i] = vt[i].ProportionToU16()
		if newPermit[i] && len(ema[i]) > 0 {
			for _, c := range ema[i] {
				out.Bonds[i] = append(out.Bonds[i], Bond{c.j, c.v.ProportionToU16()})
			}
		}
	}
	copy(out.PruningScore, refVecMaxUpscaleToU16(ce))
	return out
}

// refVecMaxUpscaleToU16 is math.rs's vec_max_upscale_to_u16, line by line:
// the classic run_epoch stores it of the normalised combined emission as
// PruningScores.
func refVecMaxUpscaleToU16(vec []fx) []uint16 {
	u16Max := fixed.I32F32FromU16(65535)
	threshold := fixed.I32F32FromU16(32768)
	out := make([]uint16, len(vec))
	if len(vec) == 0 {
		return out
	}
	val := slices.Max(vec)
	if val == 0 {
		for i, e := range vec {
			out[i] = e.SaturatingMul(u16Max).ToU16()
		}
		return out
	}
	if val > threshold {
		for i, e := range vec {
			out[i] = e.SaturatingMul(u16Max.SafeDiv(val)).Round().ToU16()
		}
		return out
	}
	for i, e := range vec {
		out[i] = e.SaturatingMul(u16Max).SafeDiv(val).Round().ToU16()
	}
	return out
}

func outputsEqual(t *testing.T, got, want *Output) {
	t.Helper()
	eq := func(name string, a, b any) {
		t.Helper()
		if !equalAny(a, b) {
			t.Fatalf("%s: got %v want %v", name, a, b)
		}
	}
	eq("Active", got.Active, want.Active)
	eq("ValidatorPermit", got.ValidatorPermit, want.ValidatorPermit)
	eq("StakeWeight", got.StakeWeight, want.StakeWeight)
	eq("Consensus", got.Consensus, want.Consensus)
	eq("Incentive", got.Incentive, want.Incentive)
	eq("Dividends", got.Dividends, want.Dividends)
	eq("ValidatorTrust", got.ValidatorTrust, want.ValidatorTrust)
	eq("ServerEmission", got.ServerEmission, want.ServerEmission)
	eq("ValidatorEmission", got.ValidatorEmission, want.ValidatorEmission)
	eq("Emission", got.Emission, want.Emission)
	eq("PruningScore", got.PruningScore, want.PruningScore)
	for i := range got.Bonds {
		eq("Bonds row", got.Bonds[i], want.Bonds[i])
	}
}

func equalAny(a, b any) bool {
	switch x := a.(type) {
	case []bool:
		y := b.([]bool)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
	case []uint16:
		y := b.([]uint16)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
	case []uint64:
		y := b.([]uint64)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
	case []Bond:
		y := b.([]Bond)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
	}
	return true
}

// randomInput makes a random subnet: unsorted rows, duplicates, out-of-range
// UIDs, zero weights, owner, commit-reveal, thresholds, all three bond modes.
func randomInput(seed uint64) *Input {
	x := seed*2654435761 + 1
	rnd := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	n := int(rnd()%20) + 1
	in := &Input{N: uint16(n), Block: 500 + rnd()%100, Params: DefaultParams(), RaoEmission: rnd() % (1 << 40)}
	p := &in.Params
	p.Tempo = rnd() % 50
	p.ActivityCutoff = rnd() % 200
	p.Kappa = uint16(rnd())
	p.BondsPenalty = []uint16{0, 65535, uint16(rnd())}[rnd()%3]
	p.BondsMovingAverage = rnd() % 1_000_001
	p.MaxAllowedValidators = uint16(rnd() % uint64(n+3))
	p.Yuma3 = rnd()%2 == 0
	p.LiquidAlpha = rnd()%2 == 0
	p.AlphaLow = uint16(rnd() % 40000)
	p.AlphaHigh = p.AlphaLow + uint16(rnd()%20000)
	p.AlphaSigmoidSteepness = int16(rnd())
	p.CommitReveal = rnd()%3 == 0
	p.StakeThreshold = []uint64{0, rnd() % 1000}[rnd()%2]
	p.LastMechanismStepBlock = []uint64{0, 400 + rnd()%100}[rnd()%2]
	in.HasOwner = rnd()%3 == 0
	in.OwnerUID = uint16(rnd() % uint64(n))
	stake := make([]uint64, n)
	in.LastUpdate, in.BlockAtRegistration = make([]uint64, n), make([]uint64, n)
	in.ValidatorPermit, in.Weights, in.Bonds = make([]bool, n), make([][]Weight, n), make([][]Bond, n)
	in.CommitBlock = make([]uint64, n)
	messy := rnd()%4 == 0
	for i := range n {
		stake[i] = rnd() % (1 << 40) >> (rnd() % 40)
		in.LastUpdate[i] = in.Block - rnd()%300
		in.BlockAtRegistration[i] = rnd() % 500
		in.ValidatorPermit[i] = rnd()%3 != 0
		in.CommitBlock[i] = []uint64{NoCommit, rnd() % 500}[rnd()%2]
		for j := range n {
			if rnd()%3 != 0 {
				w := uint16(rnd())
				if rnd()%5 == 0 {
					w = 0
				}
				in.Weights[i] = append(in.Weights[i], Weight{uint16(j), w})
			}
			if rnd()%2 == 0 {
				in.Bonds[i] = append(in.Bonds[i], Bond{uint16(j), uint16(rnd())})
			}
		}
		if messy {
			r := in.Weights[i]
			for k := range r {
				l := int(rnd() % uint64(len(r)))
				r[k], r[l] = r[l], r[k]
			}
			if len(r) > 0 {
				in.Weights[i] = append(r, r[0], Weight{uint16(n + 2), 9})
			}
			b := in.Bonds[i]
			for k := range b {
				l := int(rnd() % uint64(len(b)))
				b[k], b[l] = b[l], b[k]
			}
		}
	}
	in.Stake = StakeFromU64(stake)
	switch rnd() % 10 { // LastUpdate of another length, as the reference tolerates
	case 0:
		in.LastUpdate = in.LastUpdate[:rnd()%uint64(n)]
	case 1:
		in.LastUpdate = append(in.LastUpdate, 1, 2, 3)
	}
	return in
}

// The optimised epoch must agree with the naive port on random subnets,
// including over several carried-over epochs.
func TestEpochMatchesNaivePort(t *testing.T) {
	ws := new(Workspace) // reused across subnets of different sizes and modes
	for seed := uint64(1); seed <= 3000; seed++ {
		in := randomInput(seed)
		for step := 0; step < 3; step++ {
			want := refEpoch(in) // first: in may alias ws's previous Output
			got, err := ws.Epoch(in)
			if err != nil {
				t.Fatal(err)
			}
			t.Run("", func(t *testing.T) {
				defer func() {
					if t.Failed() {
						t.Logf("seed %d step %d params %+v", seed, step, in.Params)
					}
				}()
				outputsEqual(t, got, want)
			})
			if t.Failed() {
				return
			}
			in.Bonds, in.ValidatorPermit = got.Bonds, got.ValidatorPermit
			in.Block += 10
		}
	}
}
