package subtensor

import (
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// NeuronInfo is one UID with everything the metagraph shows about it
// (the reference's NeuronInfo, specs/chain.md §7.3).
type NeuronInfo struct {
	Neuron
	// Netuid is the subnet.
	Netuid uint16 `json:"netuid"`
	// Coldkey owns the hotkey.
	Coldkey keys.PublicKey `json:"coldkey"`
	// Stake is the hotkey's total stake (the epoch's stake weight input).
	Stake uint64 `json:"stake"`
	// Immune reports whether the UID is within the subnet's immunity period.
	Immune bool `json:"immune"`
	// Axon and Prometheus are the served endpoints (zero if never served).
	Axon       AxonInfo       `json:"axon_info"`
	Prometheus PrometheusInfo `json:"prometheus_info"`
	// Weights and Bonds are the stored rows (only filled by NeuronFull / Metagraph with rows).
	Weights []Entry `json:"weights,omitempty"`
	Bonds   []Entry `json:"bonds,omitempty"`
}

// SubnetInfo is a subnet's parameters and bookkeeping in one value.
type SubnetInfo struct {
	Netuid uint16       `json:"netuid"`
	Params SubnetParams `json:"hyperparameters"`
	State  SubnetState  `json:"state"`
	// BlocksUntilNextEpoch counts from the given block (0: the epoch runs at it).
	BlocksUntilNextEpoch uint64 `json:"blocks_until_next_epoch"`
}

// Subnet returns netuid's info at block now, if the subnet exists.
func Subnet(kv store.Reader, netuid uint16, now uint64) (SubnetInfo, bool) {
	p, ok := Params(kv, netuid)
	if !ok {
		return SubnetInfo{}, false
	}
	return SubnetInfo{Netuid: netuid, Params: p, State: State(kv, netuid), BlocksUntilNextEpoch: BlocksUntilNextEpoch(netuid, p.Tempo, now)}, true
}

// Subnets returns every subnet's info (root included) in netuid order.
func Subnets(kv store.Reader, now uint64) []SubnetInfo {
	var out []SubnetInfo
	for _, id := range Netuids(kv) {
		if s, ok := Subnet(kv, id, now); ok {
			out = append(out, s)
		}
	}
	return out
}

func neuronInfo(kv store.Reader, netuid uint16, p *SubnetParams, n Neuron, now uint64, rows bool) NeuronInfo {
	ck, _ := Owner(kv, n.Hotkey)
	info := NeuronInfo{
		Neuron: n, Netuid: netuid, Coldkey: ck, Stake: TotalHotkeyStake(kv, n.Hotkey),
		Immune: IsImmune(p, n.BlockAtRegistration, now),
		Axon:   Axon(kv, netuid, n.Hotkey), Prometheus: Prometheus(kv, netuid, n.Hotkey),
	}
	if rows {
		info.Weights, info.Bonds = Weights(kv, netuid, n.UID), Bonds(kv, netuid, n.UID)
	}
	return info
}

// NeuronFull returns UID uid of netuid with its weights and bonds, at block now.
func NeuronFull(kv store.Reader, netuid, uid uint16, now uint64) (NeuronInfo, bool) {
	p, ok := Params(kv, netuid)
	if !ok {
		return NeuronInfo{}, false
	}
	n, ok := GetNeuron(kv, netuid, uid)
	if !ok {
		return NeuronInfo{}, false
	}
	return neuronInfo(kv, netuid, &p, n, now, true), true
}

// Metagraph returns every UID of netuid in UID order at block now, with
// weight and bond rows when rows is set.
func Metagraph(kv store.Reader, netuid uint16, now uint64, rows bool) ([]NeuronInfo, bool) {
	p, ok := Params(kv, netuid)
	if !ok {
		return nil, false
	}
	ns := Neurons(kv, netuid)
	out := make([]NeuronInfo, len(ns))
	for i, n := range ns {
		out[i] = neuronInfo(kv, netuid, &p, n, now, rows)
	}
	return out, true
}

// DelegateInfo describes a delegate hotkey (the reference's DelegateInfo, classic form).
type DelegateInfo struct {
	Hotkey     keys.PublicKey `json:"delegate_ss58"`
	Owner      keys.PublicKey `json:"owner_ss58"`
	Take       uint16         `json:"take"`
	TotalStake uint64         `json:"total_stake"`
	Nominators []StakeEntry   `json:"nominators"`
	// Registrations are the netuids the hotkey holds a UID on; ValidatorPermits those where it holds a permit.
	Registrations    []uint16 `json:"registrations"`
	ValidatorPermits []uint16 `json:"validator_permits"`
}

// Delegate returns hotkey's delegate info, if it is a delegate.
func Delegate(kv store.Reader, hotkey keys.PublicKey) (DelegateInfo, bool) {
	if !IsDelegate(kv, hotkey) {
		return DelegateInfo{}, false
	}
	owner, _ := Owner(kv, hotkey)
	d := DelegateInfo{Hotkey: hotkey, Owner: owner, Take: Take(kv, hotkey), TotalStake: TotalHotkeyStake(kv, hotkey),
		Nominators: Nominators(kv, hotkey), Registrations: Registrations(kv, hotkey)}
	for _, id := range d.Registrations {
		if uid, ok := UID(kv, id, hotkey); ok {
			if n, ok := GetNeuron(kv, id, uid); ok && n.ValidatorPermit {
				d.ValidatorPermits = append(d.ValidatorPermits, id)
			}
		}
	}
	return d, true
}

// AllDelegates returns every delegate's info in hotkey key order.
func AllDelegates(kv store.Reader) []DelegateInfo {
	var out []DelegateInfo
	for _, hk := range Delegates(kv) {
		if d, ok := Delegate(kv, hk); ok {
			out = append(out, d)
		}
	}
	return out
}
