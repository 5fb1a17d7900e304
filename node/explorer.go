package node

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/explorer"
	"github.com/taonet/taonet/history"
)

// explorerParts is the node's history index and explorer web UI.
type explorerParts struct {
	ix     *history.Index
	cancel context.CancelFunc
	done   chan struct{}
}

// openExplorer opens the history index under the node home (rebuilt from
// blocks when missing) and serves its endpoints and the explorer pages on srv.
func (n *Node) openExplorer(srv *api.Server) error {
	ix, err := history.Open(filepath.Join(n.home, "data", "history"), &backend{n: n},
		history.Options{Logger: n.log.With("module", "history"), RetainBlocks: n.settings.PruningKeepRecent})
	if err != nil {
		return fmt.Errorf("node: %w", err)
	}
	ix.Register(srv)
	explorer.New(srv, ix).Register(srv)
	n.explorer = explorerParts{ix: ix}
	return nil
}

// startExplorer starts indexing blocks.
func (n *Node) startExplorer() {
	ctx, cancel := context.WithCancel(context.Background())
	n.explorer.cancel, n.explorer.done = cancel, make(chan struct{})
	go func() {
		defer close(n.explorer.done)
		n.explorer.ix.Run(ctx)
	}()
}

// stopExplorer stops indexing and closes the index.
func (n *Node) stopExplorer() {
	if n.explorer.cancel != nil {
		n.explorer.cancel()
		<-n.explorer.done
	}
	if n.explorer.ix != nil {
		_ = n.explorer.ix.Close()
	}
}

// Home is the node's home folder.
func (n *Node) Home() string { return n.home }
