package keys

import "errors"

var (
	// ErrInvalidBase58 is returned when an SS58 string contains a character
	// outside the bitcoin base58 alphabet.
	ErrInvalidBase58 = errors.New("keys: invalid base58")
	// ErrInvalidSS58Length is returned when a decoded SS58 address has the
	// wrong number of bytes for its prefix and a 32-byte account id.
	ErrInvalidSS58Length = errors.New("keys: invalid ss58 length")
	// ErrInvalidSS58Checksum is returned when the two checksum bytes of an
	// SS58 address do not match its blake2b-512 "SS58PRE" hash.
	ErrInvalidSS58Checksum = errors.New("keys: invalid ss58 checksum")
	// ErrInvalidSS58Prefix is returned for an SS58 address whose first byte is
	// not a valid one- or two-byte network prefix, or when encoding with a
	// prefix above 16383.
	ErrInvalidSS58Prefix = errors.New("keys: invalid ss58 prefix")
	// ErrInvalidHex is returned when a "0x" hex string does not decode.
	ErrInvalidHex = errors.New("keys: invalid hex")
	// ErrInvalidPublicKey is returned when a public key is not 32 bytes or not
	// given as "0x"+hex or SS58.
	ErrInvalidPublicKey = errors.New("keys: invalid public key")
	// ErrInvalidMnemonicWord is returned when a mnemonic contains a word that
	// is not in the BIP39 English word list.
	ErrInvalidMnemonicWord = errors.New("keys: invalid mnemonic word")
	// ErrInvalidMnemonicChecksum is returned when a mnemonic's BIP39 checksum
	// bits do not match its entropy.
	ErrInvalidMnemonicChecksum = errors.New("keys: invalid mnemonic checksum")
	// ErrInvalidMnemonicLength is returned when a mnemonic does not have 12,
	// 15, 18, 21 or 24 words, or NewMnemonic is asked for another count.
	ErrInvalidMnemonicLength = errors.New("keys: invalid mnemonic length")
	// ErrInvalidURI is returned when a secret URI does not match the
	// sp-core grammar "<phrase|0xseed>[/soft|//hard]*[///password]".
	ErrInvalidURI = errors.New("keys: invalid secret uri")
	// ErrInvalidSeed is returned when a seed is not a 32-byte mini secret or a
	// 64-byte key||nonce whose scalar is canonical.
	ErrInvalidSeed = errors.New("keys: invalid seed")
	// ErrInvalidSignature is returned when a signature is not 64 bytes.
	ErrInvalidSignature = errors.New("keys: invalid signature")
)
