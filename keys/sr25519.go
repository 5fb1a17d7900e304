package keys

import (
	"crypto/rand"
	"crypto/sha512"
	"fmt"
	"math/big"

	"filippo.io/edwards25519"
	"filippo.io/edwards25519/field"
	"github.com/gtank/merlin"
)

// This file is a fast sr25519 verifier on filippo.io/edwards25519, whose
// field arithmetic is in assembly on amd64. It implements exactly what
// go-schnorrkel v1.1.0 (on gtank/ristretto255) accepts, which the tests
// check differentially: ristretto255 decoding and equality as in RFC 9496
// §4.3.1 and §4.3.3, and schnorrkel's Schnorr verification over a merlin
// transcript.

// Ristretto255 constants (RFC 9496 §4.1).
var (
	feOne          = new(field.Element).One()
	feD            = feFromDecimal("37095705934669439343138083508754565189542113879843219016388785533085940283555")
	feSqrtM1       = feFromDecimal("19681161376707505956807079304988542015446066515923890162744021073123829784752")
	feInvSqrtAMinD = feFromDecimal("54469307008909316920995813868745141605393597292927456921205312896311721017578")
)

// feFromDecimal parses a decimal constant below 2^255-19.
func feFromDecimal(s string) *field.Element {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("keys: bad field constant")
	}
	var le [32]byte
	n.FillBytes(le[:])
	for i, j := 0, len(le)-1; i < j; i, j = i+1, j-1 {
		le[i], le[j] = le[j], le[i]
	}
	fe, err := new(field.Element).SetBytes(le[:])
	if err != nil {
		panic(err)
	}
	return fe
}

// ristrettoDecode sets p to the ristretto255 element encoded by in (RFC 9496
// §4.3.1) and reports whether in is a valid canonical encoding.
func ristrettoDecode(p *edwards25519.Point, in []byte) bool {
	if len(in) != 32 {
		return false
	}
	var s field.Element
	if _, err := s.SetBytes(in); err != nil {
		return false
	}
	// SetBytes ignores the top bit and accepts values >= p: require the
	// canonical encoding.
	var enc [32]byte
	copy(enc[:], s.Bytes())
	if enc != [32]byte(in) {
		return false
	}
	if s.IsNegative() == 1 {
		return false
	}
	var ss, u1, u2, u2sq, v, t field.Element
	ss.Square(&s)
	u1.Subtract(feOne, &ss)
	u2.Add(feOne, &ss)
	u2sq.Square(&u2)
	// v = -(D * u1^2) - u2^2
	v.Square(&u1)
	v.Multiply(&v, feD)
	v.Negate(&v)
	v.Subtract(&v, &u2sq)
	var invSqrt field.Element
	t.Multiply(&v, &u2sq)
	_, wasSquare := invSqrt.SqrtRatio(feOne, &t)

	var denX, denY, x, y field.Element
	denX.Multiply(&invSqrt, &u2)
	denY.Multiply(&invSqrt, &denX)
	denY.Multiply(&denY, &v)
	x.Add(&s, &s)
	x.Multiply(&x, &denX)
	x.Absolute(&x)
	y.Multiply(&u1, &denY)
	t.Multiply(&x, &y)
	if wasSquare == 0 || t.IsNegative() == 1 || y.Equal(new(field.Element)) == 1 {
		return false
	}
	if _, err := p.SetExtendedCoordinates(&x, &y, feOne, &t); err != nil {
		return false // unreachable for a decoded point
	}
	return true
}

