package keys

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"strings"

	bip39 "github.com/cosmos/go-bip39"
)

// DevPhrase is substrate's well-known development mnemonic; a secret URI
// without a phrase ("//Alice") derives from it.
const DevPhrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"

// NewMnemonic returns a fresh BIP39 English mnemonic of words words
// (12, 15, 18, 21 or 24) from crypto/rand.
func NewMnemonic(words int) (string, error) {
	if !validWordCount(words) {
		return "", fmt.Errorf("%w: %d words, want 12, 15, 18, 21 or 24", ErrInvalidMnemonicLength, words)
	}
	entropy, err := bip39.NewEntropy(words * 11 * 32 / 33)
	if err != nil {
		return "", fmt.Errorf("keys: entropy: %w", err)
	}
	return bip39.NewMnemonic(entropy)
}

func validWordCount(n int) bool { return n >= 12 && n <= 24 && n%3 == 0 }

// MnemonicEntropy checks a BIP39 English mnemonic (words separated by
// whitespace) and returns its entropy (16..32 bytes). Errors wrap
// ErrInvalidMnemonicLength, ErrInvalidMnemonicWord or
// ErrInvalidMnemonicChecksum.
func MnemonicEntropy(phrase string) ([]byte, error) {
	words := strings.Fields(phrase)
	if !validWordCount(len(words)) {
		return nil, fmt.Errorf("%w: %d words, want 12, 15, 18, 21 or 24", ErrInvalidMnemonicLength, len(words))
	}
	// Pack the 11-bit word indexes big-endian: entropy bits then checksum bits.
	bits := len(words) * 11
	packed := make([]byte, (bits+7)/8)
	pos := 0
	for i, w := range words {
		idx, ok := bip39.ReverseWordMap[w]
		if !ok {
			return nil, fmt.Errorf("%w: word %d", ErrInvalidMnemonicWord, i+1)
		}
		for b := 10; b >= 0; b-- {
			if idx>>b&1 == 1 {
				packed[pos/8] |= 0x80 >> (pos % 8)
			}
			pos++
		}
	}
	csBits := bits / 33
	entropy := packed[:(bits-csBits)/8]
	want := sha256.Sum256(entropy)[0] >> (8 - csBits)
	got := packed[len(entropy)] >> (8 - csBits)
	if want != got {
		return nil, ErrInvalidMnemonicChecksum
	}
	return append([]byte(nil), entropy...), nil
}

// MiniSecretFromMnemonic applies substrate-bip39: the 32-byte mini secret is
// PBKDF2-HMAC-SHA512 over the mnemonic's entropy (not its sentence) with salt
// "mnemonic"+password and 2048 rounds, truncated to 32 bytes.
func MiniSecretFromMnemonic(phrase, password string) ([]byte, error) {
	entropy, err := MnemonicEntropy(phrase)
	if err != nil {
		return nil, err
	}
	seed, err := pbkdf2.Key(sha512.New, string(entropy), []byte("mnemonic"+password), 2048, 64)
	if err != nil {
		return nil, fmt.Errorf("keys: pbkdf2: %w", err)
	}
	return seed[:32], nil
}
