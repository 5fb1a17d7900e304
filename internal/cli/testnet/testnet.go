// Package testnet holds "taonet testnet init", which writes the home
// folders of a multi-validator network on loopback ports.
package testnet

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/node"
)

// InitOptions are the inputs of "taonet testnet init".
type InitOptions struct {
	IO         *cmdutil.IOStreams
	Validators int
	// FullNodes are non-validator nodes added after the validators.
	FullNodes int
	// Dir is the folder for the node homes.
	Dir string
	// Output is the output format (text or json).
	Output      string
	ChainID     string
	P2PBasePort int
	APIBasePort int
	BlockTime   time.Duration
	// SnapshotInterval is the number of blocks between state-sync
	// snapshots every node takes (0: none).
	SnapshotInterval uint64
	// Pruning is the --pruning value every node starts with.
	Pruning string
	// FairLaunch writes chain.FairLaunchGenesis (no balances, no sudo,
	// subnet 1 open to PoW registration) instead of the localnet genesis.
	FairLaunch bool
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

// NodeInfo describes one node written by init (the JSON output's nodes).
type NodeInfo struct {
	Name   string `json:"name"`
	Role   string `json:"role"` // "validator" or "full"
	Home   string `json:"home"`
	API    string `json:"api"`
	P2P    string `json:"p2p"`
	NodeID string `json:"node_id"`
}

// InitResult is the JSON output of init.
type InitResult struct {
	ChainID string `json:"chain_id"`
	// FairLaunch tells whether the genesis is a fair launch.
	FairLaunch bool       `json:"fair_launch"`
	Nodes      []NodeInfo `json:"nodes"`
}

func newInitCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &InitOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "init --validators N [--full-nodes M] --dir DIR [--output json]",
		Short: "Write home folders for an N-validator CometBFT network (plus M full nodes) on loopback",
		Long: "Write the homes node0 … node(N+M−1) under --dir: N validators, then M full nodes that\n" +
			"follow the chain without voting. Every node connects to every other; node i's API is on\n" +
			"--api-base-port+i and its p2p on --p2p-base-port+i. Run each with taonet node --home DIR/nodeI.\n" +
			"The genesis funds //Alice … //Ferdie and makes //Alice sudo, as localnet does, unless\n" +
			"--fair-launch: then it has no balances and no sudo, and subnet 1 exists from genesis without\n" +
			"owner, open to PoW registration, receiving all emission until root validators set weights.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			out, err := cmdutil.ParseOutput(opts.Output)
			if err != nil {
				return err
			}
			res, err := Init(opts)
			if err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(io.Out, res)
			}
			fmt.Fprintf(io.Out, "wrote %d node homes for chain %s:\n", len(res.Nodes), res.ChainID)
			if res.FairLaunch {
				fmt.Fprintf(io.Out, "fair launch: no balances, no sudo; subnet 1 takes PoW registrations (difficulty %d)\n", chain.FairLaunchDifficulty)
			}
			for _, n := range res.Nodes {
				fmt.Fprintf(io.Out, "  taonet node --home %s   # %s, API http://%s\n", n.Home, n.Role, n.API)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Validators, "validators", 4, "number of validators")
	f.IntVar(&opts.FullNodes, "full-nodes", 0, "number of non-validator (full) nodes")
	f.StringVar(&opts.Dir, "dir", "./testnet", "folder for the node homes (node0, node1, …)")
	f.StringVar(&opts.ChainID, "chain-id", "taonet-testnet", "chain id")
	f.IntVar(&opts.P2PBasePort, "p2p-base-port", DefaultP2PBasePort, "p2p port of node0; node i uses base+i")
	f.IntVar(&opts.APIBasePort, "api-base-port", DefaultAPIBasePort, "API port of node0; node i uses base+i")
	f.DurationVar(&opts.BlockTime, "block-time", time.Second, "target block time")
	f.Uint64Var(&opts.SnapshotInterval, "snapshot-interval", 0, "take a state-sync snapshot every N blocks on every node (0: none)")
	f.StringVar(&opts.Pruning, "pruning", "nothing", node.PruningHelp)
	f.BoolVar(&opts.FairLaunch, "fair-launch", false, "genesis without balances or sudo; subnet 1 pays PoW registrants")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// Init writes the homes and describes them.
func Init(opts *InitOptions) (*InitResult, error) {
	if opts.Validators < 1 || opts.Validators > 64 {
		return nil, cmdutil.FlagErrorf("--validators must be 1..64, got %d", opts.Validators)
	}
	if opts.FullNodes < 0 || opts.FullNodes > 64 {
		return nil, cmdutil.FlagErrorf("--full-nodes must be 0..64, got %d", opts.FullNodes)
	}
	keep, err := node.ParsePruning(opts.Pruning)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--pruning: %v", err)
	}
	var g *chain.Genesis
	if opts.FairLaunch {
		g = chain.FairLaunchGenesis(opts.ChainID, subtensor.DefaultNetworkParams().DefaultTempo)
	} else if g, err = node.LocalnetGenesis(opts.ChainID); err != nil {
		return nil, err
	}
	n := opts.Validators + opts.FullNodes
	members := make([]node.Member, n)
	res := &InitResult{ChainID: opts.ChainID, FairLaunch: opts.FairLaunch, Nodes: make([]NodeInfo, n)}
	for i := range members {
		name := fmt.Sprintf("node%d", i)
		st := node.DefaultSettings()
		st.Moniker = name
		st.APIAddr = fmt.Sprintf("127.0.0.1:%d", opts.APIBasePort+i)
		st.P2PAddr = fmt.Sprintf("127.0.0.1:%d", opts.P2PBasePort+i)
		st.BlockTime = opts.BlockTime.String()
		st.SnapshotInterval = opts.SnapshotInterval
		st.PruningKeepRecent = keep
		full := i >= opts.Validators
		members[i] = node.Member{Home: filepath.Join(opts.Dir, name), Settings: st, FullNode: full}
		role := "validator"
		if full {
			role = "full"
		}
		res.Nodes[i] = NodeInfo{Name: name, Role: role, Home: members[i].Home, API: st.APIAddr, P2P: st.P2PAddr}
	}
	if err := node.InitNetwork(g, members, time.Now()); err != nil {
		if errors.Is(err, node.ErrAlreadyInitialized) {
			return nil, fmt.Errorf("%w (choose a new --dir folder, or delete %s to start over)", err, opts.Dir)
		}
		return nil, err
	}
	for i := range res.Nodes {
		id, err := node.NodeID(res.Nodes[i].Home)
		if err != nil {
			return nil, err
		}
		res.Nodes[i].NodeID = id
	}
	return res, nil
}
