package tx

import (
	"fmt"
	"sort"
)

// Module indices (stable; the runtime's pallet indices).
const (
	// ModuleBalances holds transfers.
	ModuleBalances uint8 = 5
	// ModuleSubtensor holds subnets, neurons, staking and weights (subtensor's SubtensorModule).
	ModuleSubtensor uint8 = 7
	// ModuleAdmin holds owner and sudo hyperparameter setters (subtensor's AdminUtils).
	ModuleAdmin uint8 = 19
)

// Call is one dispatchable call. Implementations are plain value structs.
type Call interface {
	// Module is the stable module index.
	Module() uint8
	// Index is the stable call index within the module.
	Index() uint8
	// Name is "Module.call_name", e.g. "Balances.transfer_keep_alive".
	Name() string
	// EncodeFields appends the call's fields in canonical order.
	EncodeFields(e *Encoder)
}

type callSpec struct {
	name   string
	decode func(d *Decoder) Call
}

var registry = map[uint16]callSpec{}

func callKey(module, index uint8) uint16 { return uint16(module)<<8 | uint16(index) }

// Register adds a call decoder under (module, index). It panics on a
// duplicate, which is a programming error. Call it from init functions only.
func Register(module, index uint8, name string, decode func(d *Decoder) Call) {
	k := callKey(module, index)
	if prev, ok := registry[k]; ok {
		panic(fmt.Sprintf("tx: call %d/%d registered twice (%s, %s)", module, index, prev.name, name))
	}
	registry[k] = callSpec{name: name, decode: decode}
}

// CallInfo describes a registered call.
type CallInfo struct {
	Module, Index uint8
	Name          string
}

// Calls lists every registered call in (module, index) order.
func Calls() []CallInfo {
	out := make([]CallInfo, 0, len(registry))
	for k, s := range registry {
		out = append(out, CallInfo{Module: uint8(k >> 8), Index: uint8(k), Name: s.name})
	}
	sort.Slice(out, func(i, j int) bool {
		return callKey(out[i].Module, out[i].Index) < callKey(out[j].Module, out[j].Index)
	})
	return out
}

// FeeExempt is implemented by calls that pay no base fee (only their tip):
// the reference's Pays::No calls (see the package doc for the list).
// FeeExempt reports whether this call is exempt; AdminUtils setters answer
// per setter.
type FeeExempt interface {
	Call
	FeeExempt() bool
}

// PaysFee reports whether c pays the base fee.
func PaysFee(c Call) bool {
	f, ok := c.(FeeExempt)
	return !ok || !f.FeeExempt()
}
