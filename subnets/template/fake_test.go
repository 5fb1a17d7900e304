package template_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
	"github.com/taonet/taonet/tx"
)

// Dummy is the template's protocol (sdk.md §5.1).
type Dummy struct {
	synapse.Base
	DummyInput  int  `json:"dummy_input" bt:"required"`
	DummyOutput *int `json:"dummy_output"`
}

// fakeChain is an in-memory Chain: a metagraph that serve_axon and
// set_weights update, and a record of submitted calls.
type fakeChain struct {
	mu    sync.Mutex
	block uint64
	m     apitypes.Metagraph
	calls []tx.Call
	// refuse, when set, fails every Submit.
	refuse error
	// tick, when set, advances the block on every Block call.
	tick bool
}

func mustKey(uri string) *keys.Keypair {
	kp, err := keys.FromURI(uri)
	if err != nil {
		panic(err)
	}
	return kp
}

// newFakeChain registers hotkeys as uids 0..n-1 at block 1.
func newFakeChain(netuid uint16, hotkeys ...keys.PublicKey) *fakeChain {
	c := &fakeChain{block: 10}
	m := &c.m
	m.Netuid, m.Lite = netuid, true
	m.Subnet.Hyperparameters.MaxWeightsLimit = 65535
	m.Subnet.Hyperparameters.MinAllowedWeights = 1
	for _, h := range hotkeys {
		c.addNeuron(h)
	}
	return c
}

// addNeuron appends a uid for h (the caller holds c.mu or owns c).
func (c *fakeChain) addNeuron(h keys.PublicKey) {
	m := &c.m
	m.UIDs = append(m.UIDs, m.N)
	m.N++
	m.Hotkeys = append(m.Hotkeys, h.SS58())
	m.Coldkeys = append(m.Coldkeys, h.SS58())
	m.Stake = append(m.Stake, 0)
	for _, col := range []*[]uint16{&m.Rank, &m.Trust, &m.Consensus, &m.Incentive, &m.Dividends, &m.ValidatorTrust, &m.PruningScore} {
		*col = append(*col, 0)
	}
	m.Emission = append(m.Emission, 0)
	m.Active = append(m.Active, true)
	m.ValidatorPermit = append(m.ValidatorPermit, false)
	m.Immune = append(m.Immune, false)
	m.LastUpdate = append(m.LastUpdate, 1)
	m.BlockAtRegistration = append(m.BlockAtRegistration, 1)
	m.Axons = append(m.Axons, apitypes.AxonInfo{IP: "0.0.0.0", Hotkey: h.SS58()})
}

// clone returns a deep enough copy of m for a reader.
func clone(m apitypes.Metagraph) *apitypes.Metagraph {
	m.UIDs, m.Hotkeys, m.Coldkeys, m.Stake = slices.Clone(m.UIDs), slices.Clone(m.Hotkeys), slices.Clone(m.Coldkeys), slices.Clone(m.Stake)
	m.Rank, m.Trust, m.Consensus, m.Incentive = slices.Clone(m.Rank), slices.Clone(m.Trust), slices.Clone(m.Consensus), slices.Clone(m.Incentive)
	m.Dividends, m.ValidatorTrust, m.PruningScore = slices.Clone(m.Dividends), slices.Clone(m.ValidatorTrust), slices.Clone(m.PruningScore)
	m.Emission, m.Active, m.Immune = slices.Clone(m.Emission), slices.Clone(m.Active), slices.Clone(m.Immune)
	m.ValidatorPermit, m.LastUpdate, m.BlockAtRegistration = slices.Clone(m.ValidatorPermit), slices.Clone(m.LastUpdate), slices.Clone(m.BlockAtRegistration)
	m.Axons = slices.Clone(m.Axons)
	return &m
}

func (c *fakeChain) Block(context.Context) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tick {
		c.block++
	}
	return c.block, nil
}

func (c *fakeChain) advance(n uint64) {
	c.mu.Lock()
	c.block += n
	c.mu.Unlock()
}

func (c *fakeChain) setPermit(uid int, permit bool, stake uint64) {
	c.mu.Lock()
	c.m.ValidatorPermit[uid], c.m.Stake[uid] = permit, stake
	c.mu.Unlock()
}

func (c *fakeChain) Metagraph(_ context.Context, netuid uint16, _ bool) (*apitypes.Metagraph, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if netuid != c.m.Netuid {
		return nil, fmt.Errorf("no subnet %d", netuid)
	}
	m := clone(c.m)
	m.Block = int64(c.block)
	return m, nil
}

// Subscribe is not used by the template (it polls); it fails.
func (c *fakeChain) Subscribe(context.Context) (<-chan apitypes.Block, error) {
	return nil, errors.New("fake chain: no block stream")
}

func (c *fakeChain) Submit(_ context.Context, kp *keys.Keypair, call tx.Call, _ bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refuse != nil {
		return c.refuse
	}
	uid := slices.Index(c.m.Hotkeys, kp.SS58())
	if uid < 0 {
		return fmt.Errorf("signer not registered")
	}
	switch call := call.(type) {
	case tx.ServeAxon:
		a := &c.m.Axons[uid]
		a.IP, a.Port, a.IPType = apitypes.IPString(call.IPHigh, call.IPLow, call.IPType), call.Port, call.IPType
		a.Version, a.Protocol = call.Version, call.Protocol
	case tx.SetWeights:
		c.m.LastUpdate[uid] = c.block + 1
	}
	c.calls = append(c.calls, call)
	return nil
}

func (c *fakeChain) submitted() []tx.Call {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.calls)
}
