package subtensor

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// SubnetState is a subnet's bookkeeping: ownership, lock, emission and
// registration counters.
type SubnetState struct {
	// Owner is the coldkey that registered the subnet (and receives the owner
	// cut); the zero key for a subnet without owner (see HasOwner).
	Owner keys.PublicKey `json:"owner"`
	// OwnerHotkey is the owner's hotkey, registered as UID 0 and never pruned.
	OwnerHotkey keys.PublicKey `json:"owner_hotkey"`
	// RegisteredAt is the block the subnet was registered at.
	RegisteredAt uint64 `json:"network_registered_at"`
	// Locked is the rao held from the owner, returned on dissolve.
	Locked uint64 `json:"locked"`
	// EmissionValue is the subnet's share of block emission from the last root epoch (rao per block).
	EmissionValue uint64 `json:"emission_value"`
	// PendingEmission is emission accumulated since the last epoch, paid at the next one.
	PendingEmission uint64 `json:"pending_emission"`
	// N is the number of UIDs (SubnetworkN).
	N uint16 `json:"subnetwork_n"`
	// LastStepBlock is the block of the last epoch (LastMechansimStepBlock).
	LastStepBlock uint64 `json:"last_step"`
	// BlocksSinceLastStep counts blocks since the last epoch.
	BlocksSinceLastStep uint64 `json:"blocks_since_last_step"`
	// RegistrationsThisBlock, RegistrationsThisInterval, POWRegistrationsThisInterval and
	// BurnRegistrationsThisInterval are the registration counters of §3.2.
	RegistrationsThisBlock        uint16 `json:"registrations_this_block"`
	RegistrationsThisInterval     uint16 `json:"registrations_this_interval"`
	POWRegistrationsThisInterval  uint16 `json:"pow_registrations_this_interval"`
	BurnRegistrationsThisInterval uint16 `json:"burn_registrations_this_interval"`
	// LastAdjustmentBlock is the block of the last difficulty/burn adjustment.
	LastAdjustmentBlock uint64 `json:"last_adjustment_block"`
	// RAORecycledForRegistration is the rao burned by registrations on this subnet.
	RAORecycledForRegistration uint64 `json:"rao_recycled_for_registration"`
}

// HasOwner reports whether the subnet has an owner. Only a subnet created
// at genesis (GenesisSubnet) has none: its Owner and OwnerHotkey are the
// zero key, which no signature verifies for.
func (s *SubnetState) HasOwner() bool { return s.Owner != keys.PublicKey{} }

func (s *SubnetState) encode() []byte {
	var e tx.Encoder
	e.Key(s.Owner)
	e.Key(s.OwnerHotkey)
	e.U64(s.RegisteredAt)
	e.U64(s.Locked)
	e.U64(s.EmissionValue)
	e.U64(s.PendingEmission)
	e.U16(s.N)
	e.U64(s.LastStepBlock)
	e.U64(s.BlocksSinceLastStep)
	e.U16(s.RegistrationsThisBlock)
	e.U16(s.RegistrationsThisInterval)
	e.U16(s.POWRegistrationsThisInterval)
	e.U16(s.BurnRegistrationsThisInterval)
	e.U64(s.LastAdjustmentBlock)
	e.U64(s.RAORecycledForRegistration)
	return e.Bytes()
}

// State returns netuid's bookkeeping record (zero if the subnet does not exist).
func State(kv store.Reader, netuid uint16) SubnetState {
	v := kv.Get(subnetStateKey(netuid))
	if v == nil {
		return SubnetState{}
	}
	d := tx.NewDecoder(v)
	s := SubnetState{
		Owner: d.Key("owner"), OwnerHotkey: d.Key("owner_hotkey"), RegisteredAt: d.U64("reg"), Locked: d.U64("locked"),
		EmissionValue: d.U64("ev"), PendingEmission: d.U64("pe"), N: d.U16("n"), LastStepBlock: d.U64("lsb"),
		BlocksSinceLastStep: d.U64("bsls"), RegistrationsThisBlock: d.U16("rtb"), RegistrationsThisInterval: d.U16("rti"),
		POWRegistrationsThisInterval: d.U16("prti"), BurnRegistrationsThisInterval: d.U16("brti"),
		LastAdjustmentBlock: d.U64("lab"), RAORecycledForRegistration: d.U64("rr"),
	}
	mustDecode(subnetStateKey(netuid), d)
	return s
}

