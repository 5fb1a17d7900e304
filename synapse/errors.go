package synapse

import "errors"

var (
	// ErrUnsupportedType is returned when a hashed or header field has a Go
	// type whose Python str() or JSON form this package does not reproduce
	// (channels, functions, complex numbers, maps with non-string keys, []byte).
	ErrUnsupportedType = errors.New("synapse: unsupported field type")
	// ErrUnknownHashField is returned when RequiredHashFields names a field
	// the synapse type does not have.
	ErrUnknownHashField = errors.New("synapse: unknown hash field")
	// ErrMalformedHeader is returned by FromHeaders when a header value does not
	// parse into its field (a non-numeric timeout or nonce, bad base64, ...),
	// or a required input object header is missing.
	ErrMalformedHeader = errors.New("synapse: malformed header")
	// ErrMalformedBody is returned by Unmarshal when the JSON body does not
	// decode into the synapse type.
	ErrMalformedBody = errors.New("synapse: malformed body")
	// ErrNotStructPointer is returned when a Synapse is not a non-nil pointer
	// to a struct embedding Base.
	ErrNotStructPointer = errors.New("synapse: synapse must be a non-nil pointer to a struct")
	// ErrBadSignature is returned by ParseSignature for a signature that is not
	// "0x" followed by 128 hex digits.
	ErrBadSignature = errors.New("synapse: malformed signature")
)
