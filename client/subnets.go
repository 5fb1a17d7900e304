package client

import (
	"context"
	"fmt"
	"net/url"

	"github.com/taonet/taonet/api"
)

// Network returns GET /v1/network: the lock cost now, subnet limit and
// count, and the chain-wide subtensor parameters.
func (c *Client) Network(ctx context.Context) (*api.Network, error) {
	var n api.Network
	return &n, c.Get(ctx, "/v1/network", &n)
}

// Subnets returns GET /v1/subnets: every subnet, the root network included.
func (c *Client) Subnets(ctx context.Context) (*api.Subnets, error) {
	var s api.Subnets
	return &s, c.Get(ctx, "/v1/subnets", &s)
}

// Subnet returns GET /v1/subnets/{netuid}. An unknown subnet is an
// *APIError with Code "SubnetNotExists" (errors.Is(err, ErrNotFound)).
func (c *Client) Subnet(ctx context.Context, netuid uint16) (*api.Subnet, error) {
	var s api.Subnet
	return &s, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d", netuid), &s)
}

// Metagraph returns GET /v1/subnets/{netuid}/metagraph; lite leaves out the
// weight and bond rows.
func (c *Client) Metagraph(ctx context.Context, netuid uint16, lite bool) (*api.Metagraph, error) {
	p := fmt.Sprintf("/v1/subnets/%d/metagraph", netuid)
	if lite {
		p += "?lite=true"
	}
	var m api.Metagraph
	return &m, c.Get(ctx, p, &m)
}

// Neuron returns GET /v1/subnets/{netuid}/neurons/{uid}.
func (c *Client) Neuron(ctx context.Context, netuid, uid uint16) (*api.Neuron, error) {
	var n api.Neuron
	return &n, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/neurons/%d", netuid, uid), &n)
}

// PowTarget returns GET /v1/subnets/{netuid}/pow: the block, block hash and
// difficulty a PoW registration must solve now.
func (c *Client) PowTarget(ctx context.Context, netuid uint16) (*api.PowTarget, error) {
	var p api.PowTarget
	return &p, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/pow", netuid), &p)
}

// Delegates returns GET /v1/delegates.
func (c *Client) Delegates(ctx context.Context) (*api.Delegates, error) {
	var d api.Delegates
	return &d, c.Get(ctx, "/v1/delegates", &d)
}

// Stakes returns GET /v1/stake/{coldkey}: the coldkey's stake per hotkey.
func (c *Client) Stakes(ctx context.Context, coldkey string) (*api.Stakes, error) {
	var s api.Stakes
	return &s, c.Get(ctx, "/v1/stake/"+url.PathEscape(coldkey), &s)
}

// Governance returns GET /v1/governance: sudo, the committees and open motions.
func (c *Client) Governance(ctx context.Context) (*api.Governance, error) {
	var g api.Governance
	return &g, c.Get(ctx, "/v1/governance", &g)
}