func setState(kv store.KV, netuid uint16, s *SubnetState) { kv.Set(subnetStateKey(netuid), s.encode()) }

// Netuids returns every registered netuid (root included) in ascending order.
func Netuids(kv store.Reader) []uint16 {
	p := subnetParamsPrefix()
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []uint16
	for ; it.Valid(); it.Next() {
		out = append(out, binary.BigEndian.Uint16(module.KeySuffix(it.Key(), p, 2)))
	}
	return out
}

// Neuron is one UID's record on a subnet: its hotkey, registration and the
// last epoch's outputs (u16 fields are proportions × 65535).
type Neuron struct {
	// UID is the neuron's index on the subnet.
	UID uint16 `json:"uid"`
	// Hotkey holds the UID.
	Hotkey keys.PublicKey `json:"hotkey"`
	// BlockAtRegistration is the block the hotkey took the UID.
	BlockAtRegistration uint64 `json:"block_at_registration"`
	// LastUpdate is the block of its last weight update (or commit, or registration).
	LastUpdate uint64 `json:"last_update"`
	// Active, ValidatorPermit, Consensus, Incentive, Dividends, ValidatorTrust, StakeWeight and Emission are the last epoch's outputs (yuma.md §1.13).
	Active          bool `json:"active"`
	ValidatorPermit bool `json:"validator_permit"`
	// Rank and Trust are kept for the metagraph layout; the current epoch does not produce them (0).
	Rank           uint16 `json:"rank"`
	Trust          uint16 `json:"trust"`
	Consensus      uint16 `json:"consensus"`
	Incentive      uint16 `json:"incentive"`
	Dividends      uint16 `json:"dividends"`
	ValidatorTrust uint16 `json:"validator_trust"`
	StakeWeight    uint16 `json:"stake_weight"`
	Emission       uint64 `json:"emission"`
	// PruningScore is the last epoch's run_epoch pruning score (yuma.Output.PruningScore: normalised
	// combined emission max-upscaled, the top UID at 65535; 65535 right after a replacement); the lowest
	// non-immune score is replaced first, ties to the earliest registration, then the lowest UID.
	PruningScore uint16 `json:"pruning_score"`
}

func (n *Neuron) encode() []byte {
	var e tx.Encoder
	e.Key(n.Hotkey)
	e.U64(n.BlockAtRegistration)
	e.U64(n.LastUpdate)
	e.Bool(n.Active)
	e.Bool(n.ValidatorPermit)
	e.U16(n.Rank)
	e.U16(n.Trust)
	e.U16(n.Consensus)
	e.U16(n.Incentive)
	e.U16(n.Dividends)
	e.U16(n.ValidatorTrust)
	e.U16(n.StakeWeight)
	e.U64(n.Emission)
	e.U16(n.PruningScore)
	return e.Bytes()
}

func decodeNeuron(key []byte, uid uint16, v []byte) Neuron {
	d := tx.NewDecoder(v)
	n := Neuron{
		UID: uid, Hotkey: d.Key("hotkey"), BlockAtRegistration: d.U64("bar"), LastUpdate: d.U64("lu"),
		Active: d.Bool("active"), ValidatorPermit: d.Bool("vp"), Rank: d.U16("rank"), Trust: d.U16("trust"),
		Consensus: d.U16("c"), Incentive: d.U16("i"), Dividends: d.U16("d"), ValidatorTrust: d.U16("vt"),
		StakeWeight: d.U16("sw"), Emission: d.U64("e"), PruningScore: d.U16("ps"),
	}
	mustDecode(key, d)
	return n
}

// GetNeuron returns the neuron at uid on netuid, if any.
func GetNeuron(kv store.Reader, netuid, uid uint16) (Neuron, bool) {
	v := kv.Get(neuronKey(netuid, uid))
	if v == nil {
		return Neuron{}, false
	}
	return decodeNeuron(neuronKey(netuid, uid), uid, v), true
}

func setNeuron(kv store.KV, netuid uint16, n *Neuron) { kv.Set(neuronKey(netuid, n.UID), n.encode()) }

// Neurons returns every neuron of netuid in UID order.
func Neurons(kv store.Reader, netuid uint16) []Neuron {
	p := neuronPrefix(netuid)
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []Neuron
	for ; it.Valid(); it.Next() {
		out = append(out, decodeNeuron(it.Key(), binary.BigEndian.Uint16(module.KeySuffix(it.Key(), p, 2)), it.Value()))
	}
	return out
}

