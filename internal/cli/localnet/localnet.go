// Package localnet holds "taonet localnet": a one-validator chain with
// funded dev accounts, initialised on first run and continued afterwards,
// running the forecasting subnet demo (package demo) unless --no-demo; or,
// with --fair-launch, a chain with no balances at all whose subnet 1 pays
// those who register on it by proof of work.
package localnet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/internal/demo"
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
	// NoDemo starts the bare chain; otherwise the forecasting subnet demo
	// runs on it.
	NoDemo bool
	// DemoTempo is the demo subnet's tempo in blocks.
	DemoTempo uint16
	// Demo picks the demo subnets: "forecast" (the default), "storage" or
	// "both".
	Demo string
	// FairLaunch starts a new chain from chain.FairLaunchGenesis (no
	// balances, no sudo, subnet 1 open to PoW registration) and runs no
	// demo; an existing home must hold such a chain.
	FairLaunch bool
	// Tempo is subnet 1's tempo in blocks on a new fair-launch chain.
	Tempo uint16
}

// ErrNotFairLaunch is returned by --fair-launch for a home that already
// holds a chain with balances or sudo.
var ErrNotFairLaunch = errors.New("localnet: --fair-launch: the home holds a chain that is not a fair launch")

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
		Short: "Run a local chain with funded dev accounts and a demo subnet",
		Long: "Initialises a local chain in --home on first run (genesis with //Alice … //Ferdie\n" +
			"funded, //Alice as sudo), then runs one CometBFT validator in-process and the API on\n" +
			"127.0.0.1. A restart continues the chain from where it stopped; --reset starts afresh.\n\n" +
			"Unless --no-demo, it also runs the forecasting subnet: //Alice creates it, two staked\n" +
			"validators and six miners (two each of the last-value, AR and ensemble models) register,\n" +
			"the miners serve axons and the validators score them and set weights, all in-process;\n" +
			"after every epoch a table shows stake, incentive, dividends and emission per UID.\n" +
			"--demo storage runs the storage subnet instead (--demo both runs the two): four honest\n" +
			"miners, a slow one and a lazy one that drops half its chunks, each with a DHT node;\n" +
			"validators audit them with Merkle challenges, and the lazy miner's incentive falls to\n" +
			"the bottom (see the README's \"Storage subnet\").\n\n" +
			"With --fair-launch the new chain has no balances and no sudo: subnet 1 exists from genesis\n" +
			"without owner, open to PoW registration, and receives all emission until root validators\n" +
			"set weights, so TAO comes only from working (see the README's \"Fair launch\"). No demo runs.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("tempo") && !opts.FairLaunch {
				return cmdutil.FlagErrorf("--tempo sets subnet 1's tempo of a --fair-launch chain")
			}
			if (opts.NoDemo || opts.FairLaunch) && !cmd.Flags().Changed("log-level") {
				opts.LogLevel = "info" // the bare chain's only output: a line every 10 blocks
			}
			return run(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Home, "home", DefaultHome(), "data folder (kept across restarts)")
	f.StringVar(&opts.APIAddr, "api", "127.0.0.1:8090", "API listen address")
	f.StringVar(&opts.P2PAddr, "p2p", "127.0.0.1:26656", "CometBFT p2p listen address")
	f.DurationVar(&opts.BlockTime, "block-time", time.Second, "target block time")
	f.StringVar(&opts.ChainID, "chain-id", "taonet-localnet", "chain id (first run only)")
	f.BoolVar(&opts.Reset, "reset", false, "delete --home and start a new chain")
	f.StringVar(&opts.LogLevel, "log-level", "warn", "log level: debug, info, warn, error (default info with --no-demo)")
	f.BoolVar(&opts.NoDemo, "no-demo", false, "start the bare chain, without the demo subnet")
	f.StringVar(&opts.Demo, "demo", "forecast", "demo subnets: forecast, storage or both")
	f.Uint16Var(&opts.DemoTempo, "demo-tempo", demo.DefaultConfig().Tempo, "the demo subnet's tempo in blocks")
	f.BoolVar(&opts.FairLaunch, "fair-launch", false, "new chain without balances or sudo; subnet 1 pays PoW registrants (no demo)")
	f.Uint16Var(&opts.Tempo, "tempo", subtensor.DefaultNetworkParams().DefaultTempo, "with --fair-launch: subnet 1's tempo in blocks (first run only)")
	return cmd
}

