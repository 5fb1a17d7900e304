package subnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// BurnCostOptions are the inputs of "taonet subnet burn-cost".
type BurnCostOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

// NewCmdBurnCost returns "taonet subnet burn-cost".
func NewCmdBurnCost(io *cmdutil.IOStreams, runF func(*BurnCostOptions) error) *cobra.Command {
	opts := &BurnCostOptions{IO: io}
	cmd := &cobra.Command{
		Use:     "burn-cost",
		Aliases: []string{"lock-cost"},
		Short:   "Show what registering a new subnet locks now, and the subnet limit",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return BurnCostRun(cmd.Context(), opts)
		},
	}
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// BurnCostRun executes "subnet burn-cost".
func BurnCostRun(ctx context.Context, opts *BurnCostOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	n, err := client.New(opts.Node).Network(ctx)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, n)
	}
	fmt.Fprintf(opts.IO.Out, "lock cost %s TAO at block %d; %d of %d subnets registered\n",
		cmdutil.FormatTAO(n.LockCost), n.Height+1, n.SubnetCount, n.SubnetLimit)
	return nil
}
