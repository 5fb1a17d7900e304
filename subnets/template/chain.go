package template

import (
	"context"
	"fmt"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/tx"
)

// Chain is what miners and validators need from a node: the metagraph
// (metagraph.Source), the height and transaction submission.
// Implementations must be safe for concurrent use.
type Chain interface {
	metagraph.Source
	// Block returns the latest committed height.
	Block(ctx context.Context) (uint64, error)
	// Submit signs call with kp and submits it; with wait it returns once
	// the call is in a committed block. A refused call is an error.
	Submit(ctx context.Context, kp *keys.Keypair, call tx.Call, wait bool) error
}

// NewChain returns a Chain backed by the node API at c.
func NewChain(c *client.Client) Chain { return clientChain{c} }

type clientChain struct{ *client.Client }

var _ Chain = clientChain{}

func (cc clientChain) Block(ctx context.Context) (uint64, error) {
	st, err := cc.Status(ctx)
	if err != nil {
		return 0, err
	}
	return uint64(max(st.Height, 0)), nil
}

func (cc clientChain) Submit(ctx context.Context, kp *keys.Keypair, call tx.Call, wait bool) error {
	if _, err := cc.SignAndSubmit(ctx, kp, call, 0, wait); err != nil {
		return &TxError{Call: call.Name(), Err: err}
	}
	return nil
}

// syncUID syncs mg (lite) and returns hotkey's uid in the new snapshot.
// Errors wrap ErrNotRegistered or the metagraph's errors.
func syncUID(ctx context.Context, mg *metagraph.Metagraph, hotkey keys.PublicKey) (*metagraph.Snapshot, uint16, error) {
	if err := mg.Sync(ctx, true); err != nil {
		return nil, 0, err
	}
	s := mg.Snapshot()
	uid, ok := s.UIDOf(hotkey)
	if !ok {
		return s, 0, fmt.Errorf("%w: %s on netuid %d", ErrNotRegistered, hotkey.SS58(), mg.Netuid())
	}
	return s, uid, nil
}
