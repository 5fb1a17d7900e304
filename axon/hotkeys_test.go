package axon

import (
	"syscall"
	"testing"
	"time"

	"github.com/taonet/taonet/keys"
)

// TestHotkeyVerifyMatchesKeys checks that the cached verifier agrees with
// keys.PublicKey.VerifyMessage on valid, wrapped, tampered and malformed
// signatures.
func TestHotkeyVerifyMatchesKeys(t *testing.T) {
	bob, err := keys.FromURI("//Bob")
	if err != nil {
		t.Fatal(err)
	}
	eve, _ := keys.FromURI("//Eve")
	c := newHotkeyCache(2)
	msg := []byte("1.a.b.c.d")
	sig, _ := bob.Sign(msg)
	wrappedSig, _ := bob.Sign([]byte("<Bytes>" + string(msg) + "</Bytes>"))
	eveSig, _ := eve.Sign(msg)
	flipped := append([]byte(nil), sig...)
	flipped[10] ^= 1
	noMarker := append([]byte(nil), sig...)
	noMarker[63] &^= 0x80
	tests := []struct {
		name string
		msg  []byte
		sig  []byte
		want bool
	}{
		{"valid", msg, sig, true},
		{"wrapped", msg, wrappedSig, true},
		{"other signer", msg, eveSig, false},
		{"other message", []byte("1.a.b.c.e"), sig, false},
		{"flipped bit", msg, flipped, false},
		{"no marker bit", msg, noMarker, false},
		{"short", msg, sig[:63], false},
		{"empty", msg, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := c.lookup(bob.SS58())
			if err != nil {
				t.Fatal(err)
			}
			got := h.verifyMessage(tt.msg, tt.sig)
			ref := bob.Public().VerifyMessage(tt.msg, tt.sig)
			if got != tt.want || ref != tt.want {
				t.Fatalf("cached verify %v, keys.VerifyMessage %v, want %v", got, ref, tt.want)
			}
		})
	}
	// The cache stays bounded.
	for _, uri := range []string{"//Alice", "//Charlie", "//Dave"} {
		k, _ := keys.FromURI(uri)
		if _, err := c.lookup(k.SS58()); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.m) > 2 {
		t.Fatalf("cache holds %d entries, max 2", len(c.m))
	}
	if _, err := c.lookup("not-an-address"); err == nil {
		t.Fatal("invalid address accepted")
	}
}

// BenchmarkCrypto measures the per-request sr25519 work of an axon: one
// verification (cached point, as DefaultVerify does, and uncached through
// keys) and one response signature.
func BenchmarkCrypto(b *testing.B) {
	bob, _ := keys.FromURI("//Bob")
	alice, _ := keys.FromURI("//Alice")
	msg := []byte("1795926300417238066.5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty.5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY.00000000-0000-1000-8000-000000000001.92458924edc5f6c19fb90d1d8cec7ec179fd1a4dc293e2d97f8578f6f13ba970")
	sig, _ := bob.Sign(msg)
	h, _ := newHotkeyCache(4).lookup(bob.SS58())
	b.Run("verify-cached", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if !h.verifyMessage(msg, sig) {
				b.Fatal("verify failed")
			}
		}
	})
	b.Run("verify-keys", func(b *testing.B) {
		pk := bob.Public()
		defer reportCPU(b)()
		for b.Loop() {
			if !pk.VerifyMessage(msg, sig) {
				b.Fatal("verify failed")
			}
		}
	})
	b.Run("sign", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := alice.Sign(msg[:60]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// reportCPU reports the process CPU time per iteration, which other load on
// the machine does not inflate the way it inflates wall time.
func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() {
		b.ReportMetric(float64((processCPU()-start).Microseconds())/float64(b.N), "cpu-µs/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
