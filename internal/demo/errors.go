package demo

import "errors"

var (
	// ErrNoSudo is returned by Setup when //Alice is not the chain's sudo
	// key (a localnet initialised before the demo existed): start a new
	// localnet with --reset.
	ErrNoSudo = errors.New("demo: //Alice is not the chain's sudo key; start a new localnet with --reset")
	// ErrInvalidConfig is returned by Config.Validate.
	ErrInvalidConfig = errors.New("demo: invalid config")
	// ErrTxFailed is returned when a setup transaction fails in its block.
	ErrTxFailed = errors.New("demo: setup transaction failed")
)
