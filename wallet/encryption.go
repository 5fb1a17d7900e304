package wallet

import (
	"bytes"
	"crypto/rand"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/nacl/secretbox"
)

// Format is the encoding of a keyfile's bytes on disk.
type Format int

// Keyfile formats, detected by prefix as the reference does.
const (
	// FormatPlain is unencrypted keyfile JSON (or a legacy bare public key).
	FormatPlain Format = iota
	// FormatNaCl is "$NACL" ‖ nonce(24) ‖ secretbox(JSON): the current format.
	FormatNaCl
	// FormatAnsibleVault is "$ANSIBLE_VAULT;1.1;AES256" (legacy, read only).
	FormatAnsibleVault
	// FormatFernet is a "gAAAAA..." Fernet token (legacy bittensor, read only).
	FormatFernet
)

// String names the format as the reference's keyfile_data_encryption_method.
func (f Format) String() string {
	switch f {
	case FormatNaCl:
		return "NaCl"
	case FormatAnsibleVault:
		return "Ansible Vault"
	case FormatFernet:
		return "legacy"
	}
	return "plain"
}

const naclPrefix = "$NACL"

// naclSalt is the reference's fixed argon2i salt, the same for every wallet.
var naclSalt = []byte("\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1")

// DetectFormat classifies keyfile bytes by their prefix.
func DetectFormat(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte(naclPrefix)):
		return FormatNaCl
	case bytes.HasPrefix(data, []byte("$ANSIBLE_VAULT")):
		return FormatAnsibleVault
	case bytes.HasPrefix(data, []byte("gAAAAA")):
		return FormatFernet
	}
	return FormatPlain
}

// IsEncrypted reports whether keyfile bytes are in an encrypted format.
func IsEncrypted(data []byte) bool { return DetectFormat(data) != FormatPlain }

// KDF holds the argon2i parameters of the $NACL format. The file does not
// record them, so only DefaultKDF produces files that other implementations
// open; other values exist to keep tests fast.
type KDF struct {
	// Time is the number of passes (libsodium's opslimit for argon2i).
	Time uint32
	// MemoryKiB is the memory cost in KiB (libsodium's memlimit / 1024).
	MemoryKiB uint32
	// Threads is the parallelism; libsodium always uses 1.
	Threads uint8
}

// DefaultKDF returns the reference's parameters: libsodium argon2i13
// OPSLIMIT_SENSITIVE (8 passes) and MEMLIMIT_SENSITIVE (512 MiB), one lane.
func DefaultKDF() KDF { return KDF{Time: 8, MemoryKiB: 512 * 1024, Threads: 1} }

func (k KDF) orDefault() KDF {
	if k == (KDF{}) {
		return DefaultKDF()
	}
	return k
}

// Validate reports whether the parameters are usable.
func (k KDF) Validate() error {
	if k.Time == 0 || k.Threads == 0 || k.MemoryKiB < 8*uint32(k.Threads) {
		return fmt.Errorf("wallet: invalid argon2 parameters %+v", k)
	}
	return nil
}

// NaClKey is a password's derived $NACL key. Deriving it is the expensive
// step (argon2i), so a caller that seals or opens several keyfiles with one
// password derives it once.
type NaClKey struct {
	key [32]byte
}

// DeriveNaClKey runs argon2i over password with the reference's salt and the
// given parameters (zero means DefaultKDF).
func DeriveNaClKey(password string, kdf KDF) (*NaClKey, error) {
	kdf = kdf.orDefault()
	if err := kdf.Validate(); err != nil {
		return nil, err
	}
	var k NaClKey
	copy(k.key[:], argon2.Key([]byte(password), naclSalt, kdf.Time, kdf.MemoryKiB, kdf.Threads, 32))
	return &k, nil
}

// Seal encrypts plain as "$NACL" ‖ random nonce ‖ secretbox.
func (k *NaClKey) Seal(plain []byte) ([]byte, error) {
	var nonce [24]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, fmt.Errorf("wallet: nonce: %w", err)
	}
	out := make([]byte, 0, len(naclPrefix)+len(nonce)+secretbox.Overhead+len(plain))
	out = append(out, naclPrefix...)
	out = append(out, nonce[:]...)
	return secretbox.Seal(out, plain, &nonce, &k.key), nil
}

// Open decrypts $NACL data. A wrong key (or damaged ciphertext: secretbox
// cannot tell them apart) wraps ErrWrongPassword; data too short to hold a
// nonce and tag wraps ErrCorruptKeyfile.
func (k *NaClKey) Open(data []byte) ([]byte, error) {
	if DetectFormat(data) != FormatNaCl {
		return nil, fmt.Errorf("%w: not $NACL data", ErrUnknownFormat)
	}
	body := data[len(naclPrefix):]
	if len(body) < 24+secretbox.Overhead {
		return nil, fmt.Errorf("%w: $NACL data of %d bytes is truncated", ErrCorruptKeyfile, len(body))
	}
	nonce := [24]byte(body[:24])
	plain, ok := secretbox.Open(nil, body[24:], &nonce, &k.key)
	if !ok {
		return nil, fmt.Errorf("%w (or the keyfile is damaged)", ErrWrongPassword)
	}
	return plain, nil
}

// EncryptNaCl encrypts keyfile JSON in the reference's $NACL format with a
// fresh random nonce. A zero kdf means DefaultKDF.
func EncryptNaCl(plain []byte, password string, kdf KDF) ([]byte, error) {
	k, err := DeriveNaClKey(password, kdf)
	if err != nil {
		return nil, err
	}
	return k.Seal(plain)
}

// decryptNaCl opens a $NACL keyfile, checking its length before paying for
// the key derivation.
func decryptNaCl(data []byte, password string, kdf KDF) ([]byte, error) {
	if len(data) < len(naclPrefix)+24+secretbox.Overhead {
		return nil, fmt.Errorf("%w: $NACL data of %d bytes is truncated", ErrCorruptKeyfile, len(data))
	}
	k, err := DeriveNaClKey(password, kdf)
	if err != nil {
		return nil, err
	}
	return k.Open(data)
}

// Decrypt returns the plaintext of keyfile bytes in any supported encrypted
// format; plaintext input is returned unchanged. kdf applies to $NACL only
// (zero means DefaultKDF). A wrong password wraps ErrWrongPassword; damaged
// data wraps ErrCorruptKeyfile.
func Decrypt(data []byte, password string, kdf KDF) ([]byte, error) {
	switch DetectFormat(data) {
	case FormatNaCl:
		return decryptNaCl(data, password, kdf)
	case FormatAnsibleVault:
		return decryptAnsibleVault(data, password)
	case FormatFernet:
		return decryptFernet(data, password, fernetIterations)
	}
	return data, nil
}