// UID returns hotkey's UID on netuid, if registered.
func UID(kv store.Reader, netuid uint16, hotkey keys.PublicKey) (uint16, bool) {
	v := kv.Get(uidKey(netuid, hotkey))
	if v == nil {
		return 0, false
	}
	if len(v) != 2 {
		module.Corrupt(uidKey(netuid, hotkey), fmt.Errorf("uid record of %d bytes", len(v)))
	}
	return binary.BigEndian.Uint16(v), true
}

// IsRegistered reports whether hotkey holds a UID on netuid.
func IsRegistered(kv store.Reader, netuid uint16, hotkey keys.PublicKey) bool {
	return kv.Has(uidKey(netuid, hotkey))
}

// Registrations returns the netuids hotkey holds a UID on, ascending.
func Registrations(kv store.Reader, hotkey keys.PublicKey) []uint16 {
	p := membershipPrefix(hotkey)
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	var out []uint16
	for ; it.Valid(); it.Next() {
		out = append(out, binary.BigEndian.Uint16(module.KeySuffix(it.Key(), p, 2)))
	}
	return out
}

// Entry is one (uid, value) pair of a stored weight or bond row.
type Entry struct {
	UID   uint16 `json:"uid"`
	Value uint16 `json:"value"`
}

func encodeRow(row []Entry) []byte {
	b := make([]byte, 0, 4*len(row))
	for _, e := range row {
		b = binary.BigEndian.AppendUint16(b, e.UID)
		b = binary.BigEndian.AppendUint16(b, e.Value)
	}
	return b
}

func decodeRow(key, v []byte) []Entry {
	if len(v)%4 != 0 {
		module.Corrupt(key, fmt.Errorf("row record of %d bytes, not a multiple of 4", len(v)))
	}
	out := make([]Entry, len(v)/4)
	for i := range out {
		out[i] = Entry{UID: binary.BigEndian.Uint16(v[4*i:]), Value: binary.BigEndian.Uint16(v[4*i+2:])}
	}
	return out
}

// Weights returns uid's stored weight row on netuid (max-upscaled u16).
func Weights(kv store.Reader, netuid, uid uint16) []Entry {
	k := weightsKey(netuid, uid)
	return decodeRow(k, kv.Get(k))
}

// Bonds returns uid's stored bond row on netuid.
func Bonds(kv store.Reader, netuid, uid uint16) []Entry {
	k := bondsKey(netuid, uid)
	return decodeRow(k, kv.Get(k))
}

func setRow(kv store.KV, k []byte, row []Entry) {
	if len(row) == 0 {
		kv.Delete(k)
		return
	}
	kv.Set(k, encodeRow(row))
}

// AxonInfo is what serve_axon stores (specs/chain.md §7.3). IP is a u128
// split into its high and low 64 bits.
type AxonInfo struct {
	Block        uint64 `json:"block"`
	Version      uint32 `json:"version"`
	IPHigh       uint64 `json:"ip_high"`
	IPLow        uint64 `json:"ip_low"`
	Port         uint16 `json:"port"`
	IPType       uint8  `json:"ip_type"`
	Protocol     uint8  `json:"protocol"`
	Placeholder1 uint8  `json:"placeholder1"`
	Placeholder2 uint8  `json:"placeholder2"`
}

// PrometheusInfo is what serve_prometheus stores.
type PrometheusInfo struct {
	Block   uint64 `json:"block"`
	Version uint32 `json:"version"`
	IPHigh  uint64 `json:"ip_high"`
	IPLow   uint64 `json:"ip_low"`
	Port    uint16 `json:"port"`
	IPType  uint8  `json:"ip_type"`
}

func (a *AxonInfo) encode() []byte {
	var e tx.Encoder
	e.U64(a.Block)
	e.U32(a.Version)
	e.U64(a.IPHigh)
	e.U64(a.IPLow)
	e.U16(a.Port)
	e.U8(a.IPType)
	e.U8(a.Protocol)
	e.U8(a.Placeholder1)
	e.U8(a.Placeholder2)
	return e.Bytes()
}

