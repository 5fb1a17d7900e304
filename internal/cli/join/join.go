// Package join holds "taonet join", which sets up a node joining a running
// network from one of its nodes' API and runs it.
package join

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/node"
)

// Options are the inputs of "taonet join".
type Options struct {
	IO          *cmdutil.IOStreams
	Join        node.JoinOptions
	TrustPeriod time.Duration
	NoStart     bool
	LogLevel    string
	Output      string
}

const long = `Initialise --home for a node of the network that the node at --from belongs to, then run it.

From the node's API it takes the genesis, its p2p address and its peers' (they become this
node's persistent peers) and its block time. The new node gets its own p2p and consensus
keys; it is a full node until an authority change makes its consensus key a validator
(see taonet node show-validator and taonet authority add).

Without --state-sync the node replays every block from genesis. With --state-sync it
restores a recent snapshot offered by its peers and replays only the blocks after it.

Trust assumption of --state-sync: you trust the block named by --trust-height and
--trust-hash (by default, the latest block of the node at --from, so you trust that node
at the moment you join). From that block on, nothing is taken on trust: CometBFT's light
client verifies every header up to the snapshot against the validators' signatures
(through --from/cometbft), and the restored state must hash to the app hash of the
verified header, or the snapshot is rejected. To avoid trusting --from, take the height
and hash from a source you trust (a block explorer, another operator) and pass them.
The trust lasts --trust-period (default 168h): the trusted block must be more recent.

If --from cannot be reached or answers inconsistently, or --trust-hash is not its block
at --trust-height, join fails with a named error and writes nothing.`

// NewCmd returns "taonet join".
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "join --home DIR --from URL [--state-sync] [--api ADDR] [--p2p ADDR]",
		Short: "Join a running network from one of its nodes (optionally by state sync) and run the node",
		Long:  long,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return run(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Join.Home, "home", "", "home folder to create for the new node (must not exist or be empty)")
	f.StringVar(&opts.Join.From, "from", "", "API URL of a running node of the network, e.g. http://127.0.0.1:8190")
	f.BoolVar(&opts.Join.StateSync, "state-sync", false, "restore a recent snapshot from peers instead of replaying every block")
	f.Int64Var(&opts.Join.TrustHeight, "trust-height", 0, "trusted block height for --state-sync (default: the latest block of --from)")
	f.StringVar(&opts.Join.TrustHash, "trust-hash", "", "hash (hex) of the block at --trust-height")
	f.DurationVar(&opts.TrustPeriod, "trust-period", node.DefaultTrustPeriod, "how long the trusted block's validators stay trusted")
	f.StringVar(&opts.Join.APIAddr, "api", "", "API listen address of the new node (default 127.0.0.1:8090)")
	f.StringVar(&opts.Join.P2PAddr, "p2p", "", "p2p listen address of the new node (default 127.0.0.1:26656)")
	f.StringVar(&opts.Join.Moniker, "moniker", "", "name of the new node (default: the home folder's name)")
	f.BoolVar(&opts.NoStart, "no-start", false, "only write the home; start it later with taonet node --home DIR")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

func run(ctx context.Context, opts *Options) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.Join.Home == "" || opts.Join.From == "" {
		return cmdutil.FlagErrorf("--home and --from are required")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	opts.Join.TrustPeriod = opts.TrustPeriod
	res, err := node.Join(ctx, opts.Join)
	if err != nil {
		return err
	}
	io := opts.IO
	if out == cmdutil.OutputJSON {
		if err := cmdutil.WriteJSON(io.Out, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(io.Out, "joined chain %s: home %s, node id %s, peers %v\n", res.ChainID, res.Home, res.NodeID, res.Peers)
		if res.StateSync {
			fmt.Fprintf(io.Out, "state sync trusts block %d (%s)\n", res.TrustHeight, res.TrustHash)
		}
	}
	if opts.NoStart {
		return nil
	}
	n, err := node.Open(res.Home, node.Options{Logger: nodecmd.Logger(io, opts.LogLevel)})
	if err != nil {
		return err
	}
	if err := n.Start(); err != nil {
		return err
	}
	fmt.Fprintf(io.ErrOut, "node running: chain %s, API %s, p2p %s (Ctrl-C to stop)\n", n.ChainID(), n.APIURL(), n.P2PAddr())
	return nodecmd.WaitAndStop(ctx, n)
}
