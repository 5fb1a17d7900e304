package tx

import "github.com/taonet/taonet/keys"

// Limits on SubtensorModule call fields.
const (
	// MaxWeightsLen bounds uids/values/salt vectors (taonet's largest subnet).
	MaxWeightsLen = 4096
)

// SubtensorModule call indices: subtensor's call_index (specs/chain.md
// §6.1), with the classic (2024) calls become_delegate = 1 and
// set_root_weights = 8 at their historic indices.
const (
	CallSetWeights              uint8 = 0
	CallBecomeDelegate          uint8 = 1
	CallAddStake                uint8 = 2
	CallRemoveStake             uint8 = 3
	CallServeAxon               uint8 = 4
	CallServePrometheus         uint8 = 5
	CallRegister                uint8 = 6
	CallBurnedRegister          uint8 = 7
	CallSetRootWeights          uint8 = 8
	CallRegisterNetwork         uint8 = 59
	CallDissolveNetwork         uint8 = 61
	CallScheduleDissolveNetwork uint8 = 74
	CallRootRegister            uint8 = 62
	CallDecreaseTake            uint8 = 65
	CallIncreaseTake            uint8 = 66
	CallCommitWeights           uint8 = 96
	CallRevealWeights           uint8 = 97
)

// SetWeights sets the signing hotkey's weights on Netuid (set_weights).
type SetWeights struct {
	Netuid     uint16
	Dests      []uint16
	Weights    []uint16
	VersionKey uint64
}

// BecomeDelegate opens Hotkey to nominations with the default take (classic become_delegate; signed by its coldkey).
type BecomeDelegate struct{ Hotkey keys.PublicKey }

// AddStake stakes Amount rao of the signing coldkey's balance on Hotkey (classic add_stake).
type AddStake struct {
	Hotkey keys.PublicKey
	Amount uint64
}

// RemoveStake returns Amount rao of the signing coldkey's stake on Hotkey to its balance.
type RemoveStake struct {
	Hotkey keys.PublicKey
	Amount uint64
}

// ServeAxon announces the signing hotkey's axon on Netuid. IP is a u128
// (IPHigh, IPLow); it is encoded little endian, low half first, as SCALE does.
type ServeAxon struct {
	Netuid                     uint16
	Version                    uint32
	IPHigh, IPLow              uint64
	Port                       uint16
	IPType, Protocol           uint8
	Placeholder1, Placeholder2 uint8
}

// ServePrometheus announces the signing hotkey's prometheus endpoint on Netuid.
type ServePrometheus struct {
	Netuid        uint16
	Version       uint32
	IPHigh, IPLow uint64
	Port          uint16
	IPType        uint8
}

// PowRegister registers Hotkey on Netuid by proof of work (signed by Hotkey).
type PowRegister struct {
	Netuid      uint16
	BlockNumber uint64
	Nonce       uint64
	Work        [32]byte
	Hotkey      keys.PublicKey
	Coldkey     keys.PublicKey
}

// BurnedRegister registers Hotkey on Netuid, burning the subnet's burn from the signing coldkey.
type BurnedRegister struct {
	Netuid uint16
	Hotkey keys.PublicKey
}

// SetRootWeights sets root validator Hotkey's weights over subnets (classic
// set_root_weights; signed by the hotkey's coldkey; Dests are netuids).
type SetRootWeights struct {
	Netuid     uint16
	Hotkey     keys.PublicKey
	Dests      []uint16
	Weights    []uint16
	VersionKey uint64
}

// RegisterNetwork creates a subnet owned by the signing coldkey with Hotkey as owner hotkey.
type RegisterNetwork struct{ Hotkey keys.PublicKey }

// DissolveNetwork removes Netuid (dissolve_network: root origin, i.e. sudo or
// a passed motion). Coldkey, when set, must be the subnet's owner (the
// reference's user_remove_network check); zero dissolves whoever owns it.
type DissolveNetwork struct {
	Coldkey keys.PublicKey
	Netuid  uint16
}

// ScheduleDissolveNetwork asks for Netuid to be dissolved after the
// network's DissolveNetworkScheduleDuration (schedule_dissolve_network;
// signed by the subnet owner's coldkey).
type ScheduleDissolveNetwork struct{ Netuid uint16 }

