package node

import (
	"context"
	"sync"

	abcicli "github.com/cometbft/cometbft/abci/client"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/proxy"
)

// parallelCheckCreator hands CometBFT one local ABCI client per connection,
// each synchronised by its own mutex as proxy.NewConnSyncLocalClientCreator
// does (so CheckTx never waits behind FinalizeBlock on another connection),
// and lets CheckTx through the mempool connection without that mutex: the
// app verifies a transaction's signature before it takes its own lock, so
// concurrent submissions verify in parallel. The app must be safe for
// concurrent CheckTx, as taonet's app.App is.
type parallelCheckCreator struct{ app abci.Application }

var _ proxy.ClientCreator = parallelCheckCreator{}

// NewABCIClient implements proxy.ClientCreator.
func (c parallelCheckCreator) NewABCIClient() (abcicli.Client, error) {
	return &parallelCheckClient{Client: abcicli.NewLocalClient(nil, c.app), app: c.app}, nil
}

// parallelCheckClient is a connection-synchronised local client whose
// CheckTx and CheckTxAsync skip the connection's mutex.
type parallelCheckClient struct {
	abcicli.Client
	app abci.Application

	mu sync.Mutex // guards cb
	cb abcicli.Callback
}

// SetResponseCallback implements abcicli.Client.
func (c *parallelCheckClient) SetResponseCallback(cb abcicli.Callback) {
	c.mu.Lock()
	c.cb = cb
	c.mu.Unlock()
	c.Client.SetResponseCallback(cb)
}

// CheckTx implements abcicli.Client without the connection's mutex.
func (c *parallelCheckClient) CheckTx(ctx context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	return c.app.CheckTx(ctx, req)
}

// CheckTxAsync implements abcicli.Client without the connection's mutex;
// like the local client it answers at once and invokes the callbacks.
func (c *parallelCheckClient) CheckTxAsync(ctx context.Context, req *abci.RequestCheckTx) (*abcicli.ReqRes, error) {
	res, err := c.app.CheckTx(ctx, req)
	if err != nil {
		return nil, err
	}
	rq, rs := abci.ToRequestCheckTx(req), abci.ToResponseCheckTx(res)
	c.mu.Lock()
	cb := c.cb
	c.mu.Unlock()
	if cb != nil {
		cb(rq, rs)
	}
	rr := abcicli.NewReqRes(rq)
	rr.Response = rs
	rr.InvokeCallback()
	return rr, nil
}
