package keys

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"math/big"
	mrand "math/rand/v2"
	"os"
	"testing"

	"filippo.io/edwards25519"
	"filippo.io/edwards25519/field"
	schnorrkel "github.com/ChainSafe/go-schnorrkel"
	r255 "github.com/gtank/ristretto255"
)

// schnorrkelVerify is the previous implementation of PublicKey.Verify, on
// go-schnorrkel v1.1.0: the oracle the fast path must agree with bit for bit.
func schnorrkelVerify(p PublicKey, msg, sig []byte) bool {
	if len(sig) != SignatureSize {
		return false
	}
	pk, err := schnorrkel.NewPublicKey(p)
	if err != nil {
		return false
	}
	var s schnorrkel.Signature
	if err := s.Decode([SignatureSize]byte(sig)); err != nil {
		return false
	}
	ok, err := pk.Verify(&s, schnorrkel.NewSigningContext([]byte(SigningContext), msg))
	return err == nil && ok
}

// schnorrkelSign signs msg under context ctx with go-schnorrkel.
func schnorrkelSign(t testing.TB, kp *Keypair, ctx string, msg []byte) []byte {
	t.Helper()
	sig, err := kp.sk.Sign(schnorrkel.NewSigningContext([]byte(ctx), msg))
	if err != nil {
		t.Fatal(err)
	}
	b := sig.Encode()
	return b[:]
}

// checkSame fails t unless the fast path (PublicKey.Verify and, for a valid
// key, a prepared Verifier) and the oracle give the same verdict; it returns
// that verdict.
func checkSame(t testing.TB, pub PublicKey, msg, sig []byte) bool {
	t.Helper()
	want := schnorrkelVerify(pub, msg, sig)
	if got := pub.Verify(msg, sig); got != want {
		t.Fatalf("Verify(pub=%x, msg=%x, sig=%x) = %v, schnorrkel says %v", pub, msg, sig, got, want)
	}
	if v, err := pub.Prepare(); err == nil {
		if got := v.Verify(msg, sig); got != want {
			t.Fatalf("Verifier.Verify(pub=%x, msg=%x, sig=%x) = %v, schnorrkel says %v", pub, msg, sig, got, want)
		}
	} else if want {
		t.Fatalf("Prepare(%x) failed (%v) but schnorrkel accepts a signature", pub, err)
	}
	return want
}

func randomKeypair(t testing.TB, rng *mrand.ChaCha8) *Keypair {
	t.Helper()
	var seed [32]byte
	_, _ = rng.Read(seed[:])
	kp, err := FromSeed(seed[:])
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func randomBytes(rng *mrand.ChaCha8, max int) []byte {
	b := make([]byte, mrand.New(rng).IntN(max+1))
	_, _ = rng.Read(b)
	return b
}

func flipBit(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i/8] ^= 1 << (i % 8)
	return c
}

func TestFieldConstants(t *testing.T) {
	// d = -121665/121666
	var a, b field.Element
	a.Mult32(feD, 121666)
	b.Mult32(feOne, 121665)
	b.Negate(&b)
	if a.Equal(&b) != 1 {
		t.Error("d is wrong")
	}
	// sqrt(-1)^2 = -1
	a.Square(feSqrtM1)
	b.Negate(feOne)
	if a.Equal(&b) != 1 {
		t.Error("sqrt(-1) is wrong")
	}
	// invsqrt(a-d)^2 * (-1-d) = 1, with invsqrt(a-d) non-negative
	a.Square(feInvSqrtAMinD)
	b.Negate(feOne)
	b.Subtract(&b, feD)
	a.Multiply(&a, &b)
	if a.Equal(feOne) != 1 || feInvSqrtAMinD.IsNegative() != 0 {
		t.Error("1/sqrt(a-d) is wrong")
	}
	// feFromDecimal agrees with math/big on a large value.
	n, _ := new(big.Int).SetString("37095705934669439343138083508754565189542113879843219016388785533085940283555", 10)
	le := n.FillBytes(make([]byte, 32))
	for i, j := 0, 31; i < j; i, j = i+1, j-1 {
		le[i], le[j] = le[j], le[i]
	}
	if !bytes.Equal(feD.Bytes(), le) {
		t.Error("feFromDecimal byte order")
	}
}

