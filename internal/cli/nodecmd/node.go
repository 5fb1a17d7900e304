// Package nodecmd holds "taonet node", which runs a node from a home folder.
package nodecmd

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/node"
)

// Options are the inputs of "taonet node".
type Options struct {
	IO        *cmdutil.IOStreams
	Home      string
	APIAddr   string
	P2PAddr   string
	BlockTime time.Duration
	LogLevel  string
	// SnapshotInterval and Pruning override the saved settings when set.
	SnapshotInterval uint64
	Pruning          string
}

// NewCmd returns "taonet node --home DIR".
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "node --home DIR",
		Short: "Run a node from an initialised home folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Home == "" {
				return cmdutil.FlagErrorf("--home is required")
			}
			nopts := node.Options{APIAddr: opts.APIAddr, P2PAddr: opts.P2PAddr, BlockTime: opts.BlockTime, Logger: Logger(io, opts.LogLevel)}
			if cmd.Flags().Changed("snapshot-interval") {
				nopts.SnapshotInterval = &opts.SnapshotInterval
			}
			if cmd.Flags().Changed("pruning") {
				keep, err := node.ParsePruning(opts.Pruning)
				if err != nil {
					return cmdutil.FlagErrorf("--pruning: %v", err)
				}
				nopts.PruningKeepRecent = &keep
			}
			n, err := node.Open(opts.Home, nopts)
			if err != nil {
				return err
			}
			if err := n.Start(); err != nil {
				return err
			}
			fmt.Fprintf(io.ErrOut, "node running: chain %s, API %s, p2p %s (Ctrl-C to stop; a line every %d blocks at info)\n",
				n.ChainID(), n.APIURL(), n.P2PAddr(), node.DefaultLogEvery)
			return WaitAndStop(cmd.Context(), n)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Home, "home", "", "node home folder")
	f.StringVar(&opts.APIAddr, "api", "", "API listen address (overrides config/taonet.json)")
	f.StringVar(&opts.P2PAddr, "p2p", "", "CometBFT p2p listen address (overrides config/taonet.json)")
	f.DurationVar(&opts.BlockTime, "block-time", 0, "target block time (overrides config/taonet.json)")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	f.Uint64Var(&opts.SnapshotInterval, "snapshot-interval", 0, "take a state-sync snapshot every N blocks, 0 for none (overrides config/taonet.json)")
	f.StringVar(&opts.Pruning, "pruning", "nothing", node.PruningHelp+" (overrides config/taonet.json)")
	cmd.AddCommand(newShowValidatorCmd(io))
	return cmd
}

// Logger returns a text slog logger on the error stream.
func Logger(io *cmdutil.IOStreams, level string) *slog.Logger {
	return slog.New(slog.NewTextHandler(io.ErrOut, &slog.HandlerOptions{Level: node.ParseLevel(level)}))
}

// WaitAndStop blocks until SIGINT/SIGTERM or ctx ends, then stops n.
func WaitAndStop(ctx context.Context, n *node.Node) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return n.Stop()
}

// newShowValidatorCmd returns "taonet node show-validator --home DIR".
func newShowValidatorCmd(io *cmdutil.IOStreams) *cobra.Command {
	var home, output string
	cmd := &cobra.Command{
		Use:   "show-validator --home DIR",
		Short: "Print the node's consensus public key (for taonet authority add --consensus-key)",
		Long: "Print the base64 ed25519 consensus key of the node in --home; with --output json, CometBFT's\n" +
			"{\"type\":\"tendermint/PubKeyEd25519\",\"value\":…} with the validator address.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			out, err := cmdutil.ParseOutput(output)
			if err != nil {
				return err
			}
			if home == "" {
				return cmdutil.FlagErrorf("--home is required")
			}
			k, err := node.ShowValidator(home)
			if err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, k)
			}
			fmt.Fprintln(io.Out, k.Value)
			return nil
		},
	}
	cmd.Flags().StringVar(&home, "home", "", "node home folder")
	cmdutil.OutputFlag(cmd, &output)
	return cmd
}
