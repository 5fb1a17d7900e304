package axon

import (
	"testing"

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
