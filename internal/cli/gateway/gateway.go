// Package gateway holds "taonet gateway": it sells the forecasting
// subnet's answers for TAO (package gateway).
package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/dendrite"
	gw "github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/gateway/mixture"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/forecast"
	sub "github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/wallet"
)

// Errors of the command.
var (
	// ErrNotRegistered is returned when the gateway's hotkey holds no UID on the subnet.
	ErrNotRegistered = errors.New("gateway: the hotkey is not registered on the subnet")
	// ErrNoValidatorPermit is returned when the hotkey's UID has no validator permit.
	ErrNoValidatorPermit = errors.New("gateway: the hotkey holds no validator permit on the subnet (miners may refuse it)")
)

// Options are the inputs of "taonet gateway".
type Options struct {
	IO       *cmdutil.IOStreams
	Wallet   *walletflags.Flags
	Netuid   uint16
	Listen   string
	Price    string
	Policy   string
	Node     string
	Data     string
	K        int
	Timeout  time.Duration
	Rate     float64
	Burst    int
	LogLevel string
	// Storage enables the storage routes (the storage subnet); StoragePrice
	// is TAO per stored byte per epoch, StorageMax the largest put,
	// StorageRedundancy the default redundancy.
	Storage           bool
	StoragePrice      string
	StorageMax        int64
	StorageRedundancy string
	// Ready, if set, receives the listening address once serving (tests).
	Ready func(addr string)
}

