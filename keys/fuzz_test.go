package keys_test

import (
	"errors"
	"testing"

	"github.com/taonet/taonet/keys"
)

func FuzzDecodeSS58(f *testing.F) {
	for _, s := range []string{"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2", "", "1", "0OIl", "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pub, prefix, err := keys.DecodeSS58(s)
		if err != nil {
			if !errors.Is(err, keys.ErrInvalidBase58) && !errors.Is(err, keys.ErrInvalidSS58Length) &&
				!errors.Is(err, keys.ErrInvalidSS58Checksum) && !errors.Is(err, keys.ErrInvalidSS58Prefix) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		// A valid address re-encodes to itself.
		again, err := keys.EncodeSS58(pub, prefix)
		if err != nil || again != s {
			t.Fatalf("%q decoded to prefix %d but re-encodes to %q (%v)", s, prefix, again, err)
		}
	})
}

func FuzzFromURI(f *testing.F) {
	for _, s := range []string{"//Alice", "//Bob/test", oldLeopard + "///pw", "0x" + "11223344556677889900112233445566778899001122334455667788990011ff//x", "///", "/", "a b c", oldLeopard + "//0//+1/-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		kp, err := keys.FromURI(uri)
		if err != nil {
			if !errors.Is(err, keys.ErrInvalidURI) {
				t.Fatalf("error %v does not wrap ErrInvalidURI", err)
			}
			return
		}
		if kp.Mnemonic() != "" {
			again, err := keys.FromMnemonic(kp.Mnemonic())
			if err != nil || again.Public() != kp.Public() {
				t.Fatalf("Mnemonic() does not reproduce the key")
			}
		}
	})
}

func FuzzMnemonicEntropy(f *testing.F) {
	f.Add(oldLeopard)
	f.Add("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong")
	f.Fuzz(func(t *testing.T, phrase string) {
		e, err := keys.MnemonicEntropy(phrase)
		if err != nil {
			if !errors.Is(err, keys.ErrInvalidMnemonicLength) && !errors.Is(err, keys.ErrInvalidMnemonicWord) && !errors.Is(err, keys.ErrInvalidMnemonicChecksum) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if len(e) < 16 || len(e) > 32 || len(e)%4 != 0 {
			t.Fatalf("entropy of %d bytes", len(e))
		}
	})
}
