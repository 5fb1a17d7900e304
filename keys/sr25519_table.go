package keys

import (
	"sync"

	"filippo.io/edwards25519"
	"filippo.io/edwards25519/field"
)

// Fixed-base tables for a prepared key. With tables of m·256^j·P (m = 1..8,
// j = 0..31) for both the base point and the key, s·B + k·(−A) takes 128
// variable-time mixed additions and 4 doublings instead of the ~253
// doublings of a variable-base double scalar multiplication. The points in
// the tables are computed with filippo.io/edwards25519's own group
// operations; only their normalization to affine form, the mixed additions
// and the digit recoding below are ours.

// affineNiels is a point with Z = 1 as (Y+X, Y−X, 2d·X·Y).
type affineNiels struct {
	ypx, ymx, t2d field.Element
}

// fixedBaseTable holds table[j][m-1] = m·256^j·P.
type fixedBaseTable [32][8]affineNiels

var feD2 = new(field.Element).Add(feD, feD)

// newFixedBaseTable builds the table of p.
func newFixedBaseTable(p *edwards25519.Point) *fixedBaseTable {
	var pts [32 * 8]edwards25519.Point
	var q edwards25519.Point
	q.Set(p)
	for j := 0; j < 32; j++ {
		row := pts[j*8 : j*8+8]
		row[0].Set(&q)
		for m := 1; m < 8; m++ {
			row[m].Add(&row[m-1], &q)
		}
		for i := 0; i < 8; i++ {
			q.Double(&q)
		}
	}
	// Normalize with one inversion (Montgomery's trick). No Z is zero:
	// extended coordinates of a valid point always have Z ≠ 0.
	var zs, prefix [32 * 8]field.Element
	var acc field.Element
	acc.One()
	for i := range pts {
		_, _, z, _ := pts[i].ExtendedCoordinates()
		zs[i].Set(z)
		prefix[i].Set(&acc)
		acc.Multiply(&acc, z)
	}
	var inv field.Element
	inv.Invert(&acc)
	t := new(fixedBaseTable)
	for i := len(pts) - 1; i >= 0; i-- {
		var zInv field.Element
		zInv.Multiply(&inv, &prefix[i]) // 1/z_i
		inv.Multiply(&inv, &zs[i])      // 1/(z_0…z_{i-1})
		x, y, _, tt := pts[i].ExtendedCoordinates()
		e := &t[i/8][i%8]
		e.ypx.Add(y, x)
		e.ypx.Multiply(&e.ypx, &zInv)
		e.ymx.Subtract(y, x)
		e.ymx.Multiply(&e.ymx, &zInv)
		e.t2d.Multiply(tt, feD2)
		e.t2d.Multiply(&e.t2d, &zInv)
	}
	return t
}

var basepointTable = sync.OnceValue(func() *fixedBaseTable {
	return newFixedBaseTable(edwards25519.NewGeneratorPoint())
})

// extended is a point in extended coordinates (X:Y:Z:T), X·Y = Z·T.
type extended struct {
	x, y, z, t field.Element
}

// addNiels sets p = p + q (neg false) or p − q (neg true), with the same
// formulas as filippo.io/edwards25519's AddAffine/SubAffine followed by the
// conversion to extended coordinates.
func (p *extended) addNiels(q *affineNiels, neg bool) {
	var ypx, ymx, pp, mm, tt2d, z2 field.Element
	ypx.Add(&p.y, &p.x)
	ymx.Subtract(&p.y, &p.x)
	if neg {
		pp.Multiply(&ypx, &q.ymx)
		mm.Multiply(&ymx, &q.ypx)
	} else {
		pp.Multiply(&ypx, &q.ypx)
		mm.Multiply(&ymx, &q.ymx)
	}
	tt2d.Multiply(&p.t, &q.t2d)
	z2.Add(&p.z, &p.z)
	var X, Y, Z, T field.Element
	X.Subtract(&pp, &mm)
	Y.Add(&pp, &mm)
	if neg {
		Z.Subtract(&z2, &tt2d)
		T.Add(&z2, &tt2d)
	} else {
		Z.Add(&z2, &tt2d)
		T.Subtract(&z2, &tt2d)
	}
	p.x.Multiply(&X, &T)
	p.y.Multiply(&Y, &Z)
	p.z.Multiply(&Z, &T)
	p.t.Multiply(&X, &Y)
}

// signedRadix16 returns digits e_i in [−8, 8] with s = Σ e_i·16^i, for a
// reduced scalar s (as filippo.io/edwards25519's own recoding).
func signedRadix16(s *edwards25519.Scalar) [64]int8 {
	b := s.Bytes()
	var digits [64]int8
	for i := 0; i < 32; i++ {
		digits[2*i] = int8(b[i] & 15)
		digits[2*i+1] = int8((b[i] >> 4) & 15)
	}
	for i := 0; i < 63; i++ {
		carry := (digits[i] + 8) >> 4
		digits[i] -= carry << 4
		digits[i+1] += carry
	}
	return digits
}

func (p *extended) addDigit(t *fixedBaseTable, j int, d int8) {
	switch {
	case d > 0:
		p.addNiels(&t[j][d-1], false)
	case d < 0:
		p.addNiels(&t[j][-d-1], true)
	}
}

// doubleBaseMult sets out = a·P + b·B in variable time, where ta is P's
// table.
func doubleBaseMult(out *edwards25519.Point, a *edwards25519.Scalar, ta *fixedBaseTable, b *edwards25519.Scalar) bool {
	tb := basepointTable()
	da, db := signedRadix16(a), signedRadix16(b)
	var acc extended
	acc.y.One()
	acc.z.One()
	// Odd digits: Σ e_{2j+1}·16^{2j}·P = Σ e_{2j+1}·256^j·P, then times 16.
	for j := 0; j < 32; j++ {
		acc.addDigit(ta, j, da[2*j+1])
		acc.addDigit(tb, j, db[2*j+1])
	}
	if _, err := out.SetExtendedCoordinates(&acc.x, &acc.y, &acc.z, &acc.t); err != nil {
		return false // unreachable
	}
	for i := 0; i < 4; i++ {
		out.Double(out)
	}
	x, y, z, t := out.ExtendedCoordinates()
	acc.x.Set(x)
	acc.y.Set(y)
	acc.z.Set(z)
	acc.t.Set(t)
	for j := 0; j < 32; j++ {
		acc.addDigit(ta, j, da[2*j])
		acc.addDigit(tb, j, db[2*j])
	}
	_, err := out.SetExtendedCoordinates(&acc.x, &acc.y, &acc.z, &acc.t)
	return err == nil
}
