package wallet

import "errors"

var (
	// ErrWrongPassword is returned when an encrypted keyfile does not open
	// with the given password.
	ErrWrongPassword = errors.New("wallet: wrong password")
	// ErrPasswordRequired is returned when a keyfile is encrypted and no
	// password source is available.
	ErrPasswordRequired = errors.New("wallet: password required")
	// ErrKeyExists is returned when a write would replace an existing keyfile
	// and overwriting was not requested.
	ErrKeyExists = errors.New("wallet: key already exists")
	// ErrKeyNotFound is returned when a keyfile does not exist.
	ErrKeyNotFound = errors.New("wallet: key not found")
	// ErrCorruptKeyfile is returned for a keyfile that is truncated, not
	// valid JSON, or whose fields are malformed or contradict each other.
	ErrCorruptKeyfile = errors.New("wallet: corrupt keyfile")
	// ErrUnknownFormat is returned for a keyfile whose content is neither a
	// known encryption format nor a keyfile JSON with a usable key field.
	ErrUnknownFormat = errors.New("wallet: unknown keyfile format")
	// ErrPublicOnly is returned when a secret key is needed but the keyfile
	// holds only a public key.
	ErrPublicOnly = errors.New("wallet: keyfile holds only a public key")
	// ErrInvalidName is returned for a wallet or hotkey name that is empty,
	// "." or "..", or contains a path separator.
	ErrInvalidName = errors.New("wallet: invalid name")
	// ErrInvalidPolkadotJSON is returned for a polkadot.js export that cannot
	// be parsed or is of an unsupported version or key type.
	ErrInvalidPolkadotJSON = errors.New("wallet: invalid polkadot.js json")
)
