package metagraph

import (
	"context"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/app"
	"github.com/taonet/taonet/client"
)

// Source is what a Metagraph needs from a node; *client.Client is one.
type Source interface {
	// Metagraph fetches one subnet's metagraph (lite: without weights and bonds).
	Metagraph(ctx context.Context, netuid uint16, lite bool) (*api.Metagraph, error)
	// Subscribe streams committed blocks until ctx ends.
	Subscribe(ctx context.Context) (<-chan app.Block, error)
}

var _ Source = (*client.Client)(nil)
