// Package status holds "taonet status".
package status

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// Options are the inputs of "taonet status".
type Options struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

// NewCmd returns "taonet status"; runF replaces the run function in tests.
func NewCmd(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the chain's height, app hash, issuance and emission",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// Run executes the command.
func Run(ctx context.Context, opts *Options) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := client.New(opts.Node).Status(ctx)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, st)
	}
	w := opts.IO.Out
	fmt.Fprintf(w, "chain id           %s\n", st.ChainID)
	fmt.Fprintf(w, "height             %d\n", st.Height)
	fmt.Fprintf(w, "app hash           %s\n", st.AppHash)
	fmt.Fprintf(w, "total issuance     %s TAO\n", cmdutil.FormatTAO(st.TotalIssuance))
	fmt.Fprintf(w, "block emission     %s TAO\n", cmdutil.FormatTAO(st.BlockEmission))
	fmt.Fprintf(w, "pending emission   %s TAO\n", cmdutil.FormatTAO(st.PendingEmission))
	fmt.Fprintf(w, "base fee           %s TAO\n", cmdutil.FormatTAO(st.BaseFee))
	fmt.Fprintf(w, "existential dep.   %s TAO\n", cmdutil.FormatTAO(st.ExistentialDeposit))
	return nil
}
