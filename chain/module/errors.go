package module

import (
	"errors"
	"fmt"
	"sort"
)

// Error is a chain error with a stable (Codespace, Code) that is never
// renumbered, and the reference's name (subtensor's error names where one
// exists). It is returned to the caller and recorded in the tx result.
type Error struct {
	Codespace string
	Code      uint32
	Name      string
	Desc      string
}

func (e *Error) Error() string { return e.Codespace + ": " + e.Name + ": " + e.Desc }

var registered = map[string]*Error{}

// NewError registers and returns a chain error. Codes must be unique per
// codespace and non-zero; violations panic at init.
func NewError(codespace string, code uint32, name, desc string) *Error {
	if code == 0 {
		panic("module: error code 0 is reserved for success")
	}
	k := fmt.Sprintf("%s/%d", codespace, code)
	if prev, ok := registered[k]; ok {
		panic(fmt.Sprintf("module: error %s registered twice (%s, %s)", k, prev.Name, name))
	}
	e := &Error{Codespace: codespace, Code: code, Name: name, Desc: desc}
	registered[k] = e
	return e
}

// Wrapf wraps a chain error with detail; errors.Is(result, e) stays true.
func Wrapf(e *Error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{e}, args...)...)
}

// AsError finds the chain error inside err.
func AsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Errors lists every registered chain error sorted by codespace and code.
func Errors() []*Error {
	out := make([]*Error, 0, len(registered))
	for _, e := range registered {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Codespace != out[j].Codespace {
			return out[i].Codespace < out[j].Codespace
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// Codespaces used by the core modules.
const (
	CodespaceTx        = "tx"
	CodespaceBalances  = "balances"
	CodespaceSubtensor = "subtensor"
	CodespaceAdmin     = "admin"
)

// ErrOverflow is returned when checked arithmetic would overflow.
var ErrOverflow = NewError(CodespaceTx, 100, "Overflow", "arithmetic overflow")
