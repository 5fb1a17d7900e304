package wallet

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/taonet/taonet/keys"
)

// Key is the content of a keyfile: always a public key, and the secret
// keypair unless the file is public-only (coldkeypub.txt, *pub.txt).
type Key struct {
	// Public is the account id.
	Public keys.PublicKey
	// Keypair is the secret key, nil for a public-only file.
	Keypair *keys.Keypair
}

// SS58 returns the key's address.
func (k *Key) SS58() string { return k.Public.SS58() }

// keyfileJSON holds the reference's keyfile fields. Pointers distinguish an
// absent or null field from an empty string.
type keyfileJSON struct {
	AccountID    *string `json:"accountId,omitempty"`
	PublicKey    *string `json:"publicKey,omitempty"`
	PrivateKey   *string `json:"privateKey,omitempty"`
	SecretPhrase *string `json:"secretPhrase,omitempty"`
	SecretSeed   *string `json:"secretSeed,omitempty"`
	SS58Address  *string `json:"ss58Address,omitempty"`
}

func strp(s string) *string { return &s }

// EncodeKeyfile serializes a keypair as the reference's keyfile JSON
// (compact): accountId, publicKey, privateKey, ss58Address, and secretPhrase
// and secretSeed when the keypair has them.
func EncodeKeyfile(kp *keys.Keypair) []byte {
	pub := kp.Public()
	kf := keyfileJSON{
		AccountID:   strp(pub.Hex()),
		PublicKey:   strp(pub.Hex()),
		PrivateKey:  strp("0x" + hex.EncodeToString(kp.PrivateKey())),
		SS58Address: strp(pub.SS58()),
	}
	if m := kp.Mnemonic(); m != "" {
		kf.SecretPhrase = strp(m)
	}
	if s := kp.Seed(); s != nil {
		kf.SecretSeed = strp("0x" + hex.EncodeToString(s))
	}
	b, _ := json.Marshal(kf) // strings only: cannot fail
	return b
}

// EncodePublicKeyfile serializes a public-only keyfile (coldkeypub.txt):
// accountId, publicKey and ss58Address.
func EncodePublicKeyfile(pub keys.PublicKey) []byte {
	b, _ := json.Marshal(keyfileJSON{
		AccountID:   strp(pub.Hex()),
		PublicKey:   strp(pub.Hex()),
		SS58Address: strp(pub.SS58()),
	})
	return b
}

// DecodeKeyfile parses plaintext keyfile bytes the way the reference loads
// them: secretPhrase, else secretSeed, else privateKey make the keypair;
// else ss58Address (or publicKey) makes a public-only key. Null fields count
// as absent, so files of older bittensor versions load. A legacy keyfile
// that is just "0x<public key hex>" or an SS58 address is read as public-only.
//
// Unlike the reference, a keypair that contradicts the file's ss58Address or
// publicKey is rejected (ErrCorruptKeyfile) instead of silently trusted.
// Encrypted input wraps ErrUnknownFormat: Decrypt it first.
func DecodeKeyfile(data []byte) (*Key, error) {
	if IsEncrypted(data) {
		return nil, fmt.Errorf("%w: %s-encrypted data must be decrypted first", ErrUnknownFormat, DetectFormat(data))
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrCorruptKeyfile)
	}
	if trimmed[0] != '{' {
		return decodeBarePublicKey(string(trimmed))
	}
	var kf keyfileJSON
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&kf); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, fmt.Errorf("%w: field %s is not a string", ErrCorruptKeyfile, ute.Field)
		}
		return nil, fmt.Errorf("%w: %v", ErrCorruptKeyfile, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrCorruptKeyfile)
	}

	var kp *keys.Keypair
	var err error
	switch {
	case kf.SecretPhrase != nil:
		kp, err = keys.FromMnemonic(*kf.SecretPhrase)
		if err != nil {
			return nil, fmt.Errorf("%w: secretPhrase: %w", ErrCorruptKeyfile, err)
		}
	case kf.SecretSeed != nil:
		seed, err := decodeSeedField(*kf.SecretSeed)
		if err != nil {
			return nil, err
		}
		if kp, err = keys.FromSeed(seed); err != nil {
			return nil, fmt.Errorf("%w: secretSeed: %w", ErrCorruptKeyfile, err)
		}
	case kf.PrivateKey != nil:
		b, err := keys.DecodeHex(*kf.PrivateKey)
		if err != nil {
			return nil, fmt.Errorf("%w: privateKey: %w", ErrCorruptKeyfile, err)
		}
		if kp, err = keys.FromSeed(b); err != nil {
			return nil, fmt.Errorf("%w: privateKey: %w", ErrCorruptKeyfile, err)
		}
	}

	// The public key the file claims, if any.
	var claimed *keys.PublicKey
	if kf.SS58Address != nil {
		p, err := keys.ParseSS58(*kf.SS58Address)
		if err != nil {
			return nil, fmt.Errorf("%w: ss58Address: %w", ErrCorruptKeyfile, err)
		}
		claimed = &p
	} else if kf.PublicKey != nil {
		p, err := keys.ParsePublicKey(*kf.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("%w: publicKey: %w", ErrCorruptKeyfile, err)
		}
		claimed = &p
	}

	switch {
	case kp != nil:
		if claimed != nil && *claimed != kp.Public() {
			return nil, fmt.Errorf("%w: the secret key is for %s but the file names %s", ErrCorruptKeyfile, kp.SS58(), claimed.SS58())
		}
		return &Key{Public: kp.Public(), Keypair: kp}, nil
	case claimed != nil:
		return &Key{Public: *claimed}, nil
	}
	return nil, fmt.Errorf("%w: no secretPhrase, secretSeed, privateKey or ss58Address", ErrUnknownFormat)
}

// decodeSeedField decodes a secretSeed value. It is normally "0x"+hex; the
// reference writes "0x"+<raw bytes> when the 32 seed bytes happen to be valid
// UTF-8, which is accepted too.
func decodeSeedField(s string) ([]byte, error) {
	body := strings.TrimPrefix(s, "0x")
	if b, err := hex.DecodeString(body); err == nil {
		return b, nil
	}
	if len(body) == keys.MiniSecretSize && utf8.ValidString(body) {
		return []byte(body), nil
	}
	return nil, fmt.Errorf("%w: secretSeed is neither hex nor a raw 32-byte seed", ErrCorruptKeyfile)
}

func decodeBarePublicKey(s string) (*Key, error) {
	if strings.HasPrefix(s, "0x") {
		p, err := keys.ParsePublicKey(s)
		if err != nil {
			return nil, fmt.Errorf("%w: bare public key: %w", ErrCorruptKeyfile, err)
		}
		return &Key{Public: p}, nil
	}
	if p, err := keys.ParseSS58(s); err == nil {
		return &Key{Public: p}, nil
	}
	return nil, fmt.Errorf("%w: neither keyfile JSON nor a public key", ErrUnknownFormat)
}
