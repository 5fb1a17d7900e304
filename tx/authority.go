package tx

// ModuleAuthorities holds the consensus validator set's calls (the
// reference's AdminUtils.swap_authorities, split into add and remove so a
// change names one key at a time).
const ModuleAuthorities uint8 = 30

// Authority call indices.
const (
	CallAddAuthority    uint8 = 0
	CallRemoveAuthority uint8 = 1
)

// AddAuthority makes the ed25519 consensus key Key a validator with voting
// power Power (root origin: sudo, or a passed motion). CometBFT applies the
// change two blocks after the block that carries it.
type AddAuthority struct {
	Key   [32]byte
	Power uint64
}

// RemoveAuthority takes the consensus key Key out of the validator set
// (root origin).
type RemoveAuthority struct {
	Key [32]byte
}

// Module implements Call.
func (AddAuthority) Module() uint8 { return ModuleAuthorities }

// Index implements Call.
func (AddAuthority) Index() uint8 { return CallAddAuthority }

// Name implements Call.
func (AddAuthority) Name() string { return "Authorities.add_authority" }

// EncodeFields implements Call: the 32-byte key, then the power.
func (c AddAuthority) EncodeFields(e *Encoder) { e.Fixed(c.Key[:]); e.U64(c.Power) }

// Module implements Call.
func (RemoveAuthority) Module() uint8 { return ModuleAuthorities }

// Index implements Call.
func (RemoveAuthority) Index() uint8 { return CallRemoveAuthority }

// Name implements Call.
func (RemoveAuthority) Name() string { return "Authorities.remove_authority" }

// EncodeFields implements Call: the 32-byte key.
func (c RemoveAuthority) EncodeFields(e *Encoder) { e.Fixed(c.Key[:]) }

func init() {
	Register(ModuleAuthorities, CallAddAuthority, AddAuthority{}.Name(), func(d *Decoder) Call {
		var c AddAuthority
		copy(c.Key[:], d.Fixed("key", 32))
		c.Power = d.U64("power")
		return c
	})
	Register(ModuleAuthorities, CallRemoveAuthority, RemoveAuthority{}.Name(), func(d *Decoder) Call {
		var c RemoveAuthority
		copy(c.Key[:], d.Fixed("key", 32))
		return c
	})
}
