package keys

import (
	"crypto/sha512"
	"fmt"
	"strings"

	schnorrkel "github.com/ChainSafe/go-schnorrkel"
)

// MiniSecretSize is the length of a substrate mini secret (the "seed").
const MiniSecretSize = 32

// PrivateKeySize is the length of schnorrkel's SecretKey::to_bytes layout:
// a 32-byte canonical scalar followed by a 32-byte signing nonce.
const PrivateKeySize = 64

// Keypair is an sr25519 secret key with its public key and, when known, the
// mnemonic and mini secret it was made from. A Keypair is immutable and safe
// for concurrent use. Make one with FromURI, FromMnemonic or FromSeed; the
// zero Keypair is not usable.
type Keypair struct {
	key      [32]byte // canonical scalar, little-endian
	nonce    [32]byte
	sk       *schnorrkel.SecretKey
	pub      PublicKey
	mnemonic string // set only if FromMnemonic(mnemonic) yields this key
	seed     []byte // 32-byte mini secret, or nil
}

// expandEd25519 is schnorrkel's MiniSecretKey::expand(ExpansionMode::Ed25519):
// SHA-512 of the mini secret, ed25519 clamping of the low half divided by the
// cofactor 8 as the scalar, the high half as the nonce.
func expandEd25519(mini [MiniSecretSize]byte) (key, nonce [32]byte) {
	h := sha512.Sum512(mini[:])
	copy(key[:], h[:32])
	key[0] &= 248
	key[31] &= 63
	key[31] |= 64
	divideByCofactor(&key)
	copy(nonce[:], h[32:])
	return key, nonce
}

// divideByCofactor shifts a little-endian 256-bit integer right by 3 bits.
func divideByCofactor(s *[32]byte) {
	var low byte
	for i := len(s) - 1; i >= 0; i-- {
		r := s[i] & 0x07
		s[i] = s[i]>>3 + low
		low = r << 5
	}
}

// newKeypair builds a Keypair from a scalar and nonce. The scalar must be
// canonical (below the group order).
func newKeypair(key, nonce [32]byte) (*Keypair, error) {
	sk := schnorrkel.NewSecretKey(key, nonce)
	pk, err := sk.Public()
	if err != nil {
		return nil, fmt.Errorf("%w: non-canonical secret scalar", ErrInvalidSeed)
	}
	return &Keypair{key: key, nonce: nonce, sk: sk, pub: pk.Encode()}, nil
}

func fromMini(mini [MiniSecretSize]byte) *Keypair {
	key, nonce := expandEd25519(mini)
	kp, err := newKeypair(key, nonce)
	if err != nil {
		// A clamped scalar divided by 8 lies in [2^251, 2^252), below the
		// group order, so expansion always yields a canonical scalar.
		panic("keys: ed25519 expansion produced a non-canonical scalar")
	}
	kp.seed = append([]byte(nil), mini[:]...)
	return kp
}

// FromSeed makes a Keypair from a 32-byte mini secret (expanded in
// schnorrkel's Ed25519 mode, as sp-core's Pair::from_seed_slice does) or from
// a 64-byte private key in schnorrkel's to_bytes layout (scalar||nonce; the
// scalar must be canonical). Other lengths wrap ErrInvalidSeed.
func FromSeed(seed []byte) (*Keypair, error) {
	switch len(seed) {
	case MiniSecretSize:
		return fromMini([MiniSecretSize]byte(seed)), nil
	case PrivateKeySize:
		return newKeypair([32]byte(seed[:32]), [32]byte(seed[32:]))
	}
	return nil, fmt.Errorf("%w: %d bytes, want %d or %d", ErrInvalidSeed, len(seed), MiniSecretSize, PrivateKeySize)
}

// FromEd25519Secret makes a Keypair from a 64-byte secret in ed25519's
// expanded layout (clamped scalar||nonce), as polkadot.js stores it in PKCS8
// (schnorrkel's SecretKey::from_ed25519_bytes).
func FromEd25519Secret(b []byte) (*Keypair, error) {
	if len(b) != PrivateKeySize {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidSeed, len(b), PrivateKeySize)
	}
	key := [32]byte(b[:32])
	divideByCofactor(&key)
	return newKeypair(key, [32]byte(b[32:]))
}

// FromMnemonic makes the Keypair of a BIP39 English mnemonic with an empty
// password, as bittensor's Keypair.create_from_mnemonic does.
func FromMnemonic(phrase string) (*Keypair, error) {
	return FromMnemonicPassword(phrase, "")
}

// FromMnemonicPassword makes the Keypair of a mnemonic with a BIP39
// password (substrate-bip39: the password salts the PBKDF2 over the entropy).
// Mnemonic() of the result is empty when password is not, because the
// phrase alone would not reproduce the key.
func FromMnemonicPassword(phrase, password string) (*Keypair, error) {
	mini, err := MiniSecretFromMnemonic(phrase, password)
	if err != nil {
		return nil, err
	}
	kp := fromMini([MiniSecretSize]byte(mini))
	if password == "" {
		kp.mnemonic = strings.Join(strings.Fields(phrase), " ")
	}
	return kp, nil
}

// Public returns the public key (account id).
func (k *Keypair) Public() PublicKey { return k.pub }

// SS58 returns the SS58 address (prefix 42).
func (k *Keypair) SS58() string { return k.pub.SS58() }

// Sign returns a 64-byte sr25519 signature of msg under the "substrate"
// signing context. Signatures are randomized, as schnorrkel's are.
func (k *Keypair) Sign(msg []byte) ([]byte, error) {
	return signFast(k, msg)
}

// Verify is k.Public().Verify(msg, sig).
func (k *Keypair) Verify(msg, sig []byte) bool { return k.pub.Verify(msg, sig) }

// Mnemonic returns the mnemonic this key was made from, or "" when there is
// none or when the mnemonic alone (without password or derivation path)
// would not reproduce this key.
func (k *Keypair) Mnemonic() string { return k.mnemonic }

// Seed returns a copy of the 32-byte mini secret, or nil when the key was not
// made from one (64-byte private keys, soft-derived keys).
func (k *Keypair) Seed() []byte {
	if k.seed == nil {
		return nil
	}
	return append([]byte(nil), k.seed...)
}

// PrivateKey returns a copy of the 64-byte secret in schnorrkel's to_bytes
// layout: canonical scalar || nonce (bittensor's Keypair.private_key).
func (k *Keypair) PrivateKey() []byte {
	out := make([]byte, 0, PrivateKeySize)
	out = append(out, k.key[:]...)
	return append(out, k.nonce[:]...)
}
