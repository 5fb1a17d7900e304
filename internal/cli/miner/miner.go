// Package miner holds "taonet miner": the forecasting subnet's miner on the
// subnet template (package subnets/template), serving one model.
package miner

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/subnets/forecast"
	fminer "github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/wallet"
)

// Options are the inputs of "taonet miner".
type Options struct {
	IO     *cmdutil.IOStreams
	Node   string
	Wallet *walletflags.Flags
	Netuid uint16
	Model  string
	// StorageBytes, when positive, serves the storage subnet with a store of this size.
	StorageBytes int64
	// DHTListen is the storage miner's DHT (libp2p) listen address.
	DHTListen  string
	AxonIP     string
	AxonPort   int
	ExternalIP string
	// ExternalPort is the announced port; 0 means AxonPort.
	ExternalPort int
	// SyncSeconds is the metagraph sync period.
	SyncSeconds float64
	// ForceValidatorPermit and AllowNonRegistered are the template's
	// --blacklist.* flags.
	ForceValidatorPermit, AllowNonRegistered bool
	LogLevel                                 string
}

// NewCmd returns "taonet miner".
func NewCmd(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "miner (--uri <hotkey uri> | --wallet.name W --wallet.hotkey H) [--netuid N] [--model M]",
		Short: "Run a forecasting subnet miner",
		Long: "Serves the forecasting subnet's Forecast synapse on an axon with one model and\n" +
			"announces the axon on chain with serve_axon, signed by the hotkey (register the\n" +
			"hotkey on --netuid first). Runs until interrupted.\n\n" +
			"Models, worst to best: " + strings.Join(fminer.ModelNames, ", ") + ".\n" +
			"The chain refuses 127.0.0.1 as an axon address, so on a local chain the miner\n" +
			"listens on --axon.ip 127.0.0.1 and announces --axon.external_ip " + template.LoopbackAlias + "\n" +
			"(validators reach it through loopback); set your public address otherwise.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	def := template.DefaultMinerConfig()
	f.Uint16Var(&opts.Netuid, "netuid", def.Netuid, "subnet to mine on")
	f.StringVar(&opts.Model, "model", "ensemble", "forecasting model: "+strings.Join(fminer.ModelNames, "|"))
	f.Int64Var(&opts.StorageBytes, "storage", 0, "serve the storage subnet instead, keeping up to this many bytes of chunks")
	f.StringVar(&opts.DHTListen, "dht.listen", "/ip4/127.0.0.1/tcp/0", "with --storage: the DHT node's libp2p listen address (multiaddr)")
	f.StringVar(&opts.AxonIP, "axon.ip", def.Axon.IP, "address the axon listens on")
	f.IntVar(&opts.AxonPort, "axon.port", def.Axon.Port, "port the axon listens on (0: any free port)")
	f.StringVar(&opts.ExternalIP, "axon.external_ip", def.Axon.ExternalIP, "address announced on chain")
	f.IntVar(&opts.ExternalPort, "axon.external_port", 0, "port announced on chain (0: the listening port)")
	f.Float64Var(&opts.SyncSeconds, "neuron.sync_interval", def.SyncInterval.Seconds(), "seconds between metagraph syncs")
	f.BoolVar(&opts.ForceValidatorPermit, "blacklist.force_validator_permit", false, "refuse callers without a validator permit")
	f.BoolVar(&opts.AllowNonRegistered, "blacklist.allow_non_registered", false, "serve callers that are not registered on the subnet")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	cmdutil.NodeFlag(cmd, &opts.Node)
	opts.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	return cmd
}

// Config turns the options into the miner's config. Errors are
// *cmdutil.FlagError.
func (o *Options) Config() (template.MinerConfig, error) {
	cfg := template.DefaultMinerConfig()
	cfg.Netuid = o.Netuid
	cfg.ForceValidatorPermit, cfg.AllowNonRegistered = o.ForceValidatorPermit, o.AllowNonRegistered
	cfg.Axon.IP, cfg.Axon.Port, cfg.Axon.ExternalIP, cfg.Axon.ExternalPort = o.AxonIP, o.AxonPort, o.ExternalIP, o.ExternalPort
	if !(o.SyncSeconds > 0) || o.SyncSeconds > 24*3600 {
		return cfg, cmdutil.FlagErrorf("--neuron.sync_interval must be in (0, 86400] seconds")
	}
	cfg.SyncInterval = time.Duration(o.SyncSeconds * float64(time.Second))
	if err := cfg.Validate(); err != nil {
		return cfg, &cmdutil.FlagError{Err: err}
	}
	return cfg, nil
}

// Run executes the command: it runs the miner until SIGINT/SIGTERM or ctx
// ends.
func Run(ctx context.Context, opts *Options) error {
	model, err := fminer.ModelByName(opts.Model)
	if err != nil {
		return &cmdutil.FlagError{Err: fmt.Errorf("--model: %w", err)}
	}
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	hotkey, err := opts.Wallet.Signer(opts.IO, wallet.RoleHotkey)
	if err != nil {
		return err
	}
	cfg.Logger = nodecmd.Logger(opts.IO, opts.LogLevel)
	m, err := template.NewMiner(cfg, template.NewChain(client.New(opts.Node)), hotkey)
	if err != nil {
		return err
	}
	var sm *storage.Miner
	if opts.StorageBytes > 0 {
		node, rerr := routing.New(routing.Config{Listen: opts.DHTListen, Server: true, Logger: cfg.Logger})
		if rerr != nil {
			return &cmdutil.FlagError{Err: fmt.Errorf("--dht.listen: %w", rerr)}
		}
		defer node.Close()
		sm = &storage.Miner{Store: storage.NewStore(opts.StorageBytes), Routing: node, Logger: cfg.Logger}
		err = sm.AttachTemplate(m)
	} else {
		err = fminer.Attach(m, model, forecast.DefaultLimits())
	}
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	what := "model " + model.Name()
	if opts.StorageBytes > 0 {
		what = fmt.Sprintf("storage of %d bytes", opts.StorageBytes)
	}
	fmt.Fprintf(opts.IO.ErrOut, "miner %s on netuid %d with %s; stop with Ctrl-C\n", hotkey.SS58(), cfg.Netuid, what)
	if sm != nil {
		done := make(chan struct{})
		defer func() { <-done }()
		dctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			defer close(done)
			_ = sm.RunDHT(dctx, m, hotkey, cfg.SyncInterval)
		}()
	}
	return m.Run(ctx)
}
