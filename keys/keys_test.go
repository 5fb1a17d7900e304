package keys_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/taonet/taonet/keys"
)

func TestSignVerify(t *testing.T) {
	kp, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("hello taonet")
	sig, err := kp.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	if len(sig) != keys.SignatureSize || sig[63]&0x80 == 0 {
		t.Fatalf("signature %x lacks length or schnorrkel marker", sig)
	}
	pub := kp.Public()
	if !pub.Verify(msg, sig) || !kp.Verify(msg, sig) {
		t.Fatal("own signature does not verify")
	}
	bob, _ := keys.FromURI("//Bob")
	flipped := bytes.Clone(sig)
	flipped[5] ^= 1
	unmarked := bytes.Clone(sig)
	unmarked[63] &^= 0x80
	for name, c := range map[string]struct {
		pub keys.PublicKey
		msg []byte
		sig []byte
	}{
		"other key":       {bob.Public(), msg, sig},
		"other message":   {pub, []byte("hello taonet!"), sig},
		"flipped bit":     {pub, msg, flipped},
		"no marker":       {pub, msg, unmarked},
		"short":           {pub, msg, sig[:63]},
		"empty":           {pub, msg, nil},
		"zero public key": {keys.PublicKey{}, msg, sig},
	} {
		if c.pub.Verify(c.msg, c.sig) || c.pub.VerifyMessage(c.msg, c.sig) {
			t.Errorf("%s: verified", name)
		}
	}
	// Signatures are randomized, both verify.
	sig2, _ := kp.Sign(msg)
	if bytes.Equal(sig, sig2) || !pub.Verify(msg, sig2) {
		t.Error("second signature equal or invalid")
	}
}

