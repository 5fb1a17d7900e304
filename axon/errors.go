package axon

import (
	"errors"
	"fmt"
)

var (
	// ErrInvalidConfig is returned by Config.Validate and New for a config
	// that cannot work.
	ErrInvalidConfig = errors.New("axon: invalid config")
	// ErrDuplicateSynapse is returned by Attach when a synapse name is already
	// attached.
	ErrDuplicateSynapse = errors.New("axon: synapse already attached")
	// ErrNoForward is returned by Attach for a Handler without Forward.
	ErrNoForward = errors.New("axon: handler has no forward function")
	// ErrChunkTooLarge is returned by a stream's send for a chunk over
	// Config.MaxChunkBytes.
	ErrChunkTooLarge = errors.New("axon: stream chunk too large")
	// ErrStreamClosed is returned by a stream's send once the client has
	// gone, is too slow, or the request's deadline passed.
	ErrStreamClosed = errors.New("axon: stream closed")
	// ErrStarted is returned by Attach after the axon started serving, and by
	// Start when it is already serving.
	ErrStarted = errors.New("axon: already serving")
	// ErrListen is returned by Start when the axon cannot bind its address
	// (e.g. the port is held by another process).
	ErrListen = errors.New("axon: cannot listen")
	// ErrNotStarted is returned by Shutdown and Addr before Start.
	ErrNotStarted = errors.New("axon: not serving")

	// ErrNoHotkey is returned by DefaultVerify when the request names no
	// dendrite hotkey.
	ErrNoHotkey = errors.New("axon: no dendrite hotkey")
	// ErrInvalidHotkey is returned by DefaultVerify when the dendrite hotkey
	// is not a valid SS58 address.
	ErrInvalidHotkey = errors.New("axon: invalid dendrite hotkey")
	// ErrMissingNonce is returned by DefaultVerify when the request has no
	// dendrite nonce.
	ErrMissingNonce = errors.New("axon: missing nonce")
	// ErrMissingSignature is returned by DefaultVerify for an unsigned
	// request (the reference lets those through; taonet refuses them).
	ErrMissingSignature = errors.New("axon: missing signature")
	// ErrStaleNonce is returned by DefaultVerify when a sender's first nonce is
	// older than the allowed window (AllowedDelta plus the synapse timeout).
	ErrStaleNonce = errors.New("axon: nonce too old")
	// ErrReplayedNonce is returned by DefaultVerify when a nonce is not above
	// the last one accepted from the same hotkey and dendrite uuid.
	ErrReplayedNonce = errors.New("axon: nonce not above the last accepted one")
	// ErrFutureNonce is returned by DefaultVerify when Config.MaxFutureSkew is
	// set and a nonce lies further ahead of the axon's clock.
	ErrFutureNonce = errors.New("axon: nonce too far in the future")
	// ErrSignatureMismatch is returned by DefaultVerify when the signature does
	// not verify against the dendrite hotkey.
	ErrSignatureMismatch = errors.New("axon: signature mismatch")
)

// VerifyError is the error DefaultVerify returns. Its Error text is the
// reference's wording, which the axon sends to the dendrite after
// "Not Verified with error: "; Unwrap gives the sentinel (ErrStaleNonce, ...)
// for errors.Is.
type VerifyError struct {
	// Reason is one of the sentinel errors above.
	Reason error
	// Text is the reference's message for the failure.
	Text string
}

// Error returns the reference's message.
func (e *VerifyError) Error() string { return e.Text }

// Unwrap returns the sentinel reason.
func (e *VerifyError) Unwrap() error { return e.Reason }

func verifyErr(reason error, format string, args ...any) error {
	return &VerifyError{Reason: reason, Text: fmt.Sprintf(format, args...)}
}

// Error is returned by a Forward function to answer with a chosen HTTP status
// and message, like setting synapse.axon.status_code and raising in the
// reference. Any other Forward error is answered with 500 and
// "Internal Server Error #<id>", its text only logged.
type Error struct {
	// Code is the HTTP status code.
	Code int
	// Message is sent as {"message": Message}.
	Message string
}

// Error returns "axon: <code> <message>".
func (e *Error) Error() string { return fmt.Sprintf("axon: %d %s", e.Code, e.Message) }
