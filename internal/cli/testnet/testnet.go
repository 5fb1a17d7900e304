// Package testnet holds "taonet testnet init", which writes the home
// folders of a multi-validator network on loopback ports.
package testnet

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/node"
)

// InitOptions are the inputs of "taonet testnet init".
type InitOptions struct {
	IO          *cmdutil.IOStreams
	Validators  int
	Output      string
	ChainID     string
	P2PBasePort int
	APIBasePort int
	BlockTime   time.Duration
}

// Default base ports: clear of a running localnet (API 8090, p2p 26656)
// and of a miner's axon on 8091, so both can run side by side.
const (
	DefaultAPIBasePort = 8190
	DefaultP2PBasePort = 26756
)

// NewCmd returns the "testnet" group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{Use: "testnet", Short: "Create multi-validator networks on this machine"}
	cmd.AddCommand(newInitCmd(io))
	return cmd
}

func newInitCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &InitOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "init --validators N --output DIR",
		Short: "Write home folders for an N-validator CometBFT network on loopback",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			homes, err := Init(opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(io.Out, "wrote %d validator homes for chain %s:\n", len(homes), opts.ChainID)
			for i, h := range homes {
				fmt.Fprintf(io.Out, "  taonet node --home %s   # API http://127.0.0.1:%d\n", h, opts.APIBasePort+i)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Validators, "validators", 4, "number of validators")
	f.StringVar(&opts.Output, "output", "./testnet", "folder for the node homes (node0, node1, …)")
	f.StringVar(&opts.ChainID, "chain-id", "taonet-testnet", "chain id")
	f.IntVar(&opts.P2PBasePort, "p2p-base-port", DefaultP2PBasePort, "p2p port of node0; node i uses base+i")
	f.IntVar(&opts.APIBasePort, "api-base-port", DefaultAPIBasePort, "API port of node0; node i uses base+i")
	f.DurationVar(&opts.BlockTime, "block-time", time.Second, "target block time")
	return cmd
}

// Init writes the homes and returns their paths.
func Init(opts *InitOptions) ([]string, error) {
	if opts.Validators < 1 || opts.Validators > 64 {
		return nil, cmdutil.FlagErrorf("--validators must be 1..64, got %d", opts.Validators)
	}
	g, err := node.LocalnetGenesis(opts.ChainID)
	if err != nil {
		return nil, err
	}
	members := make([]node.Member, opts.Validators)
	homes := make([]string, opts.Validators)
	for i := range members {
		homes[i] = filepath.Join(opts.Output, fmt.Sprintf("node%d", i))
		st := node.DefaultSettings()
		st.Moniker = fmt.Sprintf("node%d", i)
		st.APIAddr = fmt.Sprintf("127.0.0.1:%d", opts.APIBasePort+i)
		st.P2PAddr = fmt.Sprintf("127.0.0.1:%d", opts.P2PBasePort+i)
		st.BlockTime = opts.BlockTime.String()
		members[i] = node.Member{Home: homes[i], Settings: st}
	}
	if err := node.InitNetwork(g, members, time.Now()); err != nil {
		if errors.Is(err, node.ErrAlreadyInitialized) {
			return nil, fmt.Errorf("%w (choose a new --output folder, or delete %s to start over)", err, opts.Output)
		}
		return nil, err
	}
	return homes, nil
}
