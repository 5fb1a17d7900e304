package client

import (
	"context"
	"fmt"
	"net/url"

	"github.com/taonet/taonet/apitypes"
)

// Network returns GET /v1/network: the lock cost now, subnet limit and
// count, and the chain-wide subtensor parameters.
func (c *Client) Network(ctx context.Context) (*apitypes.Network, error) {
	var n apitypes.Network
	return &n, c.Get(ctx, "/v1/network", &n)
}

// Subnets returns GET /v1/subnets: every subnet, the root network included.
func (c *Client) Subnets(ctx context.Context) (*apitypes.Subnets, error) {
	var s apitypes.Subnets
	return &s, c.Get(ctx, "/v1/subnets", &s)
}

// Subnet returns GET /v1/subnets/{netuid}. An unknown subnet is an
// *APIError with Code "SubnetNotExists" (errors.Is(err, ErrNotFound)).
func (c *Client) Subnet(ctx context.Context, netuid uint16) (*apitypes.Subnet, error) {
	var s apitypes.Subnet
	return &s, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d", netuid), &s)
}

// Metagraph returns GET /v1/subnets/{netuid}/metagraph; lite leaves out the
// weight and bond rows.
func (c *Client) Metagraph(ctx context.Context, netuid uint16, lite bool) (*apitypes.Metagraph, error) {
	p := fmt.Sprintf("/v1/subnets/%d/metagraph", netuid)
	if lite {
		p += "?lite=true"
	}
	var m apitypes.Metagraph
	return &m, c.Get(ctx, p, &m)
}

// Neuron returns GET /v1/subnets/{netuid}/neurons/{uid}.
func (c *Client) Neuron(ctx context.Context, netuid, uid uint16) (*apitypes.Neuron, error) {
	var n apitypes.Neuron
	return &n, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/neurons/%d", netuid, uid), &n)
}

// PowTarget returns GET /v1/subnets/{netuid}/pow: the block, block hash and
// difficulty a PoW registration must solve now.
func (c *Client) PowTarget(ctx context.Context, netuid uint16) (*apitypes.PowTarget, error) {
	var p apitypes.PowTarget
	return &p, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/pow", netuid), &p)
}

// Delegates returns GET /v1/delegates.
func (c *Client) Delegates(ctx context.Context) (*apitypes.Delegates, error) {
	var d apitypes.Delegates
	return &d, c.Get(ctx, "/v1/delegates", &d)
}

// Stakes returns GET /v1/stake/{coldkey}: the coldkey's stake per hotkey.
func (c *Client) Stakes(ctx context.Context, coldkey string) (*apitypes.Stakes, error) {
	var s apitypes.Stakes
	return &s, c.Get(ctx, "/v1/stake/"+url.PathEscape(coldkey), &s)
}

// Governance returns GET /v1/governance: sudo, the committees and open motions.
func (c *Client) Governance(ctx context.Context) (*apitypes.Governance, error) {
	var g apitypes.Governance
	return &g, c.Get(ctx, "/v1/governance", &g)
}

// Identity returns GET /v1/identities/{ss58}: the coldkey's published
// identity (an *APIError matching ErrNotFound when it has none).
func (c *Client) Identity(ctx context.Context, ss58 string) (*apitypes.IdentityInfo, error) {
	var i apitypes.IdentityInfo
	return &i, c.Get(ctx, "/v1/identities/"+url.PathEscape(ss58), &i)
}

// ColdkeySwaps returns GET /v1/coldkey-swaps: every pending coldkey swap.
func (c *Client) ColdkeySwaps(ctx context.Context) (*apitypes.ColdkeySwaps, error) {
	var s apitypes.ColdkeySwaps
	return &s, c.Get(ctx, "/v1/coldkey-swaps", &s)
}

// ColdkeySwap returns GET /v1/coldkey-swaps/{ss58}: the coldkey's pending
// swap (an *APIError matching ErrNotFound when it has none).
func (c *Client) ColdkeySwap(ctx context.Context, ss58 string) (*apitypes.ColdkeySwapInfo, error) {
	var s apitypes.ColdkeySwapInfo
	return &s, c.Get(ctx, "/v1/coldkey-swaps/"+url.PathEscape(ss58), &s)
}

// Childkeys returns GET /v1/subnets/{netuid}/children/{hotkey}.
func (c *Client) Childkeys(ctx context.Context, netuid uint16, hotkey string) (*apitypes.Childkeys, error) {
	var out apitypes.Childkeys
	return &out, c.Get(ctx, fmt.Sprintf("/v1/subnets/%d/children/%s", netuid, url.PathEscape(hotkey)), &out)
}
