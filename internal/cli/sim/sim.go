// Package sim holds "taonet sim": what-if runs of Yuma and emission from
// scenario files, on the chain's own epoch code (package sim).
package sim

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/sim"
)

const schemaHelp = `A scenario is YAML:

  name: copier-lag1
  epochs: 40                       # required, 1 … 10000
  seed: 7                          # noise seed; runs are deterministic for it
  emission_per_epoch: 1.0          # TAO
  params: {yuma3: true, liquid_alpha: true, alpha_low: 0.7, alpha_high: 0.9,
           kappa: 0.5, bonds_moving_average: 0.9, bonds_penalty: 1.0}
  validators:
    - {name: v1, stake: 1000, policy: honest, noise: 0.02}
    - {name: copier, stake: 700, policy: copy, lag: 1}          # consensus of lag epochs before
    - {name: late, stake: 800, policy: honest, join_epoch: 10}
    - {name: sw, stake: 300, policy: switch, at_epoch: 20, to: m2}
    - {name: cab, stake: 600, policy: fixed, weights: {m3: 1.0}}
  miners:
    - {name: m1, quality: 0.9}
    - {name: m2, quality: 0.5, changes: {20: 0.95}}

params (defaults: the reference's): yuma3, liquid_alpha, commit_reveal (bool);
alpha_low, alpha_high, kappa, bonds_moving_average, bonds_penalty ([0,1]); tempo,
activity_cutoff, max_allowed_validators, alpha_sigmoid_steepness (integers);
stake_threshold (TAO). Policies: honest (quality + Gaussian noise), copy, switch,
fixed. Stakes are TAO. The full schema is in the sim package documentation.`

// NewCmd returns "taonet sim" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim <command>",
		Short: "What-if runs of Yuma consensus from scenario files, on the chain's epoch code",
		Long:  "Simulate one subnet's epochs with validator policies and miner qualities.\n\n" + schemaHelp,
	}
	cmd.AddCommand(NewCmdRun(io, nil), NewCmdList(io, nil), NewCmdSweep(io, nil))
	return cmd
}

// load reads FILE, or a built-in scenario NAME, as a decoded document.
func load(arg string) ([]byte, error) {
	if b, err := os.ReadFile(arg); err == nil {
		return b, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	b, err := sim.BuiltinYAML(arg)
	if err != nil {
		return nil, cmdutil.FlagErrorf("%s: no such file or built-in scenario (taonet sim list shows them)", arg)
	}
	return b, nil
}

// usage turns scenario validation errors into usage errors (exit 2).
func usage(err error) error {
	if errors.Is(err, sim.ErrInvalid) {
		return &cmdutil.FlagError{Err: err}
	}
	return err
}

// applySets edits a decoded document with --set path=value.
func applySets(doc map[string]any, sets []string) error {
	for _, s := range sets {
		path, val, ok := strings.Cut(s, "=")
		v, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil {
			return cmdutil.FlagErrorf("--set %q: want path=number", s)
		}
		if err := sim.SetPath(doc, path, v); err != nil {
			return usage(err)
		}
	}
	return nil
}

// RunOptions are the inputs of "taonet sim run".
type RunOptions struct {
	IO       *cmdutil.IOStreams
	Scenario string
	Out      string
	Emit     int
	Sets     []string
	FromNode string
	Netuid   uint16
	Epochs   int
	Output   string
}

// NewCmdRun returns "taonet sim run".
func NewCmdRun(io *cmdutil.IOStreams, runF func(*RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "run (FILE | NAME | --from-node URL --netuid N --epochs K [FILE]) --out DIR",
		Short: "Run a scenario and write epochs.csv, summary.json and plots into DIR",
		Long: "Run a scenario file (or a built-in scenario by NAME) through the chain's Yuma epoch and write\n" +
			"epochs.csv, summary.json and SVG/PNG plots (dividends, relative_dividends, incentive,\n" +
			"bonds_heatmap) into --out. --emit-yuma-scenario K also writes yuma-epoch-K.json, epoch K's\n" +
			"input (epochs count from 0) as a `taonet yuma run` file that reproduces its rows.\n" +
			"--from-node starts from a live subnet's metagraph (stake, weights, bonds, permits and\n" +
			"hyperparameters) and plays --epochs forward, with FILE's params (if given) and --set\n" +
			"overriding the chain's. Bad input exits 2 and writes nothing.\n\n" + schemaHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Scenario = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return RunRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "output folder (required)")
	f.IntVar(&opts.Emit, "emit-yuma-scenario", -1, "also write epoch K's input as yuma-epoch-K.json")
	f.StringArrayVar(&opts.Sets, "set", nil, "override a value: params.kappa=0.6, validators.copier.lag=2, epochs=10 (repeatable)")
	f.StringVar(&opts.FromNode, "from-node", "", "start from the live subnet on this node's API")
	f.Uint16Var(&opts.Netuid, "netuid", 0, "with --from-node: the subnet")
	f.IntVar(&opts.Epochs, "epochs", 0, "with --from-node: epochs to play forward")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// RunRun executes "sim run".
func RunRun(ctx context.Context, opts *RunOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.Out == "" {
		return cmdutil.FlagErrorf("--out DIR is required")
	}
	var s *sim.Scenario
	if opts.FromNode != "" {
		if ctx == nil {
			ctx = context.Background()
		}
		if opts.Epochs == 0 {
			return cmdutil.FlagErrorf("--from-node needs --epochs K")
		}
		m, err := client.New(opts.FromNode).Metagraph(ctx, opts.Netuid, false)
		if err != nil {
			return err
		}
		if s, err = sim.FromMetagraph(m, opts.Epochs); err != nil {
			return usage(err)
		}
		doc := map[string]any{}
		if opts.Scenario != "" {
			b, err := load(opts.Scenario)
			if err != nil {
				return err
			}
			if doc, err = sim.Decode(b); err != nil {
				return usage(err)
			}
		}
		if err := applySets(doc, opts.Sets); err != nil {
			return err
		}
		if err := s.ApplyParams(doc); err != nil {
			return usage(err)
		}
	} else {
		if opts.Scenario == "" {
			return cmdutil.FlagErrorf("give a scenario FILE or NAME (taonet sim list), or --from-node")
		}
		b, err := load(opts.Scenario)
		if err != nil {
			return err
		}
		doc, err := sim.Decode(b)
		if err != nil {
			return usage(err)
		}
		if err := applySets(doc, opts.Sets); err != nil {
			return err
		}
		if s, err = sim.FromDoc(doc); err != nil {
			return usage(err)
		}
	}
	if opts.Emit >= s.Epochs {
		return cmdutil.FlagErrorf("--emit-yuma-scenario %d: epochs are 0 … %d", opts.Emit, s.Epochs-1)
	}
	r, err := sim.Run(s)
	if err != nil {
		return err
	}
	if err := r.WriteDir(opts.Out, opts.Emit); err != nil {
		return err
	}
	sum := r.Summarize()
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, sum)
	}
	fmt.Fprintf(opts.IO.Out, "%s: %d epochs, %d validators, %d miners → %s\n", s.Name, s.Epochs, len(s.Validators), len(s.Miners), opts.Out)
	for _, v := range sum.Validators {
		fmt.Fprintf(opts.IO.Out, "  validator %-12s dividends %12.9f TAO  share %.4f  stake share %.4f  relative %+.4f\n",
			v.Name, v.TotalDividends, v.DividendShare, v.StakeShare, v.RelativeDividends)
	}
	for _, m := range sum.Miners {
		fmt.Fprintf(opts.IO.Out, "  miner     %-12s incentive %12.9f TAO  mean incentive %.4f\n", m.Name, m.TotalIncentive, m.MeanIncentive)
	}
	return nil
}