// NewCmd returns "taonet gateway".
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "gateway --netuid N (--uri URI | --wallet.name W --wallet.hotkey H) --listen ADDR [--price TAO] [--policy moe|top-k|race] [--node URL]",
		Short: "Sell the subnet's forecasts for TAO: accounts, deposits, and queries answered by the best miners",
		Long: `Run a gateway in front of the forecasting subnet.

Users open an account (POST /v1/accounts gives an API key and a deposit
address), pay by an ordinary transfer to the deposit address (credited once
committed), and query with Authorization: Bearer KEY:

  POST /v1/forecast {"series":[…],"horizon":H}   → prediction with its provenance
  POST /v1/query/{synapse} {synapse JSON}         → the first miner's answer (e.g. /v1/query/Forecast)
  GET  /v1/accounts/me                            → credit_rao, deposits, queries
  GET  /v1/gateway/miners, GET /metrics           → per-miner latency, success rate, weight

With --storage, in front of the storage subnet:

  POST /v1/storage/files?name=N&epochs=E&redundancy=R  (body: the file)
       → {"cid","name","size","stored_bytes","redundancy","epochs","price_rao","expires_block"};
         paid in advance: --storage-price per stored byte per epoch; the gateway
         repairs the file's redundancy when holders leave, until expires_block
  GET  /v1/storage/files        → the account's files
  GET  /v1/storage/files/{cid}  → the file's bytes, found through the subnet's DHT

The gateway queries miners with its hotkey, which must be registered on the
subnet with a validator permit. Policies: top-k (the k miners with the most
incentive), race (the first valid answer of k), moe (a mixture of the top k
weighted per query by how well each forecast the query's own held-back tail).
Failing miners are replaced by the next candidate and benched after repeated
failures. Accounts live in --data (ledger.json; API keys stored hashed).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return Run(cmd.Context(), opts) },
	}
	home, _ := os.UserHomeDir()
	f := cmd.Flags()
	f.Uint16Var(&opts.Netuid, "netuid", 1, "the forecasting subnet")
	f.StringVar(&opts.Listen, "listen", "127.0.0.1:8095", "HTTP listen address")
	f.StringVar(&opts.Price, "price", "0.001", "price of an answered query in TAO")
	f.StringVar(&opts.Policy, "policy", gw.PolicyMoE, "routing policy: moe, top-k or race")
	f.StringVar(&opts.Data, "data", filepath.Join(home, ".taonet", "gateway"), "folder of the accounts ledger")
	f.IntVar(&opts.K, "k", 3, "miners asked per query")
	f.DurationVar(&opts.Timeout, "timeout", 5*time.Second, "per-miner timeout")
	f.Float64Var(&opts.Rate, "rate", 5, "queries per second per API key")
	f.IntVar(&opts.Burst, "burst", 10, "burst of queries per API key")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	f.BoolVar(&opts.Storage, "storage", false, "sell the storage subnet's space: /v1/storage/files (put, list, get)")
	f.StringVar(&opts.StoragePrice, "storage-price", "0.000000001", "with --storage: TAO per stored byte (redundancy included) per epoch")
	f.Int64Var(&opts.StorageMax, "storage-max", 64<<20, "with --storage: the largest put in bytes")
	f.StringVar(&opts.StorageRedundancy, "storage-redundancy", "erasure:4+2", "with --storage: redundancy of puts that name none")
	opts.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &opts.Node)
	return cmd
}

// Run runs the gateway until ctx ends or SIGINT.
func Run(ctx context.Context, opts *Options) error {
	switch opts.Policy {
	case gw.PolicyMoE, gw.PolicyTopK, gw.PolicyRace:
	default:
		return cmdutil.FlagErrorf("--policy %q: want moe, top-k or race", opts.Policy)
	}
	if opts.K < 1 || opts.Rate <= 0 || opts.Burst < 1 || opts.Timeout <= 0 {
		return cmdutil.FlagErrorf("--k, --rate, --burst and --timeout must be positive")
	}
	price, err := cmdutil.ParseTAO(opts.Price)
	if err != nil {
		return cmdutil.FlagErrorf("--price: %v", err)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(opts.LogLevel)); err != nil {
		return cmdutil.FlagErrorf("--log-level %q: %v", opts.LogLevel, err)
	}
	log := slog.New(slog.NewTextHandler(opts.IO.ErrOut, &slog.HandlerOptions{Level: level}))
	hot, err := opts.Wallet.Signer(opts.IO, wallet.RoleHotkey)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	node := client.New(opts.Node)
	mg := metagraph.New(node, opts.Netuid)
	if err := mg.Sync(ctx, true); err != nil {
		return cmdutil.ExplainNodeError(err)
	}
	snap := mg.Snapshot()
	uid, ok := snap.UIDOf(hot.Public())
	if !ok {
		return fmt.Errorf("%w: %s on subnet %d", ErrNotRegistered, hot.SS58(), opts.Netuid)
	}
	if !snap.ValidatorPermit[uid] {
		return fmt.Errorf("%w: %s is UID %d on subnet %d", ErrNoValidatorPermit, hot.SS58(), uid, opts.Netuid)
	}
	ledger, err := gw.OpenLedger(opts.Data)
	if err != nil {
		return err
	}
	ask, err := gw.NewDendriteForecaster(hot, 16, opts.Timeout)
	if err != nil {
		return err
	}
	defer ask.Close()
	pool := gw.NewPool()
	pool.Set(snap, hot.SS58())
	srv := gw.NewServer(ledger, log)
	router := &gw.Router{Pool: pool, Ask: ask, Policy: opts.Policy, K: opts.K, Rule: mixture.DefaultRule(), MaxAbs: forecast.DefaultLimits().MaxAbs}
	srv.EnableQueries(gw.Sales{
		Router:   router,
		PriceRao: price, Limits: forecast.DefaultLimits(), Rate: opts.Rate, Burst: opts.Burst,
	})
	srv.EnableGenericQueries(ask, map[string]gw.SynapseKind{"Forecast": gw.ForecastKind(router)})
	var storage *gw.Storage
	if opts.Storage {
		if storage, err = startStorage(ctx, opts, hot, ledger, mg, log); err != nil {
			return err
		}
		defer storage.Routing.Close()
		defer storage.Dendrite.Close()
		srv.EnableStorage(storage)
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return fmt.Errorf("gateway: listen %s: %w", opts.Listen, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	go func() { _ = (&gw.Watcher{Ledger: ledger, Node: node, Log: log}).Run(ctx) }()
	go func() { // the metagraph, every block or so
		t := time.NewTicker(12 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := mg.Sync(ctx, true); err == nil {
					pool.Set(mg.Snapshot(), hot.SS58())
				}
				if storage != nil {
					maintainStorage(ctx, storage, log)
				}
			}
		}
	}()
	log.Info("gateway serving", "addr", ln.Addr().String(), "netuid", opts.Netuid, "uid", uid, "policy", opts.Policy,
		"price_rao", price, "miners", len(pool.Candidates()))
	fmt.Fprintf(opts.IO.ErrOut, "gateway on http://%s (subnet %d, policy %s, %s TAO a query)\n", ln.Addr(), opts.Netuid, opts.Policy, cmdutil.FormatTAO(price))
	if storage != nil {
		fmt.Fprintf(opts.IO.ErrOut, "storage on subnet %d: %s TAO per stored byte per epoch, puts up to %d bytes, %s unless named\n",
			opts.Netuid, cmdutil.FormatTAO(storage.PriceRao), storage.MaxBytes, storage.Redundancy)
	}
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	<-ctx.Done()
	return nil
}

// startStorage sets up the storage routes: a dendrite, a DHT node joined
// from the subnet's axons, and the pricing.
func startStorage(ctx context.Context, opts *Options, hot *keys.Keypair, ledger *gw.Ledger, mg *metagraph.Metagraph, log *slog.Logger) (*gw.Storage, error) {
	price, err := cmdutil.ParseTAO(opts.StoragePrice)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--storage-price: %v", err)
	}
	red, err := st.ParseRedundancy(opts.StorageRedundancy)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--storage-redundancy: %v", err)
	}
	if opts.StorageMax < 1 || opts.StorageMax > st.MaxFileSize {
		return nil, cmdutil.FlagErrorf("--storage-max must be 1..%d bytes", st.MaxFileSize)
	}
	d, err := dendrite.New(hot, dendrite.DefaultConfig())
	if err != nil {
		return nil, err
	}
	node, err := routing.New(routing.Config{Logger: log})
	if err != nil {
		d.Close()
		return nil, err
	}
	s := &gw.Storage{Ledger: ledger, Log: log, Dendrite: d, Routing: node, Peers: &sub.PeerBook{}, Snapshot: mg.Snapshot,
		Self: hot.Public(), PriceRao: price, MaxBytes: opts.StorageMax, Redundancy: red, Timeout: opts.Timeout}
	if n, err := s.Join(ctx); err != nil {
		log.Warn("storage: joining the DHT (retried every sync)", "err", err)
	} else {
		log.Info("storage: joined the DHT", "peers", n)
	}
	return s, nil
}

// maintainStorage rejoins the DHT (new miners) and repairs leases whose
// holders left.
func maintainStorage(ctx context.Context, s *gw.Storage, log *slog.Logger) {
	if _, err := s.Join(ctx); err != nil {
		log.Warn("storage: joining the DHT", "err", err)
	}
	if n, err := s.Repair(ctx); err != nil {
		log.Warn("storage: repair", "repaired", n, "err", err)
	}
}
