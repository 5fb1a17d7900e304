package keys_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/taonet/taonet/keys"
)

type vectorFile struct {
	Keys []struct {
		Mnemonic         string `json:"mnemonic"`
		MiniSecret       string `json:"mini_secret"`
		PublicKey        string `json:"public_key"`
		SS58             string `json:"ss58"`
		Password         string `json:"password"`
		SS58WithPassword string `json:"ss58_with_password"`
	} `json:"keys"`
	Signatures []struct {
		PublicKey  string `json:"public_key"`
		MessageHex string `json:"message_hex"`
		Signature  string `json:"signature"`
		Valid      bool   `json:"valid"`
	} `json:"signatures"`
	DevAccounts []struct {
		URI       string `json:"uri"`
		PublicKey string `json:"public_key"`
		SS58      string `json:"ss58"`
	} `json:"dev_accounts"`
	SS58Prefixes []struct {
		PublicKey string `json:"public_key"`
		Prefix    uint16 `json:"prefix"`
		SS58      string `json:"ss58"`
	} `json:"ss58_prefixes"`
	InvalidSS58 []struct {
		SS58  string `json:"ss58"`
		Valid bool   `json:"valid"`
	} `json:"invalid_ss58"`
}

func loadVectors(t *testing.T) vectorFile {
	t.Helper()
	b, err := os.ReadFile("testdata/keys.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Keys) == 0 || len(v.Signatures) == 0 || len(v.DevAccounts) == 0 || len(v.SS58Prefixes) == 0 || len(v.InvalidSS58) == 0 {
		t.Fatal("vector file has an empty section")
	}
	return v
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := keys.DecodeHex(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVectorsMnemonics(t *testing.T) {
	for _, v := range loadVectors(t).Keys {
		t.Run(v.SS58, func(t *testing.T) {
			kp, err := keys.FromMnemonic(v.Mnemonic)
			if err != nil {
				t.Fatal(err)
			}
			if got := "0x" + hexs(kp.Seed()); got != v.MiniSecret {
				t.Errorf("mini secret %s, want %s", got, v.MiniSecret)
			}
			if got := kp.Public().Hex(); got != v.PublicKey {
				t.Errorf("public key %s, want %s", got, v.PublicKey)
			}
			if got := kp.SS58(); got != v.SS58 {
				t.Errorf("ss58 %s, want %s", got, v.SS58)
			}
			if kp.Mnemonic() != v.Mnemonic {
				t.Errorf("mnemonic %q", kp.Mnemonic())
			}
			// The same key through a URI and through its seed.
			for _, other := range []string{v.Mnemonic, v.MiniSecret} {
				kp2, err := keys.FromURI(other)
				if err != nil {
					t.Fatal(err)
				}
				if kp2.SS58() != v.SS58 {
					t.Errorf("FromURI(%q) = %s", other, kp2.SS58())
				}
			}
			kp3, err := keys.FromSeed(kp.PrivateKey())
			if err != nil {
				t.Fatal(err)
			}
			if kp3.SS58() != v.SS58 || kp3.Seed() != nil {
				t.Errorf("FromSeed(private key) = %s, seed %x", kp3.SS58(), kp3.Seed())
			}
			// With a password, directly and as "///password".
			kpw, err := keys.FromMnemonicPassword(v.Mnemonic, v.Password)
			if err != nil {
				t.Fatal(err)
			}
			if kpw.SS58() != v.SS58WithPassword || kpw.Mnemonic() != "" {
				t.Errorf("with password: %s mnemonic %q, want %s", kpw.SS58(), kpw.Mnemonic(), v.SS58WithPassword)
			}
			kpu, err := keys.FromURI(v.Mnemonic + "///" + v.Password)
			if err != nil {
				t.Fatal(err)
			}
			if kpu.SS58() != v.SS58WithPassword {
				t.Errorf("uri with password: %s, want %s", kpu.SS58(), v.SS58WithPassword)
			}
		})
	}
}

func TestVectorsSignatures(t *testing.T) {
	for i, v := range loadVectors(t).Signatures {
		pub, err := keys.ParsePublicKey(v.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		msg, sig := mustHex(t, v.MessageHex), mustHex(t, v.Signature)
		if got := pub.Verify(msg, sig); got != v.Valid {
			t.Errorf("%d: Verify = %v, want %v", i, got, v.Valid)
		}
		if got := pub.VerifyMessage(msg, sig); got != v.Valid {
			t.Errorf("%d: VerifyMessage = %v, want %v", i, got, v.Valid)
		}
	}
}

func TestVectorsDevAccounts(t *testing.T) {
	for _, v := range loadVectors(t).DevAccounts {
		uri := strings.Replace(v.URI, "DEV_PHRASE", keys.DevPhrase, 1)
		short := strings.Replace(v.URI, "DEV_PHRASE", "", 1)
		for _, u := range []string{uri, short} {
			kp, err := keys.FromURI(u)
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if kp.Public().Hex() != v.PublicKey || kp.SS58() != v.SS58 {
				t.Errorf("%s: %s %s, want %s %s", u, kp.Public().Hex(), kp.SS58(), v.PublicKey, v.SS58)
			}
		}
	}
}

func TestVectorsSS58Prefixes(t *testing.T) {
	for _, v := range loadVectors(t).SS58Prefixes {
		pub, err := keys.ParsePublicKey(v.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		got, err := keys.EncodeSS58(pub, v.Prefix)
		if err != nil || got != v.SS58 {
			t.Errorf("EncodeSS58(%d) = %q, %v; want %q", v.Prefix, got, err, v.SS58)
		}
		back, prefix, err := keys.DecodeSS58(v.SS58)
		if err != nil || back != pub || prefix != v.Prefix {
			t.Errorf("DecodeSS58(%s) = %s %d %v", v.SS58, back.Hex(), prefix, err)
		}
	}
}

func TestVectorsInvalidSS58(t *testing.T) {
	for _, v := range loadVectors(t).InvalidSS58 {
		_, err := keys.ParseSS58(v.SS58)
		if (err == nil) != v.Valid {
			t.Errorf("ParseSS58(%s) err = %v, want valid=%v", v.SS58, err, v.Valid)
		}
		if err != nil && !errors.Is(err, keys.ErrInvalidSS58Checksum) && !errors.Is(err, keys.ErrInvalidSS58Length) {
			t.Errorf("ParseSS58(%s) err = %v, want a checksum or length error", v.SS58, err)
		}
	}
}
