package history

import (
	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/chain/module"
)

// Snapshot is one subnet epoch: the metagraph's per-UID outputs read at the
// first indexed height after the epoch ran. Proportions are raw u16
// (value/65535); stake and emission are rao.
type Snapshot struct {
	Netuid uint16 `json:"netuid"`
	// Epoch is the block the epoch ran at (the subnet's last_step).
	Epoch uint64 `json:"epoch"`
	// Block is the height the snapshot was read at.
	Block     int64    `json:"block"`
	Tempo     uint16   `json:"tempo"`
	UIDs      []uint16 `json:"uids"`
	Hotkeys   []string `json:"hotkeys"`
	Stake     []uint64 `json:"stake"`
	Trust     []uint16 `json:"trust"`
	Incentive []uint16 `json:"incentive"`
	Dividends []uint16 `json:"dividends"`
	Emission  []uint64 `json:"emission"`
	// TotalEmission is the sum of Emission in rao (the subnet's emission that epoch).
	TotalEmission uint64 `json:"total_emission"`
}

func snapshotOf(m *apitypes.Metagraph) Snapshot {
	s := Snapshot{Netuid: m.Netuid, Epoch: m.Subnet.LastStep, Block: m.Block, Tempo: m.Subnet.Tempo,
		UIDs: m.UIDs, Hotkeys: m.Hotkeys, Stake: m.Stake, Trust: m.Trust,
		Incentive: m.Incentive, Dividends: m.Dividends, Emission: m.Emission}
	for _, e := range m.Emission {
		s.TotalEmission += e
	}
	return s
}

// SubnetHistory is the body of GET /v1/subnets/{netuid}/history: the
// subnet's recorded epochs, oldest first.
type SubnetHistory struct {
	Netuid uint16     `json:"netuid"`
	Epochs []Snapshot `json:"epochs"`
}

// NeuronEpoch is one UID's figures at one epoch.
type NeuronEpoch struct {
	Epoch     uint64 `json:"epoch"`
	Block     int64  `json:"block"`
	Hotkey    string `json:"hotkey"`
	Stake     uint64 `json:"stake"`
	Trust     uint16 `json:"trust"`
	Incentive uint16 `json:"incentive"`
	Dividends uint16 `json:"dividends"`
	Emission  uint64 `json:"emission"`
}

// NeuronHistory is the body of GET /v1/subnets/{netuid}/neurons/{uid}/history.
type NeuronHistory struct {
	Netuid uint16        `json:"netuid"`
	UID    uint16        `json:"uid"`
	Epochs []NeuronEpoch `json:"epochs"`
}

// TxRef is one transaction touching an account (signer or an account named
// in its events).
type TxRef struct {
	Hash   string `json:"hash"`
	Height int64  `json:"height"`
	Index  uint32 `json:"index"`
	// Time is the block time (RFC 3339).
	Time   string `json:"time"`
	Signer string `json:"signer,omitempty"`
	Call   string `json:"call,omitempty"`
	Code   uint32 `json:"code"`
	Error  string `json:"error,omitempty"`
	// Fee is rao.
	Fee uint64 `json:"fee"`
}

// AccountTxs is the body of GET /v1/accounts/{ss58}/txs: newest first.
type AccountTxs struct {
	Address string  `json:"address"`
	Txs     []TxRef `json:"txs"`
}

// EventRef is one indexed event.
type EventRef struct {
	Height int64 `json:"height"`
	// Tx is the emitting transaction's hash ("" for block events).
	Tx    string        `json:"tx,omitempty"`
	Type  string        `json:"type"`
	Attrs []module.Attr `json:"attributes"`
}

// Events is the body of GET /v1/events/{kind}: newest first.
type Events struct {
	Kind   string     `json:"kind"`
	Events []EventRef `json:"events"`
}

// Status is the body of GET /v1/history: how far the index reaches.
type Status struct {
	Indexed      int64 `json:"indexed_height"`
	RetainBlocks int64 `json:"retain_blocks"`
}
