package tx

import "github.com/taonet/taonet/keys"

// Childkey call indices (SubtensorModule; subtensor's call_index).
const (
	CallSetChildren                    uint8 = 67
	CallSudoSetTxChildkeyTakeRateLimit uint8 = 69
	CallSetChildkeyTake                uint8 = 75
	CallSudoSetMinChildkeyTake         uint8 = 76
	CallSudoSetMaxChildkeyTake         uint8 = 77
	CallSudoSetPendingChildkeyCooldown uint8 = 109
)

// MaxChildrenOnWire bounds the children list of a set_children call on the
// wire (the chain allows 5; a longer list decodes and is refused by name).
const MaxChildrenOnWire = 64

// Child is one child of a set_children call: the share of the parent's
// stake weight it receives, as Proportion / u64::MAX.
type Child struct {
	Proportion uint64
	Hotkey     keys.PublicKey
}

// SetChildren schedules Hotkey's children on Netuid (set_children; signed
// by the coldkey owning Hotkey). An empty list revokes them.
type SetChildren struct {
	Hotkey   keys.PublicKey
	Netuid   uint16
	Children []Child
}

// Module implements Call.
func (SetChildren) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SetChildren) Index() uint8 { return CallSetChildren }

// Name implements Call.
func (SetChildren) Name() string { return "SubtensorModule.set_children" }

// EncodeFields implements Call: hotkey, netuid, then the list as a length
// and (u64 proportion, child) pairs, as SCALE's Vec<(u64, AccountId)>.
func (c SetChildren) EncodeFields(e *Encoder) {
	e.Key(c.Hotkey)
	e.U16(c.Netuid)
	e.Len(len(c.Children))
	for _, ch := range c.Children {
		e.U64(ch.Proportion)
		e.Key(ch.Hotkey)
	}
}

// SetChildkeyTake sets the share of its parents' dividends Hotkey keeps as
// a child on Netuid (set_childkey_take; Take / 65535; signed by its coldkey).
type SetChildkeyTake struct {
	Hotkey keys.PublicKey
	Netuid uint16
	Take   uint16
}

// Module implements Call.
func (SetChildkeyTake) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SetChildkeyTake) Index() uint8 { return CallSetChildkeyTake }

// Name implements Call.
func (SetChildkeyTake) Name() string { return "SubtensorModule.set_childkey_take" }

// EncodeFields implements Call.
func (c SetChildkeyTake) EncodeFields(e *Encoder) {
	e.Key(c.Hotkey)
	e.U16(c.Netuid)
	e.U16(c.Take)
}

// ChildkeySudo is one of the root-origin childkey setters of
// SubtensorModule: the take rate limit (69), the minimum (76) and maximum
// (77) childkey take, and the pending-children cooldown (109). Value is
// the new value (u16 for the takes, u64 otherwise).
type ChildkeySudo struct {
	Call  uint8
	Value uint64
}

// Module implements Call.
func (ChildkeySudo) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (c ChildkeySudo) Index() uint8 { return c.Call }

// Name implements Call.
func (c ChildkeySudo) Name() string { return "SubtensorModule." + childkeySudoNames[c.Call] }

// EncodeFields implements Call.
func (c ChildkeySudo) EncodeFields(e *Encoder) {
	if c.takeWidth() {
		e.U16(uint16(c.Value))
		return
	}
	e.U64(c.Value)
}

// FeeExempt implements FeeExempt (sudo calls: Pays::No).
func (ChildkeySudo) FeeExempt() bool { return true }

func (c ChildkeySudo) takeWidth() bool {
	return c.Call == CallSudoSetMinChildkeyTake || c.Call == CallSudoSetMaxChildkeyTake
}

var childkeySudoNames = map[uint8]string{
	CallSudoSetTxChildkeyTakeRateLimit: "sudo_set_tx_childkey_take_rate_limit",
	CallSudoSetMinChildkeyTake:         "sudo_set_min_childkey_take",
	CallSudoSetMaxChildkeyTake:         "sudo_set_max_childkey_take",
	CallSudoSetPendingChildkeyCooldown: "set_pending_childkey_cooldown",
}

func init() {
	Register(ModuleSubtensor, CallSetChildren, SetChildren{}.Name(), func(d *Decoder) Call {
		c := SetChildren{Hotkey: d.Key("hotkey"), Netuid: d.U16("netuid")}
		n := d.Len("children", MaxChildrenOnWire)
		for range n {
			if d.Err() != nil {
				break
			}
			c.Children = append(c.Children, Child{Proportion: d.U64("proportion"), Hotkey: d.Key("child")})
		}
		return c
	})
	Register(ModuleSubtensor, CallSetChildkeyTake, SetChildkeyTake{}.Name(), func(d *Decoder) Call {
		return SetChildkeyTake{Hotkey: d.Key("hotkey"), Netuid: d.U16("netuid"), Take: d.U16("take")}
	})
	for idx, name := range childkeySudoNames {
		Register(ModuleSubtensor, idx, "SubtensorModule."+name, func(d *Decoder) Call {
			c := ChildkeySudo{Call: idx}
			if c.takeWidth() {
				c.Value = uint64(d.U16("take"))
			} else {
				c.Value = d.U64("value")
			}
			return c
		})
	}
}