// RFC 9496 Appendix A.1: encodings of 0·B .. 15·B.
var ristrettoMultiples = []string{
	"0000000000000000000000000000000000000000000000000000000000000000",
	"e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
	"6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
	"94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
	"da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
	"e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
	"f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
	"44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
	"903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
	"02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
	"20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
	"bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
	"e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
	"aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
	"46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
	"e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
}

// RFC 9496 Appendix A.2: invalid encodings.
var ristrettoBadEncodings = []string{
	// non-canonical field encodings
	"00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	// negative field elements
	"0100000000000000000000000000000000000000000000000000000000000000",
	"01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
	"c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
	"c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
	"47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
	"f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
	"87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
	// non-square x^2
	"26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
	"4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
	"de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
	"bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
	"2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
	"f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
	"8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
	"2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
	// negative xy
	"3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
	"a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
	"d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
	"8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
	"32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
	"227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
	"5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
	"445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
	// s = -1, so y = 0
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
}

func mustDecodeHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRistrettoVectors(t *testing.T) {
	multiple := edwards25519.NewIdentityPoint()
	for i, h := range ristrettoMultiples {
		enc := mustDecodeHex(t, h)
		var p edwards25519.Point
		if !ristrettoDecode(&p, enc) {
			t.Fatalf("%d·B: does not decode", i)
		}
		if got := ristrettoEncode(&p); !bytes.Equal(got[:], enc) {
			t.Errorf("%d·B: decode/encode round trip gives %x", i, got)
		}
		if !ristrettoEqual(&p, multiple) {
			t.Errorf("%d·B: decoded point is not %d·B", i, i)
		}
		if got := ristrettoEncode(multiple); !bytes.Equal(got[:], enc) {
			t.Errorf("%d·B encodes as %x", i, got)
		}
		for j, h2 := range ristrettoMultiples {
			var q edwards25519.Point
			ristrettoDecode(&q, mustDecodeHex(t, h2))
			if ristrettoEqual(&p, &q) != (i == j) {
				t.Errorf("equality of %d·B and %d·B wrong", i, j)
			}
		}
		multiple.Add(multiple, edwards25519.NewGeneratorPoint())
	}
	for _, h := range ristrettoBadEncodings {
		enc := mustDecodeHex(t, h)
		var p edwards25519.Point
		if ristrettoDecode(&p, enc) {
			t.Errorf("bad encoding %s decodes", h)
		}
		if r255.NewElement().Decode(enc) == nil {
			t.Errorf("oracle decodes bad encoding %s", h)
		}
	}
}

// TestRistrettoEqualCosets checks equality across the representatives of
// one ristretto element: P + T for each point T of order dividing 4.
func TestRistrettoEqualCosets(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{7})
	// The 4-torsion: (0,1), (0,-1), (±sqrt(-1), 0) in extended coordinates.
	var zero, minusOne field.Element
	minusOne.Negate(feOne)
	var negI field.Element
	negI.Negate(feSqrtM1)
	torsion := [][4]*field.Element{
		{&zero, feOne, feOne, &zero},
		{&zero, &minusOne, feOne, &zero},
		{feSqrtM1, &zero, feOne, &zero},
		{&negI, &zero, feOne, &zero},
	}
	for n := 0; n < 50; n++ {
		var sb [64]byte
		_, _ = rng.Read(sb[:])
		s, _ := new(edwards25519.Scalar).SetUniformBytes(sb[:])
		p := new(edwards25519.Point).ScalarBaseMult(s)
		enc := ristrettoEncode(p)
		for i, tc := range torsion {
			tp, err := new(edwards25519.Point).SetExtendedCoordinates(tc[0], tc[1], tc[2], tc[3])
			if err != nil {
				t.Fatalf("torsion %d: %v", i, err)
			}
			q := new(edwards25519.Point).Add(p, tp)
			if !ristrettoEqual(p, q) {
				t.Fatalf("P and P+T%d differ", i)
			}
			if got := ristrettoEncode(q); got != enc {
				t.Fatalf("P+T%d encodes differently", i)
			}
		}
		// Its oracle encoding agrees.
		var oe r255.Element
		if err := oe.Decode(enc[:]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(oe.Encode(nil), enc[:]) {
			t.Fatal("oracle re-encodes differently")
		}
		// And a different element is not equal.
		if ristrettoEqual(p, new(edwards25519.Point).Add(p, edwards25519.NewGeneratorPoint())) {
			t.Fatal("P == P+B")
		}
	}
}