// ListOptions are the inputs of "taonet sim list".
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Output string
}

// NewCmdList returns "taonet sim list".
func NewCmdList(io *cmdutil.IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the built-in scenarios (run one with taonet sim run NAME --out DIR)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ListRun(opts)
		},
	}
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// ListRun executes "sim list".
func ListRun(opts *ListOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	infos, err := sim.Builtins()
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, infos)
	}
	for _, in := range infos {
		fmt.Fprintf(opts.IO.Out, "%-28s %3d epochs  %s\n", in.Name, in.Epochs, in.Description)
	}
	return nil
}

// SweepOptions are the inputs of "taonet sim sweep".
type SweepOptions struct {
	IO       *cmdutil.IOStreams
	Scenario string
	Params   []string
	Metric   string
	Out      string
	Output   string
}

// NewCmdSweep returns "taonet sim sweep".
func NewCmdSweep(io *cmdutil.IOStreams, runF func(*SweepOptions) error) *cobra.Command {
	opts := &SweepOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "sweep FILE|NAME --param PATH=LO:HI:STEP [--param …] --metric NAME.FIELD --out DIR",
		Short: "Run a scenario over a grid of one or two parameters and write sweep.csv and a heatmap",
		Long: "Run the scenario at every point of the --param grid (one or two axes, at most 400 points)\n" +
			"and record --metric from each summary (a validator's total_dividends, dividend_share,\n" +
			"stake_share or relative_dividends; a miner's total_incentive or mean_incentive). PATH is\n" +
			"params.NAME, validators.NAME.FIELD, miners.NAME.FIELD, epochs, seed or emission_per_epoch.\n" +
			"Writes sweep.csv and sweep_heatmap.svg/.png (sweep.svg/.png for one axis) into --out.\n" +
			"Example: taonet sim sweep copier-lag1 --param params.alpha_high=0.7:0.99:0.05\n" +
			"         --param validators.copier.lag=1:4:1 --metric copier.relative_dividends --out /tmp/sw",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			if runF != nil {
				return runF(opts)
			}
			return SweepRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Params, "param", nil, "PATH=LO:HI:STEP (one or two)")
	f.StringVar(&opts.Metric, "metric", "", "NAME.FIELD of summary.json (required)")
	f.StringVar(&opts.Out, "out", "", "output folder (required)")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// SweepRun executes "sim sweep".
func SweepRun(opts *SweepOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.Out == "" || opts.Metric == "" || len(opts.Params) == 0 {
		return cmdutil.FlagErrorf("--param, --metric and --out are required")
	}
	b, err := load(opts.Scenario)
	if err != nil {
		return err
	}
	var axes []sim.Axis
	for _, p := range opts.Params {
		a, err := sim.ParseAxis(p)
		if err != nil {
			return usage(err)
		}
		axes = append(axes, a)
	}
	sw, err := sim.RunSweep(b, axes, opts.Metric)
	if err != nil {
		return usage(err)
	}
	if err := sw.WriteDir(opts.Out); err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, sw)
	}
	fmt.Fprintf(opts.IO.Out, "%d runs of %s → %s/sweep.csv\n", len(sw.Points), opts.Metric, opts.Out)
	return nil
}
