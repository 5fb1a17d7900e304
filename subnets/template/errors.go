package template

import (
	"errors"
	"fmt"
)

var (
	// ErrInvalidConfig is returned by the config Validate methods.
	ErrInvalidConfig = errors.New("template: invalid config")
	// ErrNotRegistered is returned when the neuron's hotkey holds no UID
	// on the subnet; register it with burned_register first.
	ErrNotRegistered = errors.New("template: hotkey is not registered on the subnet")
	// ErrStarted is returned by Attach after the miner started, and by a
	// second Start or Run.
	ErrStarted = errors.New("template: already started")
	// ErrNoMiners is logged by a validator step that finds no neuron to
	// query (none other than itself serves an axon).
	ErrNoMiners = errors.New("template: no miners to query")
	// ErrNoScores is returned by SetWeights while every score is zero.
	ErrNoScores = errors.New("template: no scores to set weights from")
	// ErrNoPermit is returned by SetWeights while the validator holds no
	// validator permit (the chain would refuse its weights).
	ErrNoPermit = errors.New("template: no validator permit")
	// ErrVersionKey is returned by SetWeights when the validator's version
	// key is below the subnet's weights_version.
	ErrVersionKey = errors.New("template: version key below the subnet's weights_version")
	// ErrRateLimited is returned by SetWeights when the subnet's
	// weights_rate_limit has not passed since the last update.
	ErrRateLimited = errors.New("template: weights rate limit")
)

// TxError is a transaction the chain refused or failed.
type TxError struct {
	// Call is the call's name, e.g. "SubtensorModule.set_weights".
	Call string
	// Err is the client's error.
	Err error
}

func (e *TxError) Error() string { return fmt.Sprintf("template: %s: %v", e.Call, e.Err) }

// Unwrap returns the client's error.
func (e *TxError) Unwrap() error { return e.Err }