// Axon returns hotkey's axon on netuid (zero if never served).
func Axon(kv store.Reader, netuid uint16, hotkey keys.PublicKey) AxonInfo {
	v := kv.Get(axonKey(netuid, hotkey))
	if v == nil {
		return AxonInfo{}
	}
	d := tx.NewDecoder(v)
	a := AxonInfo{Block: d.U64("b"), Version: d.U32("v"), IPHigh: d.U64("h"), IPLow: d.U64("l"), Port: d.U16("p"),
		IPType: d.U8("t"), Protocol: d.U8("pr"), Placeholder1: d.U8("p1"), Placeholder2: d.U8("p2")}
	mustDecode(axonKey(netuid, hotkey), d)
	return a
}

func (p *PrometheusInfo) encode() []byte {
	var e tx.Encoder
	e.U64(p.Block)
	e.U32(p.Version)
	e.U64(p.IPHigh)
	e.U64(p.IPLow)
	e.U16(p.Port)
	e.U8(p.IPType)
	return e.Bytes()
}

// Prometheus returns hotkey's prometheus endpoint on netuid (zero if never served).
func Prometheus(kv store.Reader, netuid uint16, hotkey keys.PublicKey) PrometheusInfo {
	v := kv.Get(prometheusKey(netuid, hotkey))
	if v == nil {
		return PrometheusInfo{}
	}
	d := tx.NewDecoder(v)
	p := PrometheusInfo{Block: d.U64("b"), Version: d.U32("v"), IPHigh: d.U64("h"), IPLow: d.U64("l"), Port: d.U16("p"), IPType: d.U8("t")}
	mustDecode(prometheusKey(netuid, hotkey), d)
	return p
}

// Sudo returns the sudo account and whether one is set.
func Sudo(kv store.Reader) (keys.PublicKey, bool) {
	var k keys.PublicKey
	v := kv.Get(sudoKey())
	if v == nil {
		return k, false
	}
	if len(v) != len(k) {
		module.Corrupt(sudoKey(), fmt.Errorf("sudo record of %d bytes", len(v)))
	}
	copy(k[:], v)
	return k, true
}

// SetSudo sets (or, with ok false, clears) the sudo account.
func SetSudo(kv store.KV, k keys.PublicKey, ok bool) {
	if !ok {
		kv.Delete(sudoKey())
		return
	}
	kv.Set(sudoKey(), k[:])
}

func getU64(kv store.Reader, k []byte) uint64 { return module.GetU64(kv, k) }
func setU64(kv store.KV, k []byte, v uint64)  { module.SetU64(kv, k, v) }
func deletePrefix(kv store.KV, prefix []byte) {
	it := kv.Iterator(prefix, store.PrefixEnd(prefix))
	var ks [][]byte
	for ; it.Valid(); it.Next() {
		ks = append(ks, it.Key())
	}
	it.Close()
	for _, k := range ks {
		kv.Delete(k)
	}
}

// ErrInvariant is returned by CheckInvariant when the books do not balance.
var ErrInvariant = errors.New("subtensor: total issuance does not match the books")

// CheckInvariant verifies that the total issuance equals every free balance
// plus all stake, the coinbase pool, the subnets' pending emission and the
// held subnet locks; and that the stake totals agree with the stake records.
func CheckInvariant(kv store.Reader) error {
	var balances uint64
	bank.Accounts(kv, func(_ keys.PublicKey, free uint64) bool { balances += free; return true })
	var pending, locks uint64
	for _, id := range Netuids(kv) {
		st := State(kv, id)
		pending += st.PendingEmission
		locks += st.Locked
	}
	var stakes uint64
	p := key(subStake)
	it := kv.Iterator(p, store.PrefixEnd(p))
	for ; it.Valid(); it.Next() {
		stakes += module.DecodeU64(it.Key(), it.Value())
	}
	it.Close()
	if stakes != TotalStake(kv) {
		return fmt.Errorf("%w: stake records sum to %d, total stake is %d", ErrInvariant, stakes, TotalStake(kv))
	}
	held := balances + stakes + coinbase.PendingEmission(kv) + pending + locks
	if ti := bank.TotalIssuance(kv); ti != held {
		return fmt.Errorf("%w: issuance %d, books %d (balances %d, stake %d, pool %d, pending %d, locks %d)",
			ErrInvariant, ti, held, balances, stakes, coinbase.PendingEmission(kv), pending, locks)
	}
	return nil
}
