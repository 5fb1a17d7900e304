package wallet_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/wallet"
)

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		data string
		want wallet.Format
		name string
	}{
		{"$NACLxxxx", wallet.FormatNaCl, "NaCl"},
		{"$ANSIBLE_VAULT;1.1;AES256\n", wallet.FormatAnsibleVault, "Ansible Vault"},
		{"gAAAAABxyz", wallet.FormatFernet, "legacy"},
		{`{"a":"b"}`, wallet.FormatPlain, "plain"},
		{"", wallet.FormatPlain, "plain"},
	}
	for _, tt := range tests {
		got := wallet.DetectFormat([]byte(tt.data))
		if got != tt.want || got.String() != tt.name || wallet.IsEncrypted([]byte(tt.data)) != (tt.want != wallet.FormatPlain) {
			t.Errorf("DetectFormat(%q) = %v", tt.data, got)
		}
	}
}

func TestNaClRoundTrip(t *testing.T) {
	plain := wallet.EncodeKeyfile(mustURI(t, "//Alice"))
	enc, err := wallet.EncryptNaCl(plain, "pässword", fastKDF)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(enc, []byte("$NACL")) || len(enc) != 5+24+16+len(plain) || bytes.Contains(enc, plain[:20]) {
		t.Fatalf("ciphertext layout: %d bytes", len(enc))
	}
	enc2, _ := wallet.EncryptNaCl(plain, "pässword", fastKDF)
	if bytes.Equal(enc[5:29], enc2[5:29]) {
		t.Error("nonce reused")
	}
	got, err := wallet.Decrypt(enc, "pässword", fastKDF)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("decrypt: %v", err)
	}
	for name, c := range map[string]struct {
		data []byte
		pw   string
		want error
	}{
		"wrong password":  {enc, "password", wallet.ErrWrongPassword},
		"empty password":  {enc, "", wallet.ErrWrongPassword},
		"flipped byte":    {flip(enc, len(enc)-1), "pässword", wallet.ErrWrongPassword},
		"truncated":       {enc[:len(enc)-10], "pässword", wallet.ErrWrongPassword},
		"truncated nonce": {enc[:20], "pässword", wallet.ErrCorruptKeyfile},
		"prefix only":     {[]byte("$NACL"), "pässword", wallet.ErrCorruptKeyfile},
	} {
		if _, err := wallet.Decrypt(c.data, c.pw, fastKDF); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	// Plaintext passes through.
	if got, err := wallet.Decrypt(plain, "x", fastKDF); err != nil || !bytes.Equal(got, plain) {
		t.Error("plaintext not passed through")
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// pythonNaCl finds a python3 that imports nacl (Debian python3-nacl). Under
// CI=true its absence fails the test instead of skipping it.
func pythonNaCl(t *testing.T) string {
	t.Helper()
	var candidates []string
	candidates = append(candidates, "/usr/bin/python3")
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, py := range candidates {
		if err := exec.Command(py, "-c", "import nacl.pwhash, nacl.secret").Run(); err == nil {
			return py
		}
	}
	msg := "no python3 with PyNaCl (install Debian python3-nacl: apt-get install -y python3-nacl)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func runPy(t *testing.T, py string, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(py, append([]string{"testdata/nacl_interop.py"}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// TestNaClReferenceParams uses the reference's real argon2i parameters
// (512 MiB, 8 passes), deriving the key once in Go: a round trip, then
// interoperability with libsodium (PyNaCl) both ways.
func TestNaClReferenceParams(t *testing.T) {
	t.Parallel()
	const password = "correct horse battery staple ✓"
	start := time.Now()
	k, err := wallet.DeriveNaClKey(password, wallet.KDF{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("argon2i with the reference parameters: %v", time.Since(start))
	plain := wallet.EncodeKeyfile(mustURI(t, "//Alice"))
	ours, err := k.Seal(plain)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k.Open(ours); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("round trip: %v", err)
	}
	// Light parameters derive another key: the file does not open with them.
	if _, err := wallet.Decrypt(ours, password, fastKDF); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("opened with other parameters: %v", err)
	}

	t.Run("libsodium", func(t *testing.T) {
		py := pythonNaCl(t)
		// taonet writes, libsodium reads; libsodium writes (as bittensor does).
		theirPlain := `{"secretPhrase": "` + oldLeopard + `", "ss58Address": "` + oldLeopardSS58 + `"}`
		lines := strings.Fields(string(runPy(t, py, ours, "both", password, theirPlain)))
		if len(lines) != 2 {
			t.Fatalf("python printed %q", lines)
		}
		if got, _ := hex.DecodeString(lines[0]); !bytes.Equal(got, plain) {
			t.Fatalf("libsodium decrypted %q", got)
		}
		theirs, err := hex.DecodeString(lines[1])
		if err != nil || !bytes.HasPrefix(theirs, []byte("$NACL")) {
			t.Fatalf("python encrypted %q", lines[1])
		}
		// taonet opens libsodium's file (same password, same key).
		got, err := k.Open(theirs)
		if err != nil {
			t.Fatal(err)
		}
		kf, err := wallet.DecodeKeyfile(got)
		if err != nil || kf.SS58() != oldLeopardSS58 || kf.Keypair.Mnemonic() != oldLeopard {
			t.Fatalf("decoded %v %v", kf, err)
		}
		if _, err := k.Open(flip(theirs, len(theirs)-3)); !errors.Is(err, wallet.ErrWrongPassword) {
			t.Errorf("tampered file opened: %v", err)
		}
	})
}

func TestLegacyAnsibleVault(t *testing.T) {
	data, err := os.ReadFile("testdata/ansible_vault_keyfile")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := wallet.Decrypt(data, "legacy-password", wallet.KDF{})
	if err != nil {
		t.Fatal(err)
	}
	k, err := wallet.DecodeKeyfile(plain)
	if err != nil || k.SS58() != aliceSS58 || k.Keypair == nil {
		t.Fatalf("decoded %v %v", k, err)
	}
	if _, err := wallet.Decrypt(data, "wrong", wallet.KDF{}); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	bad := []struct {
		name, data string
		want       error
	}{
		{"no body", "$ANSIBLE_VAULT;1.1;AES256", wallet.ErrCorruptKeyfile},
		{"other cipher", "$ANSIBLE_VAULT;1.1;AES\n00", wallet.ErrUnknownFormat},
		{"not hex", "$ANSIBLE_VAULT;1.1;AES256\nzz", wallet.ErrCorruptKeyfile},
		{"truncated", string(data[:len(data)/2]), wallet.ErrCorruptKeyfile},
	}
	for _, b := range bad {
		if _, err := wallet.Decrypt([]byte(b.data), "legacy-password", wallet.KDF{}); !errors.Is(err, b.want) {
			t.Errorf("%s: err = %v, want %v", b.name, err, b.want)
		}
	}
}

// TestLegacyFernet opens a bittensor<=6 keyfile (10,000,000 PBKDF2 rounds).
func TestLegacyFernet(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("10M PBKDF2 rounds")
	}
	data, err := os.ReadFile("testdata/fernet_keyfile")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := wallet.Decrypt(data, "legacy-password", wallet.KDF{})
	if err != nil {
		t.Fatal(err)
	}
	if k, err := wallet.DecodeKeyfile(plain); err != nil || k.SS58() != aliceSS58 {
		t.Fatalf("decoded %v %v", k, err)
	}
	if _, err := wallet.Decrypt(data, "wrong", wallet.KDF{}); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := wallet.Decrypt([]byte("gAAAAA!!"), "x", wallet.KDF{}); !errors.Is(err, wallet.ErrCorruptKeyfile) {
		t.Errorf("bad token: %v", err)
	}
}

// The polkadot.js export from btwallet's tests (test_common_calls.py).
const polkadotJS = `{"encoded":"Z1yzxASuj21ej3CANbZKc3ibDaOpQPMahTT0qkniyZgAgAAAAQAAAAgAAACSDgflXWKXrX36EmX9XcA6cRpkN+oZX30/9FhtNP17krIG/yHLKmDnL1km1W/nZ+BpC7Qid6IuBvbZeboFyewFeXsKtcoY/bRY6nx/cLB5BND9WpXXS6Enf4RXAX7vPu/BY+o2z7VwPaXyFARfyPTiqJKqLDJWm3W5ZlvK0ks8FBv66mWEBYc+lLx8jvuzDNkdD3pnV3G802OwwHTy","encoding":{"content":["pkcs8","sr25519"],"type":["scrypt","xsalsa20-poly1305"],"version":"3"},"address":"5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f","meta":{"genesisHash":null,"name":"test","whenCreated":1727395683981}}`

func TestPolkadotJSON(t *testing.T) {
	kp, err := wallet.DecodePolkadotJSON([]byte(polkadotJS), "Password123")
	if err != nil {
		t.Fatal(err)
	}
	if kp.SS58() != "5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f" || kp.Mnemonic() != "" || kp.Seed() != nil {
		t.Fatalf("imported %s", kp.SS58())
	}
	sig, _ := kp.Sign([]byte("m"))
	if !kp.Public().Verify([]byte("m"), sig) {
		t.Error("imported key cannot sign")
	}
	// The imported key survives a keyfile round trip (as privateKey).
	k, err := wallet.DecodeKeyfile(wallet.EncodeKeyfile(kp))
	if err != nil || k.Public != kp.Public() {
		t.Errorf("keyfile round trip: %v", err)
	}
	if _, err := wallet.DecodePolkadotJSON([]byte(polkadotJS), "password123"); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("wrong passphrase: %v", err)
	}
	for name, data := range map[string]string{
		"not json":   "{",
		"version 2":  strings.Replace(polkadotJS, `"version":"3"`, `"version":"2"`, 1),
		"ed25519":    strings.Replace(polkadotJS, `"sr25519"`, `"ed25519"`, 1),
		"bad base64": strings.Replace(polkadotJS, `"encoded":"Z1`, `"encoded":"!!`, 1),
		"short":      strings.Replace(polkadotJS, polkadotJS[12:300], "", 1),
		"other addr": strings.Replace(polkadotJS, "5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f", aliceSS58, 1),
	} {
		if _, err := wallet.DecodePolkadotJSON([]byte(data), "Password123"); !errors.Is(err, wallet.ErrInvalidPolkadotJSON) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
