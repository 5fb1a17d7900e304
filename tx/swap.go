package tx

import "github.com/taonet/taonet/keys"

// Key-swap call indices (SubtensorModule; subtensor's call_index).
const (
	CallSwapHotkey          uint8 = 70
	CallSwapColdkey         uint8 = 71
	CallScheduleSwapColdkey uint8 = 73
)

// SwapHotkey moves every record of Hotkey to NewHotkey (swap_hotkey; signed
// by the coldkey owning Hotkey). The reference's netuid: Option<NetUid> is
// encoded as a bool (Some) followed, when true, by the u16 netuid; taonet
// swaps on every subnet (None) and refuses Some.
type SwapHotkey struct {
	Hotkey, NewHotkey keys.PublicKey
	// OnNetuid is true for Some(Netuid): a swap on one subnet only.
	OnNetuid bool
	// Netuid is the subnet of a one-subnet swap (encoded only when OnNetuid).
	Netuid uint16
}

// Module implements Call.
func (SwapHotkey) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SwapHotkey) Index() uint8 { return CallSwapHotkey }

// Name implements Call.
func (SwapHotkey) Name() string { return "SubtensorModule.swap_hotkey" }

// EncodeFields implements Call: hotkey, new hotkey, then the option.
func (c SwapHotkey) EncodeFields(e *Encoder) {
	e.Key(c.Hotkey)
	e.Key(c.NewHotkey)
	e.Bool(c.OnNetuid)
	if c.OnNetuid {
		e.U16(c.Netuid)
	}
}

// FeeExempt implements FeeExempt (swap_hotkey: Pays::No; it burns KeySwapCost).
func (SwapHotkey) FeeExempt() bool { return true }

// SwapColdkey moves everything OldColdkey holds to NewColdkey at once
// (swap_coldkey: root origin, i.e. sudo or a passed motion). The block step
// runs the same swap when a scheduled one comes due; root calls it to
// settle a coldkey in arbitration.
type SwapColdkey struct{ OldColdkey, NewColdkey keys.PublicKey }

// Module implements Call.
func (SwapColdkey) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SwapColdkey) Index() uint8 { return CallSwapColdkey }

// Name implements Call.
func (SwapColdkey) Name() string { return "SubtensorModule.swap_coldkey" }

// EncodeFields implements Call.
func (c SwapColdkey) EncodeFields(e *Encoder) {
	e.Key(c.OldColdkey)
	e.Key(c.NewColdkey)
}

// FeeExempt implements FeeExempt (swap_coldkey: Pays::No).
func (SwapColdkey) FeeExempt() bool { return true }

// ScheduleSwapColdkey schedules the signing coldkey's move to NewColdkey
// after the network's ColdkeySwapScheduleDuration (schedule_swap_coldkey).
type ScheduleSwapColdkey struct{ NewColdkey keys.PublicKey }

// Module implements Call.
func (ScheduleSwapColdkey) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (ScheduleSwapColdkey) Index() uint8 { return CallScheduleSwapColdkey }

// Name implements Call.
func (ScheduleSwapColdkey) Name() string { return "SubtensorModule.schedule_swap_coldkey" }

// EncodeFields implements Call.
func (c ScheduleSwapColdkey) EncodeFields(e *Encoder) { e.Key(c.NewColdkey) }

func init() {
	reg := func(c Call, decode func(d *Decoder) Call) { Register(c.Module(), c.Index(), c.Name(), decode) }
	reg(SwapHotkey{}, func(d *Decoder) Call {
		c := SwapHotkey{Hotkey: d.Key("hotkey"), NewHotkey: d.Key("new_hotkey"), OnNetuid: d.Bool("netuid option")}
		if c.OnNetuid {
			c.Netuid = d.U16("netuid")
		}
		return c
	})
	reg(SwapColdkey{}, func(d *Decoder) Call {
		return SwapColdkey{OldColdkey: d.Key("old_coldkey"), NewColdkey: d.Key("new_coldkey")}
	})
	reg(ScheduleSwapColdkey{}, func(d *Decoder) Call { return ScheduleSwapColdkey{NewColdkey: d.Key("new_coldkey")} })
}
