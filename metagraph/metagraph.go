package metagraph

import (
	"context"
	"fmt"
	"net/netip"
	"sync"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
)

var _ axon.Registry = (*Metagraph)(nil)

// Snapshot is one synced state of a subnet's metagraph. It is immutable:
// never modify its slices. Index i of every per-UID slice is UID i.
type Snapshot struct {
	// Netuid is the subnet; Block the committed height it was read at.
	Netuid uint16
	Block  int64
	// N is the number of UIDs.
	N int
	// Lite reports that Weights and Bonds were not fetched.
	Lite bool
	// Subnet is the subnet's record and hyperparameters at Block.
	Subnet apitypes.Subnet

	UIDs     []uint16
	Hotkeys  []keys.PublicKey
	Coldkeys []keys.PublicKey
	// Stake is each hotkey's total stake in rao (the reference's S == TS).
	Stake []uint64
	// Rank … ValidatorTrust are the last epoch's outputs as value/65535.
	Rank           []float64
	Trust          []float64
	Consensus      []float64
	Incentive      []float64
	Dividends      []float64
	ValidatorTrust []float64
	// PruningScore is the raw u16 pruning score.
	PruningScore []uint16
	// Emission is each UID's emission at the last epoch in rao.
	Emission            []uint64
	Active              []bool
	ValidatorPermit     []bool
	Immune              []bool
	LastUpdate          []uint64
	BlockAtRegistration []uint64
	Axons               []apitypes.AxonInfo
	// Addresses are the axons as the reference's ip_str: "/ipv4/1.2.3.4:8091".
	Addresses []string
	// Weights and Bonds are the sparse raw rows (nil when Lite).
	Weights []apitypes.Row
	Bonds   []apitypes.Row

	uidOf map[keys.PublicKey]uint16
}

// AxonInfo returns uid's axon as a dendrite target. An unparsable ip
// leaves IP invalid, which is not serving (axon.Info.IsServing).
func (s *Snapshot) AxonInfo(uid uint16) axon.Info {
	a := s.Axons[uid]
	info := axon.Info{Version: a.Version, Port: a.Port, Protocol: a.Protocol, Hotkey: s.Hotkeys[uid], Coldkey: s.Coldkeys[uid]}
	if ip, err := netip.ParseAddr(a.IP); err == nil {
		info.IP = ip
	}
	return info
}

// UIDOf returns hotkey's UID.
func (s *Snapshot) UIDOf(hotkey keys.PublicKey) (uint16, bool) {
	uid, ok := s.uidOf[hotkey]
	return uid, ok
}

// StakeOf returns hotkey's stake in rao (0 if not registered).
func (s *Snapshot) StakeOf(hotkey keys.PublicKey) uint64 {
	if uid, ok := s.uidOf[hotkey]; ok {
		return s.Stake[uid]
	}
	return 0
}

// StakeTAO returns UID uid's stake in TAO (rao/1e9, as the reference's S).
func (s *Snapshot) StakeTAO(uid uint16) float64 { return float64(s.Stake[uid]) / 1e9 }

// WeightMatrix returns the dense n×n weight matrix of the reference's W: row
// i is UID i's weights divided by their sum (all zeros for an empty row).
// It allocates n² float64s (512 KiB at 256 UIDs). Nil when Lite.
func (s *Snapshot) WeightMatrix() [][]float64 {
	if s.Weights == nil {
		return nil
	}
	out := dense(s.N)
	for i, row := range s.Weights {
		var sum float64
		for _, e := range row {
			sum += float64(e[1])
		}
		if sum == 0 {
			continue
		}
		for _, e := range row {
			if int(e[0]) < s.N {
				out[i][e[0]] = float64(e[1]) / sum
			}
		}
	}
	return out
}

// BondMatrix returns the dense n×n matrix of raw u16 bonds (the reference's
// B), n² float64s. Nil when Lite.
func (s *Snapshot) BondMatrix() [][]float64 {
	if s.Bonds == nil {
		return nil
	}
	out := dense(s.N)
	for i, row := range s.Bonds {
		for _, e := range row {
			if int(e[0]) < s.N {
				out[i][e[0]] = float64(e[1])
			}
		}
	}
	return out
}

func dense(n int) [][]float64 {
	flat := make([]float64, n*n)
	out := make([][]float64, n)
	for i := range out {
		out[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	return out
}

func norm(v []uint16) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x) / 65535
	}
	return out
}

