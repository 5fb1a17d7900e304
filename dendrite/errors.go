package dendrite

import "errors"

var (
	// ErrInvalidConfig is returned by Config.Validate and New for a config
	// that cannot work.
	ErrInvalidConfig = errors.New("dendrite: invalid config")
	// ErrTimeout is a Response.Err when the axon did not answer within the
	// query timeout (status 408).
	ErrTimeout = errors.New("dendrite: request timeout")
	// ErrCanceled is a Response.Err when the caller's context ended first.
	ErrCanceled = errors.New("dendrite: request canceled")
	// ErrUnavailable is a Response.Err when the axon could not be reached or
	// dropped the connection (status 503).
	ErrUnavailable = errors.New("dendrite: axon unavailable")
	// ErrClient is a Response.Err for other transport failures (status 500).
	ErrClient = errors.New("dendrite: client error")
	// ErrPayload is a Response.Err when the response body could not be read
	// or exceeded Config.MaxResponseBytes (status 400).
	ErrPayload = errors.New("dendrite: payload error")
	// ErrBadResponse is a Response.Err when a response did not parse (status
	// 422, the reference's "Failed to parse response").
	ErrBadResponse = errors.New("dendrite: failed to parse response")
	// ErrAxonSignature is a Response.Err when the response's axon signature
	// does not verify against the queried hotkey, or is missing while
	// Config.RequireAxonSignature is set (status 401).
	ErrAxonSignature = errors.New("dendrite: axon signature mismatch")
	// ErrStatus is a Response.Err when the axon answered with a status other
	// than 200; Response.StatusCode and Message give the details.
	ErrStatus = errors.New("dendrite: axon refused the request")
	// ErrInvalidSynapse is a Response.Err when the query synapse cannot be
	// encoded (see synapse.Check).
	ErrInvalidSynapse = errors.New("dendrite: invalid synapse")
)
