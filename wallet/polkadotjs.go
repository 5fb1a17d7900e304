package wallet

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	"golang.org/x/crypto/nacl/secretbox"
	"golang.org/x/crypto/scrypt"

	"github.com/taonet/taonet/keys"
)

// polkadot.js PKCS8 framing of an sr25519 key.
var (
	pkcs8Header  = []byte{0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20}
	pkcs8Divider = []byte{0xa1, 0x23, 0x03, 0x21, 0x00}
)

type polkadotJSON struct {
	Encoded  string `json:"encoded"`
	Encoding struct {
		Content []string `json:"content"`
		Type    []string `json:"type"`
		Version string   `json:"version"`
	} `json:"encoding"`
	Address string `json:"address"`
}

// Bounds on the scrypt parameters an import accepts, so that a hostile file
// cannot ask for unbounded memory or time (polkadot.js uses N=2^15, r=8,
// p=1: 32 MiB). scrypt needs 128·N·r bytes.
const (
	maxScryptMemory = 256 << 20
	maxScryptR      = 32
	maxScryptP      = 16
)

// DecodePolkadotJSON imports a polkadot.js account export (JSON version 3,
// pkcs8 sr25519, scrypt + xsalsa20-poly1305) as bittensor's
// Keypair.create_from_encrypted_json does. The key comes back without
// mnemonic or seed (polkadot.js stores only the expanded secret). A wrong
// passphrase wraps ErrWrongPassword; anything malformed wraps
// ErrInvalidPolkadotJSON.
func DecodePolkadotJSON(data []byte, passphrase string) (*keys.Keypair, error) {
	var pj polkadotJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidPolkadotJSON, err)
	}
	if pj.Encoding.Version != "3" {
		return nil, fmt.Errorf("%w: version %q, want \"3\"", ErrInvalidPolkadotJSON, pj.Encoding.Version)
	}
	if !slices.Contains(pj.Encoding.Content, "sr25519") {
		return nil, fmt.Errorf("%w: key type %v, want sr25519", ErrInvalidPolkadotJSON, pj.Encoding.Content)
	}
	enc, err := base64.StdEncoding.DecodeString(pj.Encoded)
	if err != nil {
		return nil, fmt.Errorf("%w: encoded: %v", ErrInvalidPolkadotJSON, err)
	}

	var key [32]byte
	if slices.Contains(pj.Encoding.Type, "scrypt") {
		if len(enc) < 44 {
			return nil, fmt.Errorf("%w: %d encoded bytes", ErrInvalidPolkadotJSON, len(enc))
		}
		salt := enc[:32]
		n := binary.LittleEndian.Uint32(enc[32:36])
		p := binary.LittleEndian.Uint32(enc[36:40])
		r := binary.LittleEndian.Uint32(enc[40:44])
		if n < 2 || n&(n-1) != 0 || r == 0 || r > maxScryptR || p == 0 || p > maxScryptP || 128*uint64(n)*uint64(r) > maxScryptMemory {
			return nil, fmt.Errorf("%w: scrypt parameters N=%d r=%d p=%d", ErrInvalidPolkadotJSON, n, r, p)
		}
		dk, err := scrypt.Key([]byte(passphrase), salt, int(n), int(r), int(p), 32)
		if err != nil {
			return nil, fmt.Errorf("%w: scrypt: %v", ErrInvalidPolkadotJSON, err)
		}
		copy(key[:], dk)
		enc = enc[44:]
	} else {
		if len(passphrase) > 32 {
			return nil, fmt.Errorf("%w: a passphrase without scrypt is at most 32 bytes", ErrInvalidPolkadotJSON)
		}
		copy(key[:], passphrase)
	}
	if len(enc) < 24+secretbox.Overhead {
		return nil, fmt.Errorf("%w: ciphertext of %d bytes", ErrInvalidPolkadotJSON, len(enc))
	}
	nonce := [24]byte(enc[:24])
	plain, ok := secretbox.Open(nil, enc[24:], &nonce, &key)
	if !ok {
		return nil, ErrWrongPassword
	}
	want := len(pkcs8Header) + 64 + len(pkcs8Divider) + 32
	if len(plain) < want || !bytes.HasPrefix(plain, pkcs8Header) || !bytes.Equal(plain[len(pkcs8Header)+64:len(pkcs8Header)+64+len(pkcs8Divider)], pkcs8Divider) {
		return nil, fmt.Errorf("%w: bad pkcs8 framing", ErrInvalidPolkadotJSON)
	}
	secret := plain[len(pkcs8Header) : len(pkcs8Header)+64]
	pub := plain[len(pkcs8Header)+64+len(pkcs8Divider) : want]
	kp, err := keys.FromEd25519Secret(secret)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPolkadotJSON, err)
	}
	if kp.Public() != keys.PublicKey(pub) {
		return nil, fmt.Errorf("%w: secret and public key do not match", ErrInvalidPolkadotJSON)
	}
	if pj.Address != "" {
		if addr, err := keys.ParseSS58(pj.Address); err != nil || addr != kp.Public() {
			return nil, fmt.Errorf("%w: address %q does not match the key", ErrInvalidPolkadotJSON, pj.Address)
		}
	}
	return kp, nil
}