// ristrettoEncode returns the canonical encoding of p (RFC 9496 §4.3.2).
func ristrettoEncode(p *edwards25519.Point) [32]byte {
	X0, Y0, Z0, T0 := p.ExtendedCoordinates()
	var u1, u2, tmp, invSqrt field.Element
	u1.Add(Z0, Y0)
	tmp.Subtract(Z0, Y0)
	u1.Multiply(&u1, &tmp)
	u2.Multiply(X0, Y0)
	tmp.Square(&u2)
	tmp.Multiply(&tmp, &u1)
	invSqrt.SqrtRatio(feOne, &tmp) // always square for a valid point

	var den1, den2, zInv field.Element
	den1.Multiply(&invSqrt, &u1)
	den2.Multiply(&invSqrt, &u2)
	zInv.Multiply(&den1, &den2)
	zInv.Multiply(&zInv, T0)

	var ix0, iy0, enchanted field.Element
	ix0.Multiply(X0, feSqrtM1)
	iy0.Multiply(Y0, feSqrtM1)
	enchanted.Multiply(&den1, feInvSqrtAMinD)

	rotate := tmp.Multiply(T0, &zInv).IsNegative()
	var x, y, denInv field.Element
	x.Select(&iy0, X0, rotate)
	y.Select(&ix0, Y0, rotate)
	denInv.Select(&enchanted, &den2, rotate)

	var negY field.Element
	negY.Negate(&y)
	y.Select(&negY, &y, tmp.Multiply(&x, &zInv).IsNegative())

	var s field.Element
	s.Subtract(Z0, &y)
	s.Multiply(&s, &denInv)
	s.Absolute(&s)
	return [32]byte(s.Bytes())
}

// ristrettoEqual reports whether p and q are the same ristretto255 element
// (RFC 9496 §4.3.3).
func ristrettoEqual(p, q *edwards25519.Point) bool {
	X1, Y1, _, _ := p.ExtendedCoordinates()
	X2, Y2, _, _ := q.ExtendedCoordinates()
	var a, b field.Element
	a.Multiply(X1, Y2)
	b.Multiply(Y1, X2)
	eq := a.Equal(&b)
	a.Multiply(Y1, Y2)
	b.Multiply(X1, X2)
	return eq|a.Equal(&b) == 1
}

var ristrettoIdentity = edwards25519.NewIdentityPoint()

// decodePublicKey decodes p and returns its negation, as the verification
// equation uses it. It fails, as go-schnorrkel's Verify does, for invalid
// encodings and for the identity.
func decodePublicKey(negA *edwards25519.Point, p *PublicKey) bool {
	var a edwards25519.Point
	if !ristrettoDecode(&a, p[:]) || ristrettoEqual(&a, ristrettoIdentity) {
		return false
	}
	negA.Negate(&a)
	return true
}

var (
	labelEmpty     = []byte("")
	labelSignBytes = []byte("sign-bytes")
	labelProtoName = []byte("proto-name")
	labelSignPK    = []byte("sign:pk")
	labelSignR     = []byte("sign:R")
	labelSignC     = []byte("sign:c")
	protoSchnorr   = []byte("Schnorr-sig")
	substrateCtx   = []byte(SigningContext)
)

// challenge is schnorrkel's Schnorr challenge for the "substrate" context:
// the 64 bytes extracted under "sign:c" from the transcript of msg, pub and
// R, reduced modulo the group order.
func challenge(k *edwards25519.Scalar, pub *PublicKey, r, msg []byte) {
	t := merlin.NewTranscript("SigningContext")
	t.AppendMessage(labelEmpty, substrateCtx)
	t.AppendMessage(labelSignBytes, msg)
	t.AppendMessage(labelProtoName, protoSchnorr)
	t.AppendMessage(labelSignPK, pub[:])
	t.AppendMessage(labelSignR, r)
	if _, err := k.SetUniformBytes(t.ExtractBytes(labelSignC, 64)); err != nil {
		panic(err) // unreachable: 64 bytes
	}
}

// verifyPrepared checks sig on msg for the key pub whose decoded negation is
// negA and, when tbl is not nil, whose fixed-base table of negA is tbl.
func verifyPrepared(pub *PublicKey, negA *edwards25519.Point, tbl *fixedBaseTable, msg, sig []byte) bool {
	if len(sig) != SignatureSize || sig[63]&0x80 == 0 {
		return false
	}
	var r edwards25519.Point
	if !ristrettoDecode(&r, sig[:32]) {
		return false
	}
	sb := [32]byte(sig[32:])
	sb[31] &= 0x7f
	var s, k edwards25519.Scalar
	if _, err := s.SetCanonicalBytes(sb[:]); err != nil {
		return false
	}
	challenge(&k, pub, sig[:32], msg)
	var rp edwards25519.Point
	if tbl != nil {
		if !doubleBaseMult(&rp, &k, tbl, &s) {
			return false // unreachable
		}
	} else {
		rp.VarTimeDoubleScalarBaseMult(&k, negA, &s)
	}
	return ristrettoEqual(&rp, &r)
}

