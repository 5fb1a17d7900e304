// Package run implements "taonet yuma run FILE": replay a Yuma scenario
// (specs/yuma-scenario.md) through the epoch and print the per-step outputs.
package run

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/yuma/scenario"
)

// Options are the inputs of the run command.
type Options struct {
	IO   *cmdutil.IOStreams
	File string // "-" reads standard input
	// Output is json (the default: the scenario format's output) or text
	// (a table per step; amounts in TAO).
	Output string
}

// NewCmdRun returns the "run" command; runF replaces the action in tests.
func NewCmdRun(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "run FILE",
		Short: "Replay a Yuma scenario file and print each epoch's outputs as JSON",
		Long: `Read a scenario (hyperparameters, stake, initial bonds and permits, and a list of
steps with weights, last updates and registration blocks), run one epoch per
step, carrying each step's bonds and validator permits into the next, and print
{"steps": [...]} with each step's active, validator_permit, stake_weight,
consensus, incentive, dividends, validator_trust, server/validator/combined
emission and dense bonds. FILE "-" reads standard input.

--output text prints a table per step instead (proportions as decimals,
emission in TAO). A malformed scenario exits with status 2 and a one-line
error naming the field.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("want exactly one scenario FILE (or - for stdin), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "json", "output format: json (rao integers, u16 proportions) or text")
	return cmd
}

// Run reads, replays and prints the scenario.
func Run(opts *Options) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.Output == "" {
		out = cmdutil.OutputJSON
	}
	var r io.Reader
	if opts.File == "-" {
		if opts.IO.In == nil {
			return &cmdutil.ExitError{Code: 2, Err: errors.New("no standard input to read the scenario from")}
		}
		r = opts.IO.In
	} else {
		data, err := os.ReadFile(opts.File)
		if err != nil {
			return &cmdutil.ExitError{Code: 2, Err: fmt.Errorf("read scenario: %w", err)}
		}
		r = bytes.NewReader(data)
	}
	sc, err := scenario.Parse(r)
	if err != nil {
		return &cmdutil.ExitError{Code: 2, Err: fmt.Errorf("malformed scenario: %w", err)}
	}
	res, err := sc.Run()
	if err != nil {
		return err
	}
	if out == cmdutil.OutputText {
		return writeText(opts.IO.Out, res)
	}
	// Compact: the dense bond matrices would take a line per cell indented.
	return json.NewEncoder(opts.IO.Out).Encode(res)
}

// writeText prints one table per step.
func writeText(w io.Writer, res *scenario.Result) error {
	prop := func(v uint16) string { return fmt.Sprintf("%.4f", float64(v)/65535) }
	for i, st := range res.Steps {
		fmt.Fprintf(w, "step %d (block %d)\n", i+1, st.Block)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "UID\tACTIVE\tPERMIT\tCONSENSUS\tINCENTIVE\tDIVIDENDS\tTRUST\tEMISSION (TAO)")
		for u := range st.Emission {
			fmt.Fprintf(tw, "%d\t%v\t%v\t%s\t%s\t%s\t%s\t%s\n", u, st.Active[u], st.ValidatorPermit[u],
				prop(st.Consensus[u]), prop(st.Incentive[u]), prop(st.Dividends[u]), prop(st.ValidatorTrust[u]),
				cmdutil.FormatTAO(st.Emission[u]))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
