package metagraph

import (
	"context"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
)

// Source is what a Metagraph needs from a node; *client.Client is one.
type Source interface {
	// Metagraph fetches one subnet's metagraph (lite: without weights and bonds).
	Metagraph(ctx context.Context, netuid uint16, lite bool) (*apitypes.Metagraph, error)
	// Subscribe streams committed blocks until ctx ends.
	Subscribe(ctx context.Context) (<-chan apitypes.Block, error)
}

var _ Source = (*client.Client)(nil)