// Module implements Call.
func (ScheduleDissolveNetwork) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (ScheduleDissolveNetwork) Index() uint8 { return CallScheduleDissolveNetwork }

// Name implements Call.
func (ScheduleDissolveNetwork) Name() string { return "SubtensorModule.schedule_dissolve_network" }

// EncodeFields implements Call.
func (c ScheduleDissolveNetwork) EncodeFields(e *Encoder) { e.U16(c.Netuid) }

func init() {
	Register(ModuleSubtensor, CallScheduleDissolveNetwork, ScheduleDissolveNetwork{}.Name(), func(d *Decoder) Call {
		return ScheduleDissolveNetwork{Netuid: d.U16("netuid")}
	})
}

// RootRegister puts Hotkey on the root network (signed by its coldkey).
type RootRegister struct{ Hotkey keys.PublicKey }

// DecreaseTake lowers Hotkey's delegate take to Take (u16 proportion).
type DecreaseTake struct {
	Hotkey keys.PublicKey
	Take   uint16
}

// IncreaseTake raises Hotkey's delegate take to Take (u16 proportion).
type IncreaseTake struct {
	Hotkey keys.PublicKey
	Take   uint16
}

// CommitWeights commits the hash of weights to reveal later (commit_weights).
type CommitWeights struct {
	Netuid uint16
	Hash   [32]byte
}

// RevealWeights reveals committed weights (reveal_weights).
type RevealWeights struct {
	Netuid     uint16
	Uids       []uint16
	Values     []uint16
	Salt       []uint16
	VersionKey uint64
}

// Module implements Call.
func (SetWeights) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (BecomeDelegate) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (AddStake) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (RemoveStake) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (ServeAxon) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (ServePrometheus) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (PowRegister) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (BurnedRegister) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (SetRootWeights) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (RegisterNetwork) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (DissolveNetwork) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (RootRegister) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (DecreaseTake) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (IncreaseTake) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (CommitWeights) Module() uint8 { return ModuleSubtensor }

// Module implements Call.
func (RevealWeights) Module() uint8 { return ModuleSubtensor }

// Index implements Call.
func (SetWeights) Index() uint8 { return CallSetWeights }

// Index implements Call.
func (BecomeDelegate) Index() uint8 { return CallBecomeDelegate }

// Index implements Call.
func (AddStake) Index() uint8 { return CallAddStake }

// Index implements Call.
func (RemoveStake) Index() uint8 { return CallRemoveStake }

// Index implements Call.
func (ServeAxon) Index() uint8 { return CallServeAxon }

// Index implements Call.
func (ServePrometheus) Index() uint8 { return CallServePrometheus }

// Index implements Call.
func (PowRegister) Index() uint8 { return CallRegister }

// Index implements Call.
func (BurnedRegister) Index() uint8 { return CallBurnedRegister }

// Index implements Call.
func (SetRootWeights) Index() uint8 { return CallSetRootWeights }

// Index implements Call.
func (RegisterNetwork) Index() uint8 { return CallRegisterNetwork }

// Index implements Call.
func (DissolveNetwork) Index() uint8 { return CallDissolveNetwork }

// Index implements Call.
func (RootRegister) Index() uint8 { return CallRootRegister }

// Index implements Call.
func (DecreaseTake) Index() uint8 { return CallDecreaseTake }

// Index implements Call.
func (IncreaseTake) Index() uint8 { return CallIncreaseTake }

// Index implements Call.
func (CommitWeights) Index() uint8 { return CallCommitWeights }

// Index implements Call.
func (RevealWeights) Index() uint8 { return CallRevealWeights }

// Name implements Call.
func (SetWeights) Name() string { return "SubtensorModule.set_weights" }

// Name implements Call.
func (BecomeDelegate) Name() string { return "SubtensorModule.become_delegate" }

// Name implements Call.
func (AddStake) Name() string { return "SubtensorModule.add_stake" }

// Name implements Call.
func (RemoveStake) Name() string { return "SubtensorModule.remove_stake" }