// TestRistrettoDecodeDifferential compares decoding of random and
// near-valid 32-byte strings with gtank/ristretto255.
func TestRistrettoDecodeDifferential(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{1})
	r := mrand.New(rng)
	for n := 0; n < 20000; n++ {
		var b [32]byte
		_, _ = rng.Read(b[:])
		switch n % 4 {
		case 1:
			b[31] &= 0x7f
			b[0] &^= 1
		case 2: // a valid encoding with one bit flipped
			var sb [64]byte
			_, _ = rng.Read(sb[:])
			s, _ := new(edwards25519.Scalar).SetUniformBytes(sb[:])
			b = ristrettoEncode(new(edwards25519.Point).ScalarBaseMult(s))
			if n%8 == 2 {
				i := r.IntN(256)
				b[i/8] ^= 1 << (i % 8)
			}
		case 3: // small values and values near p
			b = [32]byte{}
			b[0] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				for i := range b {
					b[i] = 0xff
				}
				b[31] = 0x7f
				b[0] = 0xff - byte(r.IntN(40))
			}
		}
		var p edwards25519.Point
		got := ristrettoDecode(&p, b[:])
		var oe r255.Element
		want := oe.Decode(b[:]) == nil
		if got != want {
			t.Fatalf("decode(%x) = %v, oracle %v", b, got, want)
		}
		if got {
			if enc := ristrettoEncode(&p); enc != b {
				t.Fatalf("decode/encode(%x) = %x", b, enc)
			}
		}
	}
}

func TestVerifyDifferentialRandom(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{2})
	r := mrand.New(rng)
	n := 3000
	if testing.Short() {
		n = 300
	}
	accepted := 0
	for i := 0; i < n; i++ {
		kp := randomKeypair(t, rng)
		msg := randomBytes(rng, 300)
		ctx := SigningContext
		if i%10 == 9 {
			ctx = string(randomBytes(rng, 12))
		}
		sig := schnorrkelSign(t, kp, ctx, msg)
		if checkSame(t, kp.Public(), msg, sig) {
			accepted++
		} else if ctx == SigningContext {
			t.Fatal("oracle rejects a valid signature")
		}
		// Ours must also verify under go-schnorrkel.
		own, err := kp.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		if !checkSame(t, kp.Public(), msg, own) {
			t.Fatal("Sign's signature does not verify")
		}
		// A random single-bit change of the signature, message or key.
		checkSame(t, kp.Public(), msg, flipBit(sig, r.IntN(512)))
		if len(msg) > 0 {
			checkSame(t, kp.Public(), flipBit(msg, r.IntN(8*len(msg))), sig)
		}
		pub := kp.Public()
		checkSame(t, PublicKey(flipBit(pub[:], r.IntN(256))), msg, sig)
		// Another key's signature.
		other := randomKeypair(t, rng)
		checkSame(t, other.Public(), msg, sig)
		// VerifyMessage agrees with its definition.
		wrapped := append(append([]byte("<Bytes>"), msg...), "</Bytes>"...)
		wsig := schnorrkelSign(t, kp, SigningContext, wrapped)
		wantVM := schnorrkelVerify(pub, msg, wsig) || schnorrkelVerify(pub, wrapped, wsig)
		if !wantVM || pub.VerifyMessage(msg, wsig) != wantVM || pub.VerifyMessage(msg, flipBit(wsig, r.IntN(512))) {
			t.Fatal("VerifyMessage of a wrapped signature")
		}
		v, err := pub.Prepare()
		if err != nil || !v.VerifyMessage(msg, wsig) || !v.VerifyMessage(msg, sig) == (ctx == SigningContext) {
			t.Fatal("Verifier.VerifyMessage")
		}
	}
	if accepted < n*8/10 {
		t.Fatalf("only %d of %d accepted", accepted, n)
	}
}

// TestVerifyEveryBitFlip flips every bit of the signature, the key and the
// message of a few valid signatures.
func TestVerifyEveryBitFlip(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{3})
	for n := 0; n < 12; n++ {
		kp := randomKeypair(t, rng)
		msg := randomBytes(rng, 40)
		sig := schnorrkelSign(t, kp, SigningContext, msg)
		pub := kp.Public()
		for i := 0; i < 512; i++ {
			if checkSame(t, pub, msg, flipBit(sig, i)) {
				t.Fatalf("signature with bit %d flipped verifies", i)
			}
		}
		for i := 0; i < 256; i++ {
			checkSame(t, PublicKey(flipBit(pub[:], i)), msg, sig)
		}
		for i := 0; i < 8*len(msg); i++ {
			if checkSame(t, pub, flipBit(msg, i), sig) {
				t.Fatalf("message with bit %d flipped verifies", i)
			}
		}
		// Truncated and extended signatures.
		checkSame(t, pub, msg, sig[:63])
		checkSame(t, pub, msg, append(bytes.Clone(sig), 0))
		checkSame(t, pub, msg, nil)
	}
}

