package api

import (
	"context"
	"errors"

	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// Backend is what the API needs from a running node.
type Backend interface {
	// View pins the latest committed state; the caller closes it.
	View() (*store.View, error)
	// ChainID returns the chain id.
	ChainID() string
	// CheckTx submits raw to the mempool and returns the CheckTx result.
	CheckTx(ctx context.Context, raw []byte) (chain.Result, error)
	// CommitTx submits raw and waits until it is in a committed block.
	CommitTx(ctx context.Context, raw []byte) (*TxInfo, chain.Result, error)
	// Tx finds a committed transaction by hash (ErrNotFound if unknown).
	Tx(ctx context.Context, hash []byte) (*TxInfo, error)
	// Block returns a committed block (height 0 = latest; ErrNotFound if unknown).
	Block(ctx context.Context, height int64) (*BlockInfo, error)
	// Subscribe streams committed blocks until cancel is called.
	Subscribe() (blocks <-chan app.Block, cancel func())
	// NextNonce returns the nonce acct's next transaction must carry on
	// this node: its committed nonce plus its transactions in the mempool
	// (Substrate's system_accountNextIndex).
	NextNonce(acct keys.PublicKey) uint64
}

// Syncer is implemented by a backend that knows how its node is catching
// up; GET /v1/status reports "caught_up" for one that does not.
type Syncer interface {
	// SyncStatus returns Status.Sync and Status.StateSyncHeight.
	SyncStatus() (mode string, stateSyncHeight int64)
}

// Peering is implemented by a backend whose node other nodes can join: it
// serves GET /v1/node and GET /v1/genesis.
type Peering interface {
	// NodeInfo describes the node to a joining one.
	NodeInfo(ctx context.Context) (NodeInfo, error)
	// Genesis returns the genesis document (CometBFT JSON).
	Genesis() ([]byte, error)
	// Validators returns the consensus validator set in force.
	Validators(ctx context.Context) (Validators, error)
}

// ErrNotFound is returned by a Backend for an unknown tx or block.
var ErrNotFound = errors.New("api: not found")
