package node

import (
	"context"

	abcicli "github.com/cometbft/cometbft/abci/client"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/proxy"
)

// parallelCheckCreator hands CometBFT one local ABCI client per connection,
// each synchronised by its own mutex as proxy.NewConnSyncLocalClientCreator
// does (so CheckTx never waits behind FinalizeBlock on another connection).
// On the mempool connection, a transaction's signature is verified before
// the connection's mutex is taken, so concurrent submissions verify in
// parallel; CheckTx itself and the mempool's callbacks then run one at a
// time, in order, as the mempool requires (its per-signer nonce order
// depends on it).
type parallelCheckCreator struct{ app abci.Application }

var _ proxy.ClientCreator = parallelCheckCreator{}

// preVerifier is implemented by an app that can verify a transaction's
// signature ahead of CheckTx, safely for concurrent calls.
type preVerifier interface{ PreVerify(tx []byte) }

// NewABCIClient implements proxy.ClientCreator.
func (c parallelCheckCreator) NewABCIClient() (abcicli.Client, error) {
	cl := abcicli.NewLocalClient(nil, c.app)
	pv, ok := c.app.(preVerifier)
	if !ok {
		return cl, nil
	}
	return &parallelCheckClient{Client: cl, pv: pv}, nil
}

// parallelCheckClient is a connection-synchronised local client that
// pre-verifies CheckTx signatures outside the connection's mutex.
type parallelCheckClient struct {
	abcicli.Client
	pv preVerifier
}

// CheckTx implements abcicli.Client.
func (c *parallelCheckClient) CheckTx(ctx context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	c.pv.PreVerify(req.Tx)
	return c.Client.CheckTx(ctx, req)
}

// CheckTxAsync implements abcicli.Client.
func (c *parallelCheckClient) CheckTxAsync(ctx context.Context, req *abci.RequestCheckTx) (*abcicli.ReqRes, error) {
	c.pv.PreVerify(req.Tx)
	return c.Client.CheckTxAsync(ctx, req)
}
