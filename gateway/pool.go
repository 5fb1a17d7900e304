package gateway

import (
	"sort"
	"sync"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/metagraph"
)

// Bench rule: a miner that fails BenchAfter times in a row is skipped for
// BenchBase, doubling with each further failure up to BenchMax; one valid
// answer clears it.
const (
	BenchAfter = 3
	BenchBase  = 30 * time.Second
	BenchMax   = 10 * time.Minute
)

// Miner is one serving UID of the subnet.
type Miner struct {
	UID       uint16
	Hotkey    string
	Axon      axon.Info
	Incentive float64
}

// MinerStats are a miner's record at this gateway.
type MinerStats struct {
	UID          uint16    `json:"uid"`
	Hotkey       string    `json:"hotkey"`
	Incentive    float64   `json:"incentive"`
	Successes    uint64    `json:"successes"`
	Failures     uint64    `json:"failures"`
	SuccessRate  float64   `json:"success_rate"`
	LatencyMs    float64   `json:"latency_ms"`
	Weight       float64   `json:"weight"`
	Streak       int       `json:"failure_streak"`
	BenchedUntil time.Time `json:"benched_until,omitzero"`
}

// Pool is the gateway's view of the subnet's miners. Safe for concurrent use.
type Pool struct {
	mu     sync.Mutex
	miners []Miner
	stats  map[string]*MinerStats
	// Now is the clock (tests replace it).
	Now func() time.Time
}

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{stats: map[string]*MinerStats{}, Now: time.Now} }

// Set replaces the miners by the serving UIDs of s, by incentive (highest
// first, then UID); skip names hotkeys never to query (the gateway's own).
func (p *Pool) Set(s *metagraph.Snapshot, skip string) {
	var ms []Miner
	for i, uid := range s.UIDs {
		info := s.AxonInfo(uid)
		if !info.IsServing() || info.Port == 0 || s.Hotkeys[i].SS58() == skip {
			continue
		}
		ms = append(ms, Miner{UID: uid, Hotkey: s.Hotkeys[i].SS58(), Incentive: s.Incentive[i], Axon: info})
	}
	p.SetMiners(ms)
}

// SetMiners replaces the miners (sorted by incentive, then UID).
func (p *Pool) SetMiners(ms []Miner) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Incentive != ms[j].Incentive {
			return ms[i].Incentive > ms[j].Incentive
		}
		return ms[i].UID < ms[j].UID
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	p.miners = ms
	for _, m := range ms {
		st := p.statsLocked(m.Hotkey)
		st.UID, st.Incentive = m.UID, m.Incentive
	}
}

func (p *Pool) statsLocked(hotkey string) *MinerStats {
	st, ok := p.stats[hotkey]
	if !ok {
		st = &MinerStats{Hotkey: hotkey}
		p.stats[hotkey] = st
	}
	return st
}

// Candidates returns the miners to ask, best incentive first, without the
// benched ones.
func (p *Pool) Candidates() []Miner {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.Now()
	out := make([]Miner, 0, len(p.miners))
	for _, m := range p.miners {
		if st := p.stats[m.Hotkey]; st != nil && now.Before(st.BenchedUntil) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// Report records an answer: ok (valid) or not, its latency.
func (p *Pool) Report(hotkey string, ok bool, latency time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.statsLocked(hotkey)
	ms := float64(latency.Microseconds()) / 1000
	if st.Successes+st.Failures == 0 {
		st.LatencyMs = ms
	} else {
		st.LatencyMs = 0.8*st.LatencyMs + 0.2*ms
	}
	if ok {
		st.Successes++
		st.Streak, st.BenchedUntil = 0, time.Time{}
	} else {
		st.Failures++
		st.Streak++
		if st.Streak >= BenchAfter {
			d := BenchBase << min(st.Streak-BenchAfter, 8)
			st.BenchedUntil = p.Now().Add(min(d, BenchMax))
		}
	}
	st.SuccessRate = float64(st.Successes) / float64(st.Successes+st.Failures)
}

// SetWeight records the weight a miner's answer got in the last answer.
func (p *Pool) SetWeight(hotkey string, w float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.statsLocked(hotkey).Weight = w
}

// Stats returns every known miner's record, by UID.
func (p *Pool) Stats() []MinerStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]MinerStats, 0, len(p.stats))
	for _, st := range p.stats {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].UID < out[j].UID || (out[i].UID == out[j].UID && out[i].Hotkey < out[j].Hotkey)
	})
	return out
}