// newSnapshot validates an API metagraph and converts it.
func newSnapshot(netuid uint16, lite bool, m *apitypes.Metagraph) (*Snapshot, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidResponse, fmt.Sprintf(format, args...))
	}
	if m.Netuid != netuid {
		return nil, bad("netuid %d, asked for %d", m.Netuid, netuid)
	}
	n := int(m.N)
	for name, l := range map[string]int{
		"uids": len(m.UIDs), "hotkeys": len(m.Hotkeys), "coldkeys": len(m.Coldkeys), "stake": len(m.Stake),
		"rank": len(m.Rank), "trust": len(m.Trust), "consensus": len(m.Consensus), "incentive": len(m.Incentive),
		"dividends": len(m.Dividends), "validator_trust": len(m.ValidatorTrust), "pruning_score": len(m.PruningScore),
		"emission": len(m.Emission), "active": len(m.Active), "validator_permit": len(m.ValidatorPermit),
		"immune": len(m.Immune), "last_update": len(m.LastUpdate), "block_at_registration": len(m.BlockAtRegistration),
		"axons": len(m.Axons),
	} {
		if l != n {
			return nil, bad("%s has %d entries, n is %d", name, l, n)
		}
	}
	if !lite && (len(m.Weights) != n || len(m.Bonds) != n) {
		return nil, bad("%d weight rows and %d bond rows, n is %d", len(m.Weights), len(m.Bonds), n)
	}
	s := &Snapshot{
		Netuid: m.Netuid, Block: m.Block, N: n, Lite: lite, Subnet: m.Subnet,
		UIDs: m.UIDs, Hotkeys: make([]keys.PublicKey, n), Coldkeys: make([]keys.PublicKey, n), Stake: m.Stake,
		Rank: norm(m.Rank), Trust: norm(m.Trust), Consensus: norm(m.Consensus), Incentive: norm(m.Incentive),
		Dividends: norm(m.Dividends), ValidatorTrust: norm(m.ValidatorTrust), PruningScore: m.PruningScore,
		Emission: m.Emission, Active: m.Active, ValidatorPermit: m.ValidatorPermit, Immune: m.Immune,
		LastUpdate: m.LastUpdate, BlockAtRegistration: m.BlockAtRegistration, Axons: m.Axons,
		Addresses: make([]string, n), uidOf: make(map[keys.PublicKey]uint16, n),
	}
	if !lite {
		s.Weights, s.Bonds = m.Weights, m.Bonds
	}
	cold := map[string]keys.PublicKey{}
	for i := range n {
		if m.UIDs[i] != uint16(i) {
			return nil, bad("uids[%d] is %d", i, m.UIDs[i])
		}
		hk, err := keys.ParseSS58(m.Hotkeys[i])
		if err != nil {
			return nil, bad("hotkeys[%d]: %v", i, err)
		}
		ck, ok := cold[m.Coldkeys[i]]
		if !ok {
			if ck, err = keys.ParseSS58(m.Coldkeys[i]); err != nil {
				return nil, bad("coldkeys[%d]: %v", i, err)
			}
			cold[m.Coldkeys[i]] = ck
		}
		if _, dup := s.uidOf[hk]; dup {
			return nil, bad("hotkey %s holds two UIDs", m.Hotkeys[i])
		}
		s.Hotkeys[i], s.Coldkeys[i], s.uidOf[hk] = hk, ck, uint16(i)
		a := m.Axons[i]
		s.Addresses[i] = fmt.Sprintf("/ipv%d/%s:%d", a.IPType, a.IP, a.Port)
	}
	return s, nil
}

// Metagraph is a subnet's metagraph kept in sync with a node. The zero
// value is not usable; call New. All methods are safe for concurrent use.
type Metagraph struct {
	netuid uint16
	src    Source

	syncMu sync.Mutex // one Sync at a time
	mu     sync.RWMutex
	snap   *Snapshot
}

// New returns an empty metagraph of netuid read through src (usually a
// *client.Client). Call Sync before reading.
func New(src Source, netuid uint16) *Metagraph { return &Metagraph{netuid: netuid, src: src} }

// Netuid returns the subnet id.
func (m *Metagraph) Netuid() uint16 { return m.netuid }

// Sync fetches the metagraph in one request (lite: without weights and
// bonds) and swaps it in. On error the previous snapshot is kept.
func (m *Metagraph) Sync(ctx context.Context, lite bool) error {
	m.syncMu.Lock()
	defer m.syncMu.Unlock()
	raw, err := m.src.Metagraph(ctx, m.netuid, lite)
	if err != nil {
		return fmt.Errorf("metagraph: sync subnet %d: %w", m.netuid, err)
	}
	s, err := newSnapshot(m.netuid, lite, raw)
	if err != nil {
		return err
	}
	m.mu.Lock()
	if m.snap == nil || s.Block >= m.snap.Block {
		m.snap = s
	}
	m.mu.Unlock()
	return nil
}

// Snapshot returns the current snapshot (nil before the first Sync).
func (m *Metagraph) Snapshot() *Snapshot {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.snap
}

// Current returns the current snapshot or ErrNotSynced.
func (m *Metagraph) Current() (*Snapshot, error) {
	if s := m.Snapshot(); s != nil {
		return s, nil
	}
	return nil, ErrNotSynced
}

// N returns the number of UIDs (0 before the first Sync).
func (m *Metagraph) N() int {
	if s := m.Snapshot(); s != nil {
		return s.N
	}
	return 0
}

// Block returns the height of the current snapshot (0 before the first Sync).
func (m *Metagraph) Block() int64 {
	if s := m.Snapshot(); s != nil {
		return s.Block
	}
	return 0
}

// UIDOf returns hotkey's UID in the current snapshot.
func (m *Metagraph) UIDOf(hotkey keys.PublicKey) (uint16, bool) {
	if s := m.Snapshot(); s != nil {
		return s.UIDOf(hotkey)
	}
	return 0, false
}

// IsRegistered reports whether hotkey holds a UID in the current snapshot
// (axon.Registry).
func (m *Metagraph) IsRegistered(hotkey keys.PublicKey) bool {
	_, ok := m.UIDOf(hotkey)
	return ok
}

// Stake returns hotkey's stake in rao in the current snapshot, 0 if it is
// not registered (axon.Registry).
func (m *Metagraph) Stake(hotkey keys.PublicKey) uint64 {
	if s := m.Snapshot(); s != nil {
		return s.StakeOf(hotkey)
	}
	return 0
}