// Name implements Call.
func (ServeAxon) Name() string { return "SubtensorModule.serve_axon" }

// Name implements Call.
func (ServePrometheus) Name() string { return "SubtensorModule.serve_prometheus" }

// Name implements Call.
func (PowRegister) Name() string { return "SubtensorModule.register" }

// Name implements Call.
func (BurnedRegister) Name() string { return "SubtensorModule.burned_register" }

// Name implements Call.
func (SetRootWeights) Name() string { return "SubtensorModule.set_root_weights" }

// Name implements Call.
func (RegisterNetwork) Name() string { return "SubtensorModule.register_network" }

// Name implements Call.
func (DissolveNetwork) Name() string { return "SubtensorModule.dissolve_network" }

// Name implements Call.
func (RootRegister) Name() string { return "SubtensorModule.root_register" }

// Name implements Call.
func (DecreaseTake) Name() string { return "SubtensorModule.decrease_take" }

// Name implements Call.
func (IncreaseTake) Name() string { return "SubtensorModule.increase_take" }

// Name implements Call.
func (CommitWeights) Name() string { return "SubtensorModule.commit_weights" }

// Name implements Call.
func (RevealWeights) Name() string { return "SubtensorModule.reveal_weights" }

// EncodeFields implements Call.
func (c SetWeights) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.U16s(c.Dests)
	e.U16s(c.Weights)
	e.U64(c.VersionKey)
}

// EncodeFields implements Call.
func (c BecomeDelegate) EncodeFields(e *Encoder) { e.Key(c.Hotkey) }

// EncodeFields implements Call.
func (c AddStake) EncodeFields(e *Encoder) { e.Key(c.Hotkey); e.U64(c.Amount) }

// EncodeFields implements Call.
func (c RemoveStake) EncodeFields(e *Encoder) { e.Key(c.Hotkey); e.U64(c.Amount) }

// EncodeFields implements Call.
func (c ServeAxon) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.U32(c.Version)
	e.U64(c.IPLow)
	e.U64(c.IPHigh)
	e.U16(c.Port)
	e.U8(c.IPType)
	e.U8(c.Protocol)
	e.U8(c.Placeholder1)
	e.U8(c.Placeholder2)
}

// EncodeFields implements Call.
func (c ServePrometheus) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.U32(c.Version)
	e.U64(c.IPLow)
	e.U64(c.IPHigh)
	e.U16(c.Port)
	e.U8(c.IPType)
}

// EncodeFields implements Call.
func (c PowRegister) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.U64(c.BlockNumber)
	e.U64(c.Nonce)
	e.Fixed(c.Work[:])
	e.Key(c.Hotkey)
	e.Key(c.Coldkey)
}

// EncodeFields implements Call.
func (c BurnedRegister) EncodeFields(e *Encoder) { e.U16(c.Netuid); e.Key(c.Hotkey) }

// EncodeFields implements Call.
func (c SetRootWeights) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.Key(c.Hotkey)
	e.U16s(c.Dests)
	e.U16s(c.Weights)
	e.U64(c.VersionKey)
}

// EncodeFields implements Call.
func (c RegisterNetwork) EncodeFields(e *Encoder) { e.Key(c.Hotkey) }

// EncodeFields implements Call.
func (c DissolveNetwork) EncodeFields(e *Encoder) { e.Key(c.Coldkey); e.U16(c.Netuid) }

// EncodeFields implements Call.
func (c RootRegister) EncodeFields(e *Encoder) { e.Key(c.Hotkey) }

// EncodeFields implements Call.
func (c DecreaseTake) EncodeFields(e *Encoder) { e.Key(c.Hotkey); e.U16(c.Take) }

// EncodeFields implements Call.
func (c IncreaseTake) EncodeFields(e *Encoder) { e.Key(c.Hotkey); e.U16(c.Take) }

// EncodeFields implements Call.
func (c CommitWeights) EncodeFields(e *Encoder) { e.U16(c.Netuid); e.Fixed(c.Hash[:]) }

// EncodeFields implements Call.
func (c RevealWeights) EncodeFields(e *Encoder) {
	e.U16(c.Netuid)
	e.U16s(c.Uids)
	e.U16s(c.Values)
	e.U16s(c.Salt)
	e.U64(c.VersionKey)
}

