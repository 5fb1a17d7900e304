package keys

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// base58EncodeNaive is the digit-at-a-time reference the fast encoder is checked against.
func base58EncodeNaive(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	var digits []byte
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := bytes.Repeat([]byte{'1'}, zeros)
	for i := len(digits) - 1; i >= 0; i-- {
		out = append(out, base58Alphabet[digits[i]])
	}
	return string(out)
}

func TestBase58EncodeMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := [][]byte{nil, {0}, {0, 0}, {0, 0, 1}, {255}, bytes.Repeat([]byte{255}, 35), {0, 0, 0, 0, 57}, {58}}
	for i := 0; i < 5000; i++ {
		b := make([]byte, r.IntN(70))
		for j := range b {
			b[j] = byte(r.UintN(256))
		}
		if r.IntN(4) == 0 && len(b) > 2 {
			b[0], b[1] = 0, 0
		}
		cases = append(cases, b)
	}
	for _, b := range cases {
		if got, want := base58Encode(b), base58EncodeNaive(b); got != want {
			t.Fatalf("base58Encode(%x) = %q, want %q", b, got, want)
		}
		if back, err := base58Decode(base58Encode(b)); err != nil || !bytes.Equal(back, b) && !(len(b) == 0 && len(back) == 0) {
			t.Fatalf("round trip %x: %x, %v", b, back, err)
		}
	}
}

func FuzzBase58Encode(f *testing.F) {
	f.Add([]byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := base58Encode(b), base58EncodeNaive(b); got != want {
			t.Fatalf("base58Encode(%x) = %q, want %q", b, got, want)
		}
	})
}

func BenchmarkSS58(b *testing.B) {
	kp, _ := FromURI("//Alice")
	pk := kp.Public()
	for i := 0; i < b.N; i++ {
		_ = pk.SS58()
	}
}
