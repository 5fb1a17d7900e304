// Package localnet holds "taonet localnet": a one-validator chain with
// funded dev accounts, initialised on first run and continued afterwards.
package localnet

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/node"
)

// Options are the inputs of "taonet localnet".
type Options struct {
	IO        *cmdutil.IOStreams
	Home      string
	APIAddr   string
	P2PAddr   string
	BlockTime time.Duration
	ChainID   string
	Reset     bool
	LogLevel  string
}

// DefaultHome is ~/.taonet/localnet.
func DefaultHome() string {
	h, err := os.UserHomeDir()
	if err != nil {
		return ".taonet-localnet"
	}
	return filepath.Join(h, ".taonet", "localnet")
}

// NewCmd returns "taonet localnet".
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "localnet",
		Short: "Run a local one-validator chain with funded dev accounts",
		Long: "Initialises a local chain in --home on first run (genesis with //Alice … //Ferdie\n" +
			"funded), then runs one CometBFT validator in-process and the API on 127.0.0.1.\n" +
			"A restart continues the chain from where it stopped; --reset starts afresh.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n, err := Start(opts)
			if err != nil {
				return err
			}
			return nodecmd.WaitAndStop(cmd.Context(), n)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Home, "home", DefaultHome(), "data folder (kept across restarts)")
	f.StringVar(&opts.APIAddr, "api", "127.0.0.1:8090", "API listen address")
	f.StringVar(&opts.P2PAddr, "p2p", "127.0.0.1:26656", "CometBFT p2p listen address")
	f.DurationVar(&opts.BlockTime, "block-time", time.Second, "target block time")
	f.StringVar(&opts.ChainID, "chain-id", "taonet-localnet", "chain id (first run only)")
	f.BoolVar(&opts.Reset, "reset", false, "delete --home and start a new chain")
	f.StringVar(&opts.LogLevel, "log-level", "warn", "log level: debug, info, warn, error")
	return cmd
}

// Start initialises the home if needed, starts the node and prints the
// API address and dev accounts.
func Start(opts *Options) (*node.Node, error) {
	if opts.BlockTime <= 0 {
		return nil, cmdutil.FlagErrorf("--block-time must be positive")
	}
	if opts.Reset {
		if err := os.RemoveAll(opts.Home); err != nil {
			return nil, err
		}
	}
	fresh := !node.Initialized(opts.Home)
	if fresh {
		g, err := node.LocalnetGenesis(opts.ChainID)
		if err != nil {
			return nil, err
		}
		st := node.DefaultSettings()
		st.Moniker = "localnet"
		st.APIAddr, st.P2PAddr, st.BlockTime = opts.APIAddr, opts.P2PAddr, opts.BlockTime.String()
		if err := node.InitNetwork(g, []node.Member{{Home: opts.Home, Settings: st}}, time.Now()); err != nil {
			return nil, err
		}
	}
	n, err := node.Open(opts.Home, node.Options{APIAddr: opts.APIAddr, BlockTime: opts.BlockTime, Logger: nodecmd.Logger(opts.IO, opts.LogLevel)})
	if err != nil {
		return nil, err
	}
	if err := n.Start(); err != nil {
		return nil, err
	}
	devs, err := node.DevAccounts()
	if err != nil {
		n.Stop()
		return nil, err
	}
	w := opts.IO.Out
	state := "continuing at height " + fmt.Sprint(n.Height())
	if fresh {
		state = "new chain"
	}
	fmt.Fprintf(w, "taonet localnet: chain %s (%s), home %s\n", n.ChainID(), state, opts.Home)
	fmt.Fprintf(w, "API: %s\n", n.APIURL())
	fmt.Fprintf(w, "dev mnemonic (public, never use for real value): %s\n", node.DevMnemonic)
	fmt.Fprintln(w, "dev accounts (funded at genesis with 1,000,000 TAO each):")
	for _, d := range devs {
		fmt.Fprintf(w, "  %-8s %-10s %s\n", d.Name, d.URI, d.SS58)
	}
	fmt.Fprintf(w, "try: taonet status --node %s\n", n.APIURL())
	return n, nil
}