// Verifier is a public key decoded once for verifying many signatures, for
// callers (such as caches of peers' hotkeys) that verify repeatedly under the
// same key. Its methods have exactly the semantics of PublicKey's. It holds
// precomputed multiples of the key (about 30 KB), which make its
// verification about twice as fast as PublicKey.Verify; Prepare costs about
// as much as two verifications. A Verifier is immutable and safe for
// concurrent use; the zero Verifier rejects every signature.
type Verifier struct {
	pub  PublicKey
	negA edwards25519.Point
	tbl  *fixedBaseTable
	ok   bool
}

// Prepare decodes p for repeated verification. It fails, wrapping
// ErrInvalidPublicKey, when p is not a valid sr25519 public key (not a
// canonical ristretto255 encoding, or the identity), for which every
// signature would verify as false.
func (p PublicKey) Prepare() (*Verifier, error) {
	v := &Verifier{pub: p}
	if !decodePublicKey(&v.negA, &p) {
		return nil, ErrInvalidPublicKey
	}
	v.tbl = newFixedBaseTable(&v.negA)
	v.ok = true
	return v, nil
}

// PublicKey returns the key v verifies for.
func (v *Verifier) PublicKey() PublicKey { return v.pub }

// Verify is v.PublicKey().Verify(msg, sig).
func (v *Verifier) Verify(msg, sig []byte) bool {
	return v.ok && verifyPrepared(&v.pub, &v.negA, v.tbl, msg, sig)
}

// VerifyMessage is v.PublicKey().VerifyMessage(msg, sig).
func (v *Verifier) VerifyMessage(msg, sig []byte) bool {
	if !v.ok {
		return false
	}
	return verifyMessage(&v.pub, &v.negA, v.tbl, msg, sig)
}

func verifyMessage(pub *PublicKey, negA *edwards25519.Point, tbl *fixedBaseTable, msg, sig []byte) bool {
	if verifyPrepared(pub, negA, tbl, msg, sig) {
		return true
	}
	wrapped := make([]byte, 0, len(msg)+len("<Bytes></Bytes>"))
	wrapped = append(wrapped, "<Bytes>"...)
	wrapped = append(wrapped, msg...)
	wrapped = append(wrapped, "</Bytes>"...)
	return verifyPrepared(pub, negA, tbl, wrapped, sig)
}

// signFast is schnorrkel's Schnorr signature of msg under the "substrate"
// context: R = r·B, c = challenge(msg, pub, R), s = c·x + r, encoded as
// R || s with the marker bit. The witness r is hedged: it hashes the key's
// nonce, 32 bytes from crypto/rand and the message, so it stays unique per
// message even if the system randomness were to fail, as schnorrkel's
// witness_scalar(nonce, rng) does.
func signFast(k *Keypair, msg []byte) ([]byte, error) {
	var x, r, c, s edwards25519.Scalar
	if _, err := x.SetCanonicalBytes(k.key[:]); err != nil {
		return nil, fmt.Errorf("keys: sign: %w", err) // unreachable: newKeypair checks it
	}
	var rnd [32]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, fmt.Errorf("keys: sign: %w", err)
	}
	h := sha512.New()
	h.Write(witnessDomain)
	h.Write(k.nonce[:])
	h.Write(rnd[:])
	h.Write(msg)
	var wide [64]byte
	if _, err := r.SetUniformBytes(h.Sum(wide[:0])); err != nil {
		return nil, fmt.Errorf("keys: sign: %w", err)
	}
	var R edwards25519.Point
	R.ScalarBaseMult(&r)
	rb := ristrettoEncode(&R)
	challenge(&c, &k.pub, rb[:], msg)
	s.MultiplyAdd(&c, &x, &r)
	sig := make([]byte, SignatureSize)
	copy(sig, rb[:])
	copy(sig[32:], s.Bytes())
	sig[63] |= 0x80
	return sig, nil
}

var witnessDomain = []byte("taonet keys sr25519 signing witness")
