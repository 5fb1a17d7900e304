// Package validator holds "taonet validator": the forecasting subnet's
// validator on the subnet template (package subnets/template).
package validator

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/nodecmd"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/subnets/forecast/round"
	fvalidator "github.com/taonet/taonet/subnets/forecast/validator"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/wallet"
)

// Options are the inputs of "taonet validator".
type Options struct {
	IO     *cmdutil.IOStreams
	Node   string
	Wallet *walletflags.Flags
	Netuid uint16
	// SampleSize … VpermitTAOLimit are the template's --neuron.* flags.
	SampleSize        int
	TimeoutSeconds    float64
	Alpha             float64
	EpochLength       uint64
	DisableSetWeights bool
	VpermitTAO        float64
	// StepSeconds is the pause between steps.
	StepSeconds float64
	// DendriteIP is the dendrite's external ip.
	DendriteIP string
	LogLevel   string
}

// NewCmd returns "taonet validator".
func NewCmd(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "validator (--uri <hotkey uri> | --wallet.name W --wallet.hotkey H) [--netuid N]",
		Short: "Run a forecasting subnet validator",
		Long: "The subnet template's validator loop for the forecasting subnet: each step it draws\n" +
			"a round of series from a secret seed, queries a sample of serving miners, scores their\n" +
			"forecasts and folds the rewards into moving-average scores; every --neuron.epoch_length\n" +
			"blocks it sets weights on chain (signed by the hotkey), normalised and capped with the\n" +
			"subnet's min_allowed_weights and max_weights_limit. The hotkey must be registered and\n" +
			"hold a validator permit (stake) for its weights to count. Runs until interrupted.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	def := template.DefaultValidatorConfig()
	f := cmd.Flags()
	f.Uint16Var(&opts.Netuid, "netuid", def.Netuid, "subnet to validate")
	f.IntVar(&opts.SampleSize, "neuron.sample_size", def.SampleSize, "miners queried per step")
	f.Float64Var(&opts.TimeoutSeconds, "neuron.timeout", def.Timeout.Seconds(), "seconds each query may take")
	f.Float64Var(&opts.Alpha, "neuron.moving_average_alpha", def.Alpha, "weight of a step's rewards in the moving-average scores")
	f.Uint64Var(&opts.EpochLength, "neuron.epoch_length", def.EpochLength, "blocks between metagraph syncs and weight updates")
	f.BoolVar(&opts.DisableSetWeights, "neuron.disable_set_weights", false, "score miners but never set weights")
	f.Float64Var(&opts.VpermitTAO, "neuron.vpermit_tao_limit", float64(def.VpermitTAOLimit)/1e9, "skip permitted validators with more stake (TAO) than this")
	f.Float64Var(&opts.StepSeconds, "neuron.step_interval", def.StepInterval.Seconds(), "seconds to pause between steps")
	f.StringVar(&opts.DendriteIP, "dendrite.external_ip", def.Dendrite.ExternalIP, "the dendrite's external address (axons announcing it are dialled on loopback)")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	cmdutil.NodeFlag(cmd, &opts.Node)
	opts.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	return cmd
}

// seconds converts a flag in seconds, refusing non-finite and negative
// values (and zero unless allowZero).
func seconds(name string, s float64, allowZero bool) (time.Duration, error) {
	if math.IsNaN(s) || s < 0 || s > 24*3600 || (s == 0 && !allowZero) {
		return 0, cmdutil.FlagErrorf("--%s: %v seconds is out of range", name, s)
	}
	return time.Duration(s * float64(time.Second)), nil
}

// Config turns the options into the validator's config. Errors are
// *cmdutil.FlagError.
func (o *Options) Config() (template.ValidatorConfig, error) {
	cfg := template.DefaultValidatorConfig()
	cfg.Netuid, cfg.SampleSize, cfg.Alpha = o.Netuid, o.SampleSize, o.Alpha
	cfg.EpochLength, cfg.DisableSetWeights = o.EpochLength, o.DisableSetWeights
	cfg.Dendrite.ExternalIP = o.DendriteIP
	var err error
	if cfg.Timeout, err = seconds("neuron.timeout", o.TimeoutSeconds, false); err != nil {
		return cfg, err
	}
	if cfg.StepInterval, err = seconds("neuron.step_interval", o.StepSeconds, true); err != nil {
		return cfg, err
	}
	if math.IsNaN(o.VpermitTAO) || o.VpermitTAO < 0 || o.VpermitTAO > 21e6 {
		return cfg, cmdutil.FlagErrorf("--neuron.vpermit_tao_limit: %v TAO is out of range", o.VpermitTAO)
	}
	cfg.VpermitTAOLimit = uint64(math.Round(o.VpermitTAO * 1e9))
	if err := cfg.Validate(); err != nil {
		return cfg, &cmdutil.FlagError{Err: err}
	}
	return cfg, nil
}

// Run executes the command: it runs the validator until SIGINT/SIGTERM or
// ctx ends.
func Run(ctx context.Context, opts *Options) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	hotkey, err := opts.Wallet.Signer(opts.IO, wallet.RoleHotkey)
	if err != nil {
		return err
	}
	task, err := fvalidator.NewTask(round.DefaultConfig())
	if err != nil {
		return err
	}
	cfg.Logger = nodecmd.Logger(opts.IO, opts.LogLevel)
	v, err := template.NewValidator(cfg, template.NewChain(client.New(opts.Node)), hotkey, task)
	if err != nil {
		return err
	}
	defer v.Close()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(opts.IO.ErrOut, "validator %s on netuid %d; stop with Ctrl-C\n", hotkey.SS58(), cfg.Netuid)
	return v.Run(ctx)
}
