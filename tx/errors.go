package tx

import "errors"

var (
	// ErrTruncated is returned when the input ends before a value is complete.
	ErrTruncated = errors.New("tx: truncated input")
	// ErrTrailingBytes is returned when bytes remain after a complete value.
	ErrTrailingBytes = errors.New("tx: trailing bytes")
	// ErrNonCanonical is returned for an encoding that is valid but not the unique one (e.g. a non-minimal varint or a bool other than 0/1).
	ErrNonCanonical = errors.New("tx: non-canonical encoding")
	// ErrTooLarge is returned when a transaction or one of its fields exceeds its size limit.
	ErrTooLarge = errors.New("tx: too large")
	// ErrUnknownVersion is returned for a transaction version this node does not know.
	ErrUnknownVersion = errors.New("tx: unknown version")
	// ErrUnknownCall is returned when the (module, call) index pair names no call.
	ErrUnknownCall = errors.New("tx: unknown call")
	// ErrBadSignature is returned when the signature does not verify against the signer.
	ErrBadSignature = errors.New("tx: bad signature")
	// ErrInvalidField is returned when a decoded field is out of its allowed range.
	ErrInvalidField = errors.New("tx: invalid field")
)