func hash32(d *Decoder, what string) (h [32]byte) {
	copy(h[:], d.Fixed(what, 32))
	return h
}

func init() {
	reg := func(c Call, decode func(d *Decoder) Call) { Register(c.Module(), c.Index(), c.Name(), decode) }
	reg(SetWeights{}, func(d *Decoder) Call {
		return SetWeights{Netuid: d.U16("netuid"), Dests: d.U16s("dests", MaxWeightsLen), Weights: d.U16s("weights", MaxWeightsLen), VersionKey: d.U64("version_key")}
	})
	reg(BecomeDelegate{}, func(d *Decoder) Call { return BecomeDelegate{Hotkey: d.Key("hotkey")} })
	reg(AddStake{}, func(d *Decoder) Call { return AddStake{Hotkey: d.Key("hotkey"), Amount: d.U64("amount_staked")} })
	reg(RemoveStake{}, func(d *Decoder) Call { return RemoveStake{Hotkey: d.Key("hotkey"), Amount: d.U64("amount_unstaked")} })
	reg(ServeAxon{}, func(d *Decoder) Call {
		c := ServeAxon{Netuid: d.U16("netuid"), Version: d.U32("version")}
		c.IPLow, c.IPHigh = d.U64("ip"), d.U64("ip")
		c.Port, c.IPType, c.Protocol = d.U16("port"), d.U8("ip_type"), d.U8("protocol")
		c.Placeholder1, c.Placeholder2 = d.U8("placeholder1"), d.U8("placeholder2")
		return c
	})
	reg(ServePrometheus{}, func(d *Decoder) Call {
		c := ServePrometheus{Netuid: d.U16("netuid"), Version: d.U32("version")}
		c.IPLow, c.IPHigh = d.U64("ip"), d.U64("ip")
		c.Port, c.IPType = d.U16("port"), d.U8("ip_type")
		return c
	})
	reg(PowRegister{}, func(d *Decoder) Call {
		return PowRegister{Netuid: d.U16("netuid"), BlockNumber: d.U64("block_number"), Nonce: d.U64("nonce"),
			Work: hash32(d, "work"), Hotkey: d.Key("hotkey"), Coldkey: d.Key("coldkey")}
	})
	reg(BurnedRegister{}, func(d *Decoder) Call { return BurnedRegister{Netuid: d.U16("netuid"), Hotkey: d.Key("hotkey")} })
	reg(SetRootWeights{}, func(d *Decoder) Call {
		return SetRootWeights{Netuid: d.U16("netuid"), Hotkey: d.Key("hotkey"), Dests: d.U16s("dests", MaxWeightsLen),
			Weights: d.U16s("weights", MaxWeightsLen), VersionKey: d.U64("version_key")}
	})
	reg(RegisterNetwork{}, func(d *Decoder) Call { return RegisterNetwork{Hotkey: d.Key("hotkey")} })
	reg(DissolveNetwork{}, func(d *Decoder) Call { return DissolveNetwork{Coldkey: d.Key("coldkey"), Netuid: d.U16("netuid")} })
	reg(RootRegister{}, func(d *Decoder) Call { return RootRegister{Hotkey: d.Key("hotkey")} })
	reg(DecreaseTake{}, func(d *Decoder) Call { return DecreaseTake{Hotkey: d.Key("hotkey"), Take: d.U16("take")} })
	reg(IncreaseTake{}, func(d *Decoder) Call { return IncreaseTake{Hotkey: d.Key("hotkey"), Take: d.U16("take")} })
	reg(CommitWeights{}, func(d *Decoder) Call { return CommitWeights{Netuid: d.U16("netuid"), Hash: hash32(d, "commit_hash")} })
	reg(RevealWeights{}, func(d *Decoder) Call {
		return RevealWeights{Netuid: d.U16("netuid"), Uids: d.U16s("uids", MaxWeightsLen), Values: d.U16s("values", MaxWeightsLen),
			Salt: d.U16s("salt", MaxWeightsLen), VersionKey: d.U64("version_key")}
	})
}
