package template

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// Chain is what miners and validators need from a node. Implementations
// must be safe for concurrent use.
type Chain interface {
	// Block returns the latest committed height.
	Block(ctx context.Context) (uint64, error)
	// Metagraph returns netuid's metagraph without weights and bonds
	// (GET /v1/subnets/{netuid}/metagraph?lite=true).
	Metagraph(ctx context.Context, netuid uint16) (*api.Metagraph, error)
	// Submit signs call with kp and submits it; with wait it returns once
	// the call is in a committed block. A refused call is an error.
	Submit(ctx context.Context, kp *keys.Keypair, call tx.Call, wait bool) error
}

// NewChain returns a Chain backed by the node API at c.
func NewChain(c *client.Client) Chain { return clientChain{c} }

type clientChain struct{ c *client.Client }

var _ Chain = clientChain{}

func (cc clientChain) Block(ctx context.Context) (uint64, error) {
	st, err := cc.c.Status(ctx)
	if err != nil {
		return 0, err
	}
	return uint64(max(st.Height, 0)), nil
}

func (cc clientChain) Metagraph(ctx context.Context, netuid uint16) (*api.Metagraph, error) {
	var m api.Metagraph
	if err := cc.c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/metagraph?lite=true", netuid), &m); err != nil {
		return nil, err
	}
	return &m, nil
}

func (cc clientChain) Submit(ctx context.Context, kp *keys.Keypair, call tx.Call, wait bool) error {
	if _, err := cc.c.SignAndSubmit(ctx, kp, call, 0, wait); err != nil {
		return &TxError{Call: call.Name(), Err: err}
	}
	return nil
}

// view is a parsed metagraph: the columns a neuron uses, indexed by uid.
type view struct {
	m       *api.Metagraph
	hotkeys []keys.PublicKey
	uidOf   map[keys.PublicKey]uint16
	axons   []axon.Info
}

// newView parses m. Errors wrap ErrBadMetagraph.
func newView(m *api.Metagraph) (*view, error) {
	n := len(m.UIDs)
	if len(m.Hotkeys) != n || len(m.Stake) != n || len(m.ValidatorPermit) != n ||
		len(m.LastUpdate) != n || len(m.Axons) != n {
		return nil, fmt.Errorf("%w: column lengths differ from %d uids", ErrBadMetagraph, n)
	}
	v := &view{m: m, hotkeys: make([]keys.PublicKey, n), uidOf: make(map[keys.PublicKey]uint16, n), axons: make([]axon.Info, n)}
	for i := range n {
		if int(m.UIDs[i]) != i {
			return nil, fmt.Errorf("%w: uid %d at index %d", ErrBadMetagraph, m.UIDs[i], i)
		}
		pk, err := keys.ParseSS58(m.Hotkeys[i])
		if err != nil {
			return nil, fmt.Errorf("%w: hotkey of uid %d: %v", ErrBadMetagraph, i, err)
		}
		v.hotkeys[i] = pk
		v.uidOf[pk] = uint16(i)
		a := m.Axons[i]
		info := axon.Info{Version: a.Version, Port: a.Port, Protocol: a.Protocol, Hotkey: pk}
		if ip, err := netip.ParseAddr(a.IP); err == nil {
			info.IP = ip
		}
		if ck, err := keys.ParseSS58(a.Coldkey); err == nil {
			info.Coldkey = ck
		}
		v.axons[i] = info
	}
	return v, nil
}

// n returns the number of uids.
func (v *view) n() int { return len(v.hotkeys) }

// uid returns hotkey's uid.
func (v *view) uid(hotkey keys.PublicKey) (uint16, bool) {
	u, ok := v.uidOf[hotkey]
	return u, ok
}

// IsRegistered implements axon.Registry.
func (v *view) IsRegistered(hotkey keys.PublicKey) bool {
	_, ok := v.uidOf[hotkey]
	return ok
}

// Stake implements axon.Registry.
func (v *view) Stake(hotkey keys.PublicKey) uint64 {
	if u, ok := v.uidOf[hotkey]; ok {
		return v.m.Stake[u]
	}
	return 0
}

var _ axon.Registry = (*view)(nil)