var groupOrder, _ = new(big.Int).SetString("7237005577332262213973186563042994240857116359379907606001950938285454250989", 10)

func leToBig(b []byte) *big.Int {
	be := bytes.Clone(b)
	for i, j := 0, len(be)-1; i < j; i, j = i+1, j-1 {
		be[i], be[j] = be[j], be[i]
	}
	return new(big.Int).SetBytes(be)
}

func bigToLE32(n *big.Int) [32]byte {
	var b [32]byte
	n.FillBytes(b[:])
	for i, j := 0, 31; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}

func TestVerifyMalformed(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{4})
	for n := 0; n < 20; n++ {
		kp := randomKeypair(t, rng)
		pub := kp.Public()
		msg := randomBytes(rng, 50)
		sig := schnorrkelSign(t, kp, SigningContext, msg)
		if !checkSame(t, pub, msg, sig) {
			t.Fatal("valid signature rejected")
		}
		// Missing marker bit.
		noMarker := bytes.Clone(sig)
		noMarker[63] &= 0x7f
		if checkSame(t, pub, msg, noMarker) {
			t.Fatal("signature without marker verifies")
		}
		// Non-canonical s: s + k·l for every k that keeps it below 2^255.
		s := [32]byte(sig[32:])
		s[31] &= 0x7f
		sn := leToBig(s[:])
		for k := 1; ; k++ {
			v := new(big.Int).Add(sn, new(big.Int).Mul(big.NewInt(int64(k)), groupOrder))
			if v.BitLen() > 255 {
				break
			}
			enc := bigToLE32(v)
			if enc[31]&0x80 != 0 {
				break
			}
			bad := bytes.Clone(sig)
			copy(bad[32:], enc[:])
			bad[63] |= 0x80
			if checkSame(t, pub, msg, bad) {
				t.Fatalf("s + %d·l verifies", k)
			}
		}
		// Invalid R and invalid keys from the RFC 9496 bad encodings.
		for _, h := range ristrettoBadEncodings {
			enc := mustDecodeHex(t, h)
			bad := bytes.Clone(sig)
			copy(bad[:32], enc)
			checkSame(t, pub, msg, bad)
			checkSame(t, PublicKey(enc), msg, sig)
			if _, err := PublicKey(enc).Prepare(); err == nil {
				t.Fatalf("Prepare accepts %s", h)
			}
		}
		// Valid but wrong R: small multiples of B.
		for _, h := range ristrettoMultiples {
			bad := bytes.Clone(sig)
			copy(bad[:32], mustDecodeHex(t, h))
			checkSame(t, pub, msg, bad)
		}
		// R = identity with s = k·x verifies (both implementations).
		var k, x, s2 edwards25519.Scalar
		challenge(&k, &pub, make([]byte, 32), msg)
		if _, err := x.SetCanonicalBytes(kp.key[:]); err != nil {
			t.Fatal(err)
		}
		s2.Multiply(&k, &x)
		idSig := make([]byte, 64)
		copy(idSig[32:], s2.Bytes())
		idSig[63] |= 0x80
		if !checkSame(t, pub, msg, idSig) {
			t.Fatal("identity-R signature rejected")
		}
		// s = 0 and R = identity does not.
		zero := make([]byte, 64)
		zero[63] = 0x80
		checkSame(t, pub, msg, zero)
	}
	// The identity key is rejected, even for the signature (R=0, s=0) that
	// would satisfy the equation.
	var id PublicKey
	zero := make([]byte, 64)
	zero[63] = 0x80
	if checkSame(t, id, nil, zero) || checkSame(t, id, []byte("x"), zero) {
		t.Fatal("identity key verifies")
	}
	if _, err := id.Prepare(); err == nil {
		t.Fatal("Prepare accepts the identity")
	}
	// Small multiples of B as keys, with signatures made from their discrete
	// logs.
	for i, h := range ristrettoMultiples[1:] {
		pub := PublicKey(mustDecodeHex(t, h))
		var k, x, s edwards25519.Scalar
		msg := []byte{byte(i)}
		challenge(&k, &pub, make([]byte, 32), msg)
		xb := [32]byte{byte(i + 1)}
		_, _ = x.SetCanonicalBytes(xb[:])
		s.Multiply(&k, &x)
		sig := make([]byte, 64)
		copy(sig[32:], s.Bytes())
		sig[63] |= 0x80
		if !checkSame(t, pub, msg, sig) {
			t.Fatalf("%d·B key rejected", i+1)
		}
	}
}

