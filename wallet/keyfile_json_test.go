package wallet_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

func TestEncodeKeyfileFields(t *testing.T) {
	kp, err := keys.FromMnemonic(oldLeopard)
	if err != nil {
		t.Fatal(err)
	}
	data := wallet.EncodeKeyfile(kp)
	if strings.Contains(string(data), "\": ") || strings.Contains(string(data), "\n") {
		t.Errorf("not compact: %s", data)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"accountId":    "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446",
		"publicKey":    "0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446",
		"privateKey":   "0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e",
		"secretPhrase": oldLeopard,
		"secretSeed":   "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143",
		"ss58Address":  oldLeopardSS58,
	}
	if len(m) != len(want) {
		t.Errorf("fields %v", m)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %q, want %q", k, m[k], v)
		}
	}

	var pub map[string]string
	if err := json.Unmarshal(wallet.EncodePublicKeyfile(kp.Public()), &pub); err != nil {
		t.Fatal(err)
	}
	if len(pub) != 3 || pub["accountId"] != want["accountId"] || pub["publicKey"] != want["publicKey"] || pub["ss58Address"] != oldLeopardSS58 {
		t.Errorf("public keyfile %v", pub)
	}
}

func TestKeyfileRoundTrip(t *testing.T) {
	for _, uri := range []string{oldLeopard, "//Alice", "//Alice/soft", "0x" + strings.Repeat("ab", 32)} {
		kp := mustURI(t, uri)
		k, err := wallet.DecodeKeyfile(wallet.EncodeKeyfile(kp))
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		if k.Keypair == nil || k.Public != kp.Public() || k.Keypair.Mnemonic() != kp.Mnemonic() || string(k.Keypair.PrivateKey()) != string(kp.PrivateKey()) {
			t.Errorf("%s: round trip changed the key", uri)
		}
		p, err := wallet.DecodeKeyfile(wallet.EncodePublicKeyfile(kp.Public()))
		if err != nil || p.Keypair != nil || p.Public != kp.Public() {
			t.Errorf("%s: public round trip %v %v", uri, p, err)
		}
	}
}

// Files as the references write them.
func TestDecodeReferenceKeyfiles(t *testing.T) {
	legacy, err := os.ReadFile("testdata/legacy_plain.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   string
		ss58   string
		secret bool
	}{
		{"bittensor<=7 with nulls", string(legacy), aliceSS58, true},
		{"btwallet, phrase only", `{"secretPhrase":"` + oldLeopard + `"}`, oldLeopardSS58, true},
		{"btwallet, private key only", `{"privateKey":"0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e","ss58Address":"` + oldLeopardSS58 + `"}`, oldLeopardSS58, true},
		{"seed without 0x", `{"secretSeed":"da3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143"}`, oldLeopardSS58, true},
		{"coldkeypub", `{"accountId":"0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d","publicKey":"0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d","ss58Address":"` + aliceSS58 + `"}`, aliceSS58, false},
		{"prefix-0 address", `{"ss58Address":"16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2"}`, oldLeopardSS58, false},
		{"legacy bare public key", "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", aliceSS58, false},
		{"legacy bare ss58", aliceSS58 + "\n", aliceSS58, false},
		{"phrase wins over others", `{"secretPhrase":"` + oldLeopard + `","secretSeed":null,"privateKey":null}`, oldLeopardSS58, true},
	}
	for _, tt := range tests {
		k, err := wallet.DecodeKeyfile([]byte(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if k.SS58() != tt.ss58 || (k.Keypair != nil) != tt.secret {
			t.Errorf("%s: %s secret=%v", tt.name, k.SS58(), k.Keypair != nil)
		}
	}
}

// The reference writes "0x"+<raw bytes> when the seed is valid UTF-8.
func TestDecodeRawUTF8Seed(t *testing.T) {
	raw := "abcdefghijklmnopqrstuvwxyz012345"
	want, err := keys.FromSeed([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	k, err := wallet.DecodeKeyfile([]byte(`{"secretSeed":"0x` + raw + `"}`))
	if err != nil || k.Public != want.Public() {
		t.Fatalf("raw seed: %v %v", k, err)
	}
}

func TestDecodeKeyfileErrors(t *testing.T) {
	good := string(wallet.EncodeKeyfile(mustURI(t, oldLeopard)))
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", wallet.ErrCorruptKeyfile},
		{"truncated", good[:len(good)/2], wallet.ErrCorruptKeyfile},
		{"trailing data", good + "{}", wallet.ErrCorruptKeyfile},
		{"garbage", "hello world", wallet.ErrUnknownFormat},
		{"no key fields", `{"foo":"bar"}`, wallet.ErrUnknownFormat},
		{"number field", `{"secretSeed":12}`, wallet.ErrCorruptKeyfile},
		{"bad phrase word", `{"secretPhrase":"` + strings.Replace(oldLeopard, "old", "olx", 1) + `"}`, keys.ErrInvalidMnemonicWord},
		{"bad phrase checksum", `{"secretPhrase":"` + strings.Replace(oldLeopard, "review", "abandon", 1) + `"}`, keys.ErrInvalidMnemonicChecksum},
		{"short seed", `{"secretSeed":"0x1234"}`, keys.ErrInvalidSeed},
		{"bad seed", `{"secretSeed":"0xnothex"}`, wallet.ErrCorruptKeyfile},
		{"bad private key", `{"privateKey":"0xzz"}`, keys.ErrInvalidHex},
		{"bad ss58 checksum", `{"ss58Address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"}`, keys.ErrInvalidSS58Checksum},
		{"bad ss58 length", `{"ss58Address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ"}`, keys.ErrInvalidSS58Length},
		{"address mismatch", `{"secretPhrase":"` + oldLeopard + `","ss58Address":"` + aliceSS58 + `"}`, wallet.ErrCorruptKeyfile},
		{"still encrypted", "$NACL" + strings.Repeat("x", 60), wallet.ErrUnknownFormat},
		{"bare short hex", "0x1234", keys.ErrInvalidPublicKey},
	}
	for _, tt := range tests {
		_, err := wallet.DecodeKeyfile([]byte(tt.data))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
		if errors.Is(tt.want, wallet.ErrCorruptKeyfile) || errors.Is(tt.want, wallet.ErrUnknownFormat) {
			continue
		}
		if !errors.Is(err, wallet.ErrCorruptKeyfile) {
			t.Errorf("%s: err = %v does not wrap ErrCorruptKeyfile", tt.name, err)
		}
	}
}