func TestVerifyMessageWrapped(t *testing.T) {
	kp, _ := keys.FromURI("//Alice")
	msg := []byte("polkadot.js signRaw")
	wrapped := append(append([]byte("<Bytes>"), msg...), "</Bytes>"...)
	sig, err := kp.Sign(wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if kp.Public().Verify(msg, sig) {
		t.Error("strict Verify accepted a wrapped signature")
	}
	if !kp.Public().VerifyMessage(msg, sig) {
		t.Error("VerifyMessage rejected a wrapped signature")
	}
}

func TestMnemonicErrors(t *testing.T) {
	valid := strings.Fields(oldLeopard)
	tests := []struct {
		name   string
		phrase string
		want   error
	}{
		{"empty", "", keys.ErrInvalidMnemonicLength},
		{"11 words", strings.Join(valid[:11], " "), keys.ErrInvalidMnemonicLength},
		{"13 words", oldLeopard + " abandon", keys.ErrInvalidMnemonicLength},
		{"bad word", strings.Replace(oldLeopard, "leopard", "leopardx", 1), keys.ErrInvalidMnemonicWord},
		{"upper case", strings.Replace(oldLeopard, "old", "Old", 1), keys.ErrInvalidMnemonicWord},
		{"bad checksum", strings.Replace(oldLeopard, "review", "abandon", 1), keys.ErrInvalidMnemonicChecksum},
		{"swapped words", strings.Replace(oldLeopard, "old leopard", "leopard old", 1), keys.ErrInvalidMnemonicChecksum},
	}
	for _, tt := range tests {
		if _, err := keys.FromMnemonic(tt.phrase); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
		if _, err := keys.FromURI(tt.phrase + "//x"); tt.phrase != "" && !errors.Is(err, tt.want) {
			t.Errorf("%s (uri): err = %v, want %v", tt.name, err, tt.want)
		}
	}
	// Extra whitespace is tolerated and normalized.
	kp, err := keys.FromMnemonic("  " + strings.ReplaceAll(oldLeopard, " ", "\t  ") + "\n")
	if err != nil || kp.SS58() != oldLeopardSS58 || kp.Mnemonic() != oldLeopard {
		t.Errorf("whitespace: %v %v", kp, err)
	}
}

func TestNewMnemonic(t *testing.T) {
	for _, n := range []int{12, 15, 18, 21, 24} {
		m, err := keys.NewMnemonic(n)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(strings.Fields(m)); got != n {
			t.Errorf("NewMnemonic(%d) has %d words", n, got)
		}
		e, err := keys.MnemonicEntropy(m)
		if err != nil || len(e) != n*4/3 {
			t.Errorf("entropy of %d words: %d bytes, %v", n, len(e), err)
		}
		kp, err := keys.FromMnemonic(m)
		if err != nil || kp.Mnemonic() != m {
			t.Errorf("FromMnemonic(new): %v", err)
		}
	}
	for _, n := range []int{0, 11, 13, 27} {
		if _, err := keys.NewMnemonic(n); !errors.Is(err, keys.ErrInvalidMnemonicLength) {
			t.Errorf("NewMnemonic(%d) err = %v", n, err)
		}
	}
	a, _ := keys.NewMnemonic(12)
	b, _ := keys.NewMnemonic(12)
	if a == b {
		t.Error("two mnemonics are equal")
	}
}

// Entropy with leading zero bytes must keep its length ("abandon ... about"
// is all-zero entropy).
func TestMnemonicEntropyLeadingZeros(t *testing.T) {
	e, err := keys.MnemonicEntropy("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
	if err != nil || !bytes.Equal(e, make([]byte, 16)) {
		t.Fatalf("entropy %x %v", e, err)
	}
	e, err = keys.MnemonicEntropy("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong")
	if err != nil || !bytes.Equal(e, bytes.Repeat([]byte{0xff}, 16)) {
		t.Fatalf("entropy %x %v", e, err)
	}
}

func TestSeedsAndDerivation(t *testing.T) {
	root, err := keys.FromURI("0x" + strings.Repeat("01", 32))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(root.Seed(), bytes.Repeat([]byte{1}, 32)) || root.Mnemonic() != "" {
		t.Errorf("hex root seed %x mnemonic %q", root.Seed(), root.Mnemonic())
	}
	hard, err := keys.FromURI("0x" + strings.Repeat("01", 32) + "//a//b")
	if err != nil {
		t.Fatal(err)
	}
	if len(hard.Seed()) != 32 {
		t.Error("hard-only path lost its seed")
	}
	// The derived seed reproduces the derived key.
	again, err := keys.FromSeed(hard.Seed())
	if err != nil || again.Public() != hard.Public() {
		t.Errorf("FromSeed(derived seed) = %v %v", again, err)
	}
	for _, uri := range []string{"//a/b", "/a//b"} {
		soft, err := keys.FromURI("0x" + strings.Repeat("01", 32) + uri)
		if err != nil {
			t.Fatal(err)
		}
		if soft.Seed() != nil {
			t.Errorf("%s kept a seed", uri)
		}
		// Soft derivation is deterministic here, nonce included.
		soft2, _ := keys.FromURI("0x" + strings.Repeat("01", 32) + uri)
		if !bytes.Equal(soft.PrivateKey(), soft2.PrivateKey()) {
			t.Errorf("%s: private keys differ", uri)
		}
		back, err := keys.FromSeed(soft.PrivateKey())
		if err != nil || back.Public() != soft.Public() {
			t.Errorf("%s: FromSeed(private) = %v %v", uri, back, err)
		}
		sig, _ := soft.Sign([]byte("m"))
		if !soft.Public().Verify([]byte("m"), sig) {
			t.Errorf("%s: derived key cannot sign", uri)
		}
	}
	// Seed and PrivateKey return copies.
	s := root.Seed()
	s[0] ^= 0xff
	p := root.PrivateKey()
	p[0] ^= 0xff
	if root.Seed()[0] != 1 || root.PrivateKey()[0] == p[0] {
		t.Error("accessor returned internal storage")
	}
}

func TestFromSeedErrors(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33, 63, 65} {
		if _, err := keys.FromSeed(make([]byte, n)); !errors.Is(err, keys.ErrInvalidSeed) {
			t.Errorf("FromSeed(%d bytes) err = %v", n, err)
		}
	}
	// A 64-byte key whose scalar is not canonical (all 0xff).
	if _, err := keys.FromSeed(bytes.Repeat([]byte{0xff}, 64)); !errors.Is(err, keys.ErrInvalidSeed) {
		t.Errorf("non-canonical scalar err = %v", err)
	}
}

func TestURIErrors(t *testing.T) {
	tests := []struct {
		uri  string
		want []error
	}{
		{"", []error{keys.ErrInvalidURI}},
		{"bad!phrase", []error{keys.ErrInvalidURI}},
		{"//", []error{keys.ErrInvalidURI}},
		{"//Alice/", []error{keys.ErrInvalidURI}},
		{"0xzz", []error{keys.ErrInvalidURI, keys.ErrInvalidHex}},
		{"0x0102", []error{keys.ErrInvalidURI, keys.ErrInvalidSeed}},
		{"0x" + strings.Repeat("ab", 64), []error{keys.ErrInvalidURI, keys.ErrInvalidSeed}},
		{"not a mnemonic", []error{keys.ErrInvalidURI, keys.ErrInvalidMnemonicLength}},
	}
	for _, tt := range tests {
		_, err := keys.FromURI(tt.uri)
		for _, w := range tt.want {
			if !errors.Is(err, w) {
				t.Errorf("FromURI(%q) err = %v, want %v", tt.uri, err, w)
			}
		}
	}
	// The password may contain slashes; an empty password is the same as none.
	a, err := keys.FromURI(oldLeopard + "///a/b//c")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := keys.FromMnemonicPassword(oldLeopard, "a/b//c")
	if a.Public() != b.Public() {
		t.Error("password with slashes")
	}
	c, _ := keys.FromURI(oldLeopard + "///")
	if c.SS58() != oldLeopardSS58 {
		t.Error("empty password changed the key")
	}
}

func TestParsePublicKey(t *testing.T) {
	alice, _ := keys.FromURI("//Alice")
	for _, s := range []string{alice.SS58(), alice.Public().Hex(), strings.ToUpper(alice.Public().Hex()[2:])} {
		_, err := keys.ParsePublicKey(s)
		if s == strings.ToUpper(alice.Public().Hex()[2:]) {
			// Bare hex without 0x is taken as SS58 and fails.
			if err == nil {
				t.Errorf("ParsePublicKey(%q) accepted bare hex", s)
			}
			continue
		}
		if p, err := keys.ParsePublicKey(s); err != nil || p != alice.Public() {
			t.Errorf("ParsePublicKey(%q) = %v %v", s, p, err)
		}
	}
	tests := []struct {
		in   string
		want error
	}{
		{"0x1234", keys.ErrInvalidPublicKey},
		{"0x" + strings.Repeat("zz", 32), keys.ErrInvalidHex},
		{"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", keys.ErrInvalidSS58Checksum},
		{"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut", keys.ErrInvalidSS58Length},
		{"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut0l", keys.ErrInvalidBase58},
		{"", keys.ErrInvalidSS58Length},
	}
	for _, tt := range tests {
		if _, err := keys.ParsePublicKey(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParsePublicKey(%q) err = %v, want %v", tt.in, err, tt.want)
		}
	}
	if _, err := keys.EncodeSS58(alice.Public(), 16384); !errors.Is(err, keys.ErrInvalidSS58Prefix) {
		t.Errorf("EncodeSS58(16384) err = %v", err)
	}
	// An address with a first byte >= 128 (not a prefix).
	if _, err := keys.PublicKeyFromBytes(make([]byte, 31)); !errors.Is(err, keys.ErrInvalidPublicKey) {
		t.Errorf("PublicKeyFromBytes(31) err = %v", err)
	}
}

func TestSS58TwoBytePrefixRoundTrip(t *testing.T) {
	alice, _ := keys.FromURI("//Alice")
	for _, prefix := range []uint16{0, 1, 2, 42, 63, 64, 255, 1000, 16383} {
		s, err := keys.EncodeSS58(alice.Public(), prefix)
		if err != nil {
			t.Fatal(err)
		}
		pub, got, err := keys.DecodeSS58(s)
		if err != nil || pub != alice.Public() || got != prefix {
			t.Errorf("prefix %d: %s -> %d %v", prefix, s, got, err)
		}
	}
}

func TestJunctionChainCode(t *testing.T) {
	tests := []struct {
		in   string
		hard bool
		cc0  []byte
	}{
		{"Alice", false, append([]byte{5 << 2}, "Alice"...)},
		{"/Alice", true, append([]byte{5 << 2}, "Alice"...)},
		{"5000", false, []byte{0x88, 0x13, 0, 0, 0, 0, 0, 0}},
		{"/+7", true, []byte{7, 0, 0, 0, 0, 0, 0, 0}},
		{"-7", false, append([]byte{2 << 2}, "-7"...)},
		{"18446744073709551616", false, append([]byte{20 << 2}, "18446744073709551616"...)}, // > u64: a string
	}
	for _, tt := range tests {
		j := keys.ParseJunction(tt.in)
		want := make([]byte, 32)
		copy(want, tt.cc0)
		if j.Hard != tt.hard || !bytes.Equal(j.ChainCode[:], want) {
			t.Errorf("ParseJunction(%q) = %v %x", tt.in, j.Hard, j.ChainCode)
		}
	}
	// A 64-byte name: compact length is two bytes (64<<2|1), then hashed.
	long := strings.Repeat("x", 64)
	if j := keys.ParseJunction(long); bytes.Equal(j.ChainCode[:2], []byte{0x01, 0x01}) {
		t.Error("long junction was not hashed")
	}
}

// A two-byte prefix form that spells a one-byte prefix is refused.
func TestSS58NonCanonicalPrefix(t *testing.T) {
	alice, _ := keys.FromURI("//Alice")
	// Build 0x40 0x00 ‖ pub ‖ checksum by hand: the two-byte form of prefix 0.
	s := keys.EncodeSS58NonCanonicalForTest(alice.Public())
	if _, _, err := keys.DecodeSS58(s); !errors.Is(err, keys.ErrInvalidSS58Prefix) {
		t.Errorf("DecodeSS58(%s) err = %v", s, err)
	}
}
