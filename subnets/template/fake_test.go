package template_test

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/taonet/taonet/api"
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
	m     api.Metagraph
	calls []tx.Call
	// refuse, when set, fails every Submit.
	refuse error
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
	m.Netuid, m.Lite, m.N = netuid, true, uint16(len(hotkeys))
	m.Subnet.Hyperparameters.MaxWeightsLimit = 65535
	m.Subnet.Hyperparameters.MinAllowedWeights = 1
	for i, h := range hotkeys {
		m.UIDs = append(m.UIDs, uint16(i))
		m.Hotkeys = append(m.Hotkeys, h.SS58())
		m.Coldkeys = append(m.Coldkeys, h.SS58())
		m.Stake = append(m.Stake, 0)
		m.ValidatorPermit = append(m.ValidatorPermit, false)
		m.LastUpdate = append(m.LastUpdate, 1)
		m.Axons = append(m.Axons, api.AxonInfo{IP: "0.0.0.0", Hotkey: h.SS58()})
	}
	return c
}

func (c *fakeChain) Block(context.Context) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
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

func (c *fakeChain) Metagraph(_ context.Context, netuid uint16) (*api.Metagraph, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if netuid != c.m.Netuid {
		return nil, fmt.Errorf("no subnet %d", netuid)
	}
	m := c.m
	m.Block = int64(c.block)
	m.UIDs, m.Hotkeys, m.Stake = slices.Clone(m.UIDs), slices.Clone(m.Hotkeys), slices.Clone(m.Stake)
	m.ValidatorPermit, m.LastUpdate, m.Axons = slices.Clone(m.ValidatorPermit), slices.Clone(m.LastUpdate), slices.Clone(m.Axons)
	return &m, nil
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
		a.IP, a.Port, a.IPType = api.IPString(call.IPHigh, call.IPLow, call.IPType), call.Port, call.IPType
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
