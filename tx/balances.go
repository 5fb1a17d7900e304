package tx

import "github.com/taonet/taonet/keys"

// Transfer moves Value rao to Dest. When KeepAlive is false it is
// transfer_allow_death (the sender may be emptied to zero); when true it is
// transfer_keep_alive (the sender must keep at least the existential deposit).
type Transfer struct {
	Dest      keys.PublicKey
	Value     uint64
	KeepAlive bool
}

// Balances call indices.
const (
	CallTransferAllowDeath uint8 = 0
	CallTransferKeepAlive  uint8 = 3
)

// Module implements Call.
func (Transfer) Module() uint8 { return ModuleBalances }

// Index implements Call.
func (c Transfer) Index() uint8 {
	if c.KeepAlive {
		return CallTransferKeepAlive
	}
	return CallTransferAllowDeath
}

// Name implements Call.
func (c Transfer) Name() string {
	if c.KeepAlive {
		return "Balances.transfer_keep_alive"
	}
	return "Balances.transfer_allow_death"
}

// EncodeFields implements Call.
func (c Transfer) EncodeFields(e *Encoder) { e.Key(c.Dest); e.U64(c.Value) }

func init() {
	for _, keep := range []bool{false, true} {
		keep := keep
		c := Transfer{KeepAlive: keep}
		Register(ModuleBalances, c.Index(), c.Name(), func(d *Decoder) Call {
			return Transfer{Dest: d.Key("dest"), Value: d.U64("value"), KeepAlive: keep}
		})
	}
}