// run starts the node and, unless NoDemo, the demo; it stops both on
// SIGINT/SIGTERM or when ctx ends.
func run(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !opts.NoDemo && !opts.FairLaunch && opts.DemoTempo < 2 {
		return cmdutil.FlagErrorf("--demo-tempo must be at least 2")
	}
	if _, err := demoKinds(opts.Demo); err != nil {
		return err
	}
	n, fair, err := Start(opts)
	if err != nil {
		return err
	}
	demoDone := make(chan error, 1)
	if opts.NoDemo || fair {
		demoDone <- nil
	} else {
		go func() { demoDone <- RunDemo(ctx, opts, n.APIURL()) }()
	}
	var demoErr error
	select {
	case <-ctx.Done():
		demoErr = <-demoDone
	case demoErr = <-demoDone:
		if demoErr != nil {
			stop()
		} else {
			<-ctx.Done()
		}
	}
	if err := n.Stop(); err != nil {
		return err
	}
	return demoErr
}

// demoKinds reads --demo.
func demoKinds(v string) ([]string, error) {
	switch v {
	case "", demo.KindForecast:
		return []string{demo.KindForecast}, nil
	case demo.KindStorage:
		return []string{demo.KindStorage}, nil
	case "both":
		return []string{demo.KindForecast, demo.KindStorage}, nil
	}
	return nil, cmdutil.FlagErrorf("--demo %q: want forecast, storage or both", v)
}

