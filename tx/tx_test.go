package tx_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func alice(t testing.TB) *keys.Keypair {
	t.Helper()
	kp, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func signedTransfer(t testing.TB) *tx.Tx {
	t.Helper()
	bob, _ := keys.FromURI("//Bob")
	x := &tx.Tx{ChainID: "test", Nonce: 7, Tip: 3, Call: tx.Transfer{Dest: bob.Public(), Value: 1_000_000_000, KeepAlive: true}}
	if err := x.Sign(alice(t)); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestRoundTrip(t *testing.T) {
	x := signedTransfer(t)
	raw := x.Encode()
	got, err := tx.Decode(raw)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if !bytes.Equal(got.Encode(), raw) {
		t.Fatal("re-encoding differs")
	}
	if got.Call != x.Call || got.Nonce != 7 || got.Tip != 3 || got.ChainID != "test" || got.Signer != x.Signer {
		t.Fatalf("decoded %+v, want %+v", got, x)
	}
	if err := got.VerifySignature(); err != nil {
		t.Fatalf("VerifySignature: %v", err)
	}
}

func TestSignBytesGolden(t *testing.T) {
	// The unsigned layout is part of the wire format: any change breaks every client.
	bob, _ := keys.FromURI("//Bob")
	x := &tx.Tx{ChainID: "c", Signer: alice(t).Public(), Nonce: 1, Tip: 2, Call: tx.Transfer{Dest: bob.Public(), Value: 5}}
	var want []byte
	want = append(want, 1, 1, 'c')
	pk := alice(t).Public()
	want = append(want, pk[:]...)
	want = append(want, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 5, 0)
	bp := bob.Public()
	want = append(want, bp[:]...)
	want = append(want, 5, 0, 0, 0, 0, 0, 0, 0)
	if got := x.SignBytes(); !bytes.Equal(got, want) {
		t.Fatalf("sign bytes\n got %x\nwant %x", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	raw := signedTransfer(t).Encode()
	withChainLen := func(n byte) []byte { b := append([]byte{}, raw...); b[1] = n; return b }
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, tx.ErrTruncated},
		{"truncated", raw[:len(raw)-1], tx.ErrTruncated},
		{"trailing", append(append([]byte{}, raw...), 0), tx.ErrTrailingBytes},
		{"version", append([]byte{2}, raw[1:]...), tx.ErrUnknownVersion},
		{"oversized", make([]byte, tx.MaxTxBytes+1), tx.ErrTooLarge},
		{"chain id too long", withChainLen(65), tx.ErrTooLarge},
		{"non-minimal length", append([]byte{1, 0x84, 0x00}, raw[2:]...), tx.ErrNonCanonical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tx.Decode(tt.in); !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %v, want %v", err, tt.want)
			}
		})
	}
	unknown := append([]byte{}, raw...)
	off := 1 + 1 + 4 + 32 + 8 + 8 // version, len, "test", signer, nonce, tip
	unknown[off] = 0xee
	if _, err := tx.Decode(unknown); !errors.Is(err, tx.ErrUnknownCall) {
		t.Fatalf("unknown module: %v", err)
	}
}

func TestForgedSignature(t *testing.T) {
	x := signedTransfer(t)
	x.Nonce++ // signed bytes no longer match
	if err := x.VerifySignature(); !errors.Is(err, tx.ErrBadSignature) {
		t.Fatalf("VerifySignature = %v, want ErrBadSignature", err)
	}
}

func TestCallsRegistered(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range tx.Calls() {
		if seen[c.Name] {
			t.Fatalf("call name %s registered twice", c.Name)
		}
		seen[c.Name] = true
	}
	for _, n := range []string{"Balances.transfer_allow_death", "Balances.transfer_keep_alive"} {
		if !seen[n] {
			t.Fatalf("%s not registered", n)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(signedTransfer(f).Encode())
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := tx.Decode(b)
		if err != nil {
			return
		}
		// Canonical: whatever decodes re-encodes to the same bytes.
		if !bytes.Equal(x.Encode(), b) {
			t.Fatalf("decode/encode not canonical:\n in %x\nout %x", b, x.Encode())
		}
	})
}