func TestVerifierZero(t *testing.T) {
	var v Verifier
	kp := randomKeypair(t, mrand.NewChaCha8([32]byte{5}))
	sig, _ := kp.Sign(nil)
	if v.Verify(nil, sig) || v.VerifyMessage(nil, sig) {
		t.Fatal("zero Verifier accepts")
	}
	p, err := kp.Public().Prepare()
	if err != nil || p.PublicKey() != kp.Public() || !p.Verify(nil, sig) {
		t.Fatal("Prepare")
	}
}

func TestSignDifferential(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{6})
	for n := 0; n < 300; n++ {
		kp := randomKeypair(t, rng)
		msg := randomBytes(rng, 100)
		a, err := kp.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		b, err := kp.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a, b) {
			t.Fatal("signatures are not randomized")
		}
		if len(a) != SignatureSize || a[63]&0x80 == 0 {
			t.Fatal("no marker")
		}
		if !schnorrkelVerify(kp.Public(), msg, a) || !kp.Public().Verify(msg, a) {
			t.Fatal("signature does not verify")
		}
	}
}

func FuzzVerifyMatchesSchnorrkel(f *testing.F) {
	rng := mrand.NewChaCha8([32]byte{8})
	for n := 0; n < 4; n++ {
		kp := randomKeypair(f, rng)
		msg := randomBytes(rng, 20)
		sig := schnorrkelSign(f, kp, SigningContext, msg)
		pub := kp.Public()
		f.Add(pub[:], msg, sig)
		f.Add(pub[:], msg, flipBit(sig, n*97))
	}
	for _, h := range ristrettoBadEncodings[:6] {
		f.Add(mustDecodeHex(f, h), []byte("m"), make([]byte, 64))
	}
	f.Add(make([]byte, 32), []byte{}, make([]byte, 64))
	f.Fuzz(func(t *testing.T, pubb, msg, sig []byte) {
		var pub PublicKey
		copy(pub[:], pubb)
		checkSame(t, pub, msg, sig)
		if len(sig) == SignatureSize {
			// Also with the marker set, so that more inputs reach the
			// group arithmetic.
			marked := bytes.Clone(sig)
			marked[63] |= 0x80
			checkSame(t, pub, msg, marked)
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	kp, pub, msg, sig := benchSig(b)
	_ = kp
	for b.Loop() {
		if !pub.Verify(msg, sig) {
			b.Fatal("rejected")
		}
	}
}

func BenchmarkVerifySchnorrkel(b *testing.B) {
	_, pub, msg, sig := benchSig(b)
	for b.Loop() {
		if !schnorrkelVerify(pub, msg, sig) {
			b.Fatal("rejected")
		}
	}
}

func BenchmarkVerifierVerify(b *testing.B) {
	_, pub, msg, sig := benchSig(b)
	v, err := pub.Prepare()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if !v.Verify(msg, sig) {
			b.Fatal("rejected")
		}
	}
}

func BenchmarkSign(b *testing.B) {
	kp, _, msg, _ := benchSig(b)
	for b.Loop() {
		if _, err := kp.Sign(msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignSchnorrkel(b *testing.B) {
	kp, _, msg, _ := benchSig(b)
	for b.Loop() {
		schnorrkelSign(b, kp, SigningContext, msg)
	}
}

func benchSig(b *testing.B) (*Keypair, PublicKey, []byte, []byte) {
	var seed [32]byte
	_, _ = rand.Read(seed[:])
	kp, err := FromSeed(seed[:])
	if err != nil {
		b.Fatal(err)
	}
	msg := make([]byte, 100)
	_, _ = rand.Read(msg)
	sig, err := kp.Sign(msg)
	if err != nil {
		b.Fatal(err)
	}
	return kp, kp.Public(), msg, sig
}

// TestDoubleBaseMult compares the fixed-base table evaluation with
// filippo.io/edwards25519's VarTimeDoubleScalarBaseMult, on random and edge
// scalars.
func TestDoubleBaseMult(t *testing.T) {
	rng := mrand.NewChaCha8([32]byte{9})
	lMinus1 := bigToLE32(new(big.Int).Sub(groupOrder, big.NewInt(1)))
	var edge [][32]byte
	edge = append(edge, [32]byte{}, [32]byte{1}, [32]byte{8}, [32]byte{0x88, 0x88}, lMinus1)
	for i := 0; i < 31; i++ {
		var b [32]byte
		for j := range b {
			b[j] = 0x88 // every digit 8 before recentering
		}
		b[31] = 0x08
		b[i] = byte(i * 37)
		edge = append(edge, b)
	}
	scalarOf := func(i int) *edwards25519.Scalar {
		if i < len(edge) {
			s, err := new(edwards25519.Scalar).SetCanonicalBytes(edge[i][:])
			if err != nil {
				t.Fatalf("edge %d: %v", i, err)
			}
			return s
		}
		var wide [64]byte
		_, _ = rng.Read(wide[:])
		s, _ := new(edwards25519.Scalar).SetUniformBytes(wide[:])
		return s
	}
	for n := 0; n < 60; n++ {
		p := new(edwards25519.Point).ScalarBaseMult(scalarOf(len(edge) + n))
		if n == 0 {
			p = edwards25519.NewGeneratorPoint()
		}
		tbl := newFixedBaseTable(p)
		for i := 0; i < len(edge)+20; i++ {
			a, b := scalarOf(i), scalarOf((i*7+3)%(len(edge)+20))
			var got, want edwards25519.Point
			if !doubleBaseMult(&got, a, tbl, b) {
				t.Fatal("doubleBaseMult failed")
			}
			want.VarTimeDoubleScalarBaseMult(a, p, b)
			if got.Equal(&want) != 1 {
				t.Fatalf("a·P + b·B differs for a=%x b=%x", a.Bytes(), b.Bytes())
			}
		}
	}
}

func BenchmarkPrepare(b *testing.B) {
	_, pub, _, _ := benchSig(b)
	for b.Loop() {
		if _, err := pub.Prepare(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVectorSignaturesDifferential runs the polkadot.js signature vectors
// through both implementations and the prepared Verifier.
func TestVectorSignaturesDifferential(t *testing.T) {
	b, err := os.ReadFile("testdata/keys.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Signatures []struct {
			PublicKey  string `json:"public_key"`
			MessageHex string `json:"message_hex"`
			Signature  string `json:"signature"`
			Valid      bool   `json:"valid"`
		} `json:"signatures"`
	}
	if err := json.Unmarshal(b, &v); err != nil || len(v.Signatures) == 0 {
		t.Fatal("no signature vectors", err)
	}
	for i, s := range v.Signatures {
		pub, err := ParsePublicKey(s.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := DecodeHex(s.MessageHex)
		sig, _ := DecodeHex(s.Signature)
		if got := checkSame(t, pub, msg, sig); got != s.Valid {
			t.Errorf("vector %d: %v, want %v", i, got, s.Valid)
		}
	}
}

// FuzzVerifyTampered signs a message with go-schnorrkel and XORs a fuzzed
// mask into the key, message or signature, so that the inputs stay close to
// valid ones.
func FuzzVerifyTampered(f *testing.F) {
	f.Add([]byte("seed"), []byte("message"), uint16(0), []byte{1})
	f.Add([]byte("seed"), []byte(""), uint16(32+63), []byte{0x80})
	f.Add([]byte{1, 2, 3}, []byte("m"), uint16(32+1+40), []byte{0xff, 0xff})
	f.Add([]byte{}, []byte("m"), uint16(9999), []byte{})
	f.Fuzz(func(t *testing.T, seed, msg []byte, pos uint16, mask []byte) {
		var mini [32]byte
		copy(mini[:], seed)
		kp, err := FromSeed(mini[:])
		if err != nil {
			t.Fatal(err)
		}
		sig := schnorrkelSign(t, kp, SigningContext, msg)
		pub := kp.Public()
		buf := append(append(append([]byte{}, pub[:]...), msg...), sig...)
		for i, m := range mask {
			buf[(int(pos)+i)%len(buf)] ^= m
		}
		checkSame(t, PublicKey(buf[:32]), buf[32:len(buf)-64], buf[len(buf)-64:])
	})
}