// RunDemo sets up the demo subnets on the node at url (one after the
// other: they share //Alice's nonces) and runs them until ctx ends,
// printing their tables to opts.IO.Out. On a chain without //Alice as sudo
// (initialised before the demo existed) it says so and returns nil,
// leaving the bare chain running.
func RunDemo(ctx context.Context, opts *Options, url string) error {
	kinds, err := demoKinds(opts.Demo)
	if err != nil {
		return err
	}
	out := &lockedWriter{w: opts.IO.Out}
	var demos []*demo.Demo
	for _, kind := range kinds {
		cfg := demo.DefaultConfig()
		if kind == demo.KindStorage {
			cfg = demo.StorageConfig()
		}
		cfg.Tempo = opts.DemoTempo
		cfg.Out = out
		cfg.Logger = nodecmd.Logger(opts.IO, opts.LogLevel)
		fmt.Fprintf(out, "demo: setting up the %s subnet (tempo %d blocks)…\n", kind, cfg.Tempo)
		d, err := demo.Setup(ctx, client.New(url), cfg)
		if errors.Is(err, demo.ErrNoSudo) {
			fmt.Fprintf(opts.IO.ErrOut, "demo not started: %v (or pass --no-demo)\n", err)
			return nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		printDemo(out, d, cfg, url)
		demos = append(demos, d)
	}
	errc := make(chan error, len(demos))
	for _, d := range demos {
		go func() { errc <- d.Run(ctx) }()
	}
	var first error
	for range demos {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// printDemo says who is who on a demo subnet.
func printDemo(w io.Writer, d *demo.Demo, cfg demo.Config, url string) {
	ns := d.Neurons()
	var miners []string
	for _, n := range ns {
		if n.Role == demo.RoleMiner {
			miners = append(miners, n.HotkeyURI)
		}
	}
	fmt.Fprintf(w, "demo: subnet %d (%s): owner %s, validators %s and %s,\n", d.Netuid(), cfg.Kind, ns[0].HotkeyURI, ns[1].HotkeyURI, ns[2].HotkeyURI)
	fmt.Fprintf(w, "      miners %s … %s (%v); a table follows every epoch.\n", miners[0], miners[len(miners)-1], cfg.Models)
	fmt.Fprintf(w, "      inspect: curl %s/v1/subnets/%d/metagraph?lite=true\n", url, d.Netuid())
	if cfg.Kind == demo.KindStorage {
		fmt.Fprintf(w, "      store files through a gateway: taonet gateway --storage --netuid %d --uri %s (after the first epoch)\n", d.Netuid(), ns[1].HotkeyURI)
	}
}

// lockedWriter serialises the demos' writes (each table is one write).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Start initialises the home if needed, starts the node and prints the API
// address and the dev accounts or, on a fair-launch chain, how to join it.
// It reports whether the chain is a fair launch.
func Start(opts *Options) (*node.Node, bool, error) {
	if opts.BlockTime <= 0 {
		return nil, false, cmdutil.FlagErrorf("--block-time must be positive")
	}
	if opts.FairLaunch && opts.Tempo == 0 {
		return nil, false, cmdutil.FlagErrorf("--tempo must be at least 1 (0 would mean no epochs: nobody is ever paid)")
	}
	if opts.Reset {
		if err := os.RemoveAll(opts.Home); err != nil {
			return nil, false, err
		}
	}
	fresh := !node.Initialized(opts.Home)
	// subnet1 is a fair launch's subnet 1, read from the genesis of a new
	// chain (its state is written only with the first block) or from the
	// committed state of an existing one.
	var subnet1 *subtensor.SubnetParams
	if fresh {
		var g *chain.Genesis
		var err error
		if opts.FairLaunch {
			g = chain.FairLaunchGenesis(opts.ChainID, opts.Tempo)
			subnet1 = g.Subtensor.Subnets[0].Params
		} else if g, err = node.LocalnetGenesis(opts.ChainID); err != nil {
			return nil, false, err
		}
		st := node.DefaultSettings()
		st.Moniker = "localnet"
		st.APIAddr, st.P2PAddr, st.BlockTime = opts.APIAddr, opts.P2PAddr, opts.BlockTime.String()
		if err := node.InitNetwork(g, []node.Member{{Home: opts.Home, Settings: st}}, time.Now()); err != nil {
			return nil, false, err
		}
	}
	n, err := node.Open(opts.Home, node.Options{APIAddr: opts.APIAddr, P2PAddr: opts.P2PAddr, BlockTime: opts.BlockTime, Logger: nodecmd.Logger(opts.IO, opts.LogLevel)})
	if err != nil {
		return nil, false, err
	}
	if !fresh {
		if subnet1, err = fairLaunchSubnet(n); err != nil {
			n.Stop()
			return nil, false, err
		}
	}
	if opts.FairLaunch && subnet1 == nil {
		n.Stop()
		return nil, false, fmt.Errorf("%w: %s (add --reset to start a new chain there, or use another --home)", ErrNotFairLaunch, opts.Home)
	}
	if err := n.Start(); err != nil {
		return nil, false, err
	}
	w := opts.IO.Out
	state := "continuing at height " + fmt.Sprint(n.Height())
	if fresh {
		state = "new chain"
	}
	fmt.Fprintf(w, "taonet localnet: chain %s (%s), home %s\n", n.ChainID(), state, opts.Home)
	fmt.Fprintf(w, "API: %s\n", n.APIURL())
	if subnet1 != nil {
		fmt.Fprintln(w, "fair launch: no balances and no sudo; TAO comes only from working.")
		fmt.Fprintf(w, "subnet 1 (no owner, tempo %d) takes PoW registrations at difficulty %d and receives all\n", subnet1.Tempo, subnet1.Difficulty)
		fmt.Fprintln(w, "emission until root validators set weights; its registered UIDs are paid at its epochs:")
		fmt.Fprintln(w, "  taonet subnet pow-register --netuid 1 --wallet.name NAME   (fee-free, from an empty wallet)")
		fmt.Fprintf(w, "try: taonet subnet hyperparameters --netuid 1 --node %s\n", n.APIURL())
		return n, true, nil
	}
	devs, err := node.DevAccounts()
	if err != nil {
		n.Stop()
		return nil, false, err
	}
	fmt.Fprintf(w, "dev mnemonic (public, never use for real value): %s\n", node.DevMnemonic)
	fmt.Fprintln(w, "dev accounts (funded at genesis with 1,000,000 TAO each):")
	for _, d := range devs {
		fmt.Fprintf(w, "  %-8s %-10s %s\n", d.Name, d.URI, d.SS58)
	}
	fmt.Fprintf(w, "try: taonet status --node %s\n", n.APIURL())
	return n, false, nil
}

// fairLaunchSubnet returns the hyperparameters of subnet 1 when n's
// committed chain is a fair launch (no sudo key, subnet 1 without owner:
// chain.FairLaunchGenesis), else nil.
func fairLaunchSubnet(n *node.Node) (*subtensor.SubnetParams, error) {
	v, err := n.Store().View()
	if err != nil {
		return nil, err
	}
	defer v.Close()
	p, ok := subtensor.Params(v, 1)
	st := subtensor.State(v, 1)
	if _, sudo := subtensor.Sudo(v); sudo || !ok || st.HasOwner() {
		return nil, nil
	}
	return &p, nil
}
