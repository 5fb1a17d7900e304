// Package subnet holds "taonet subnet": list, create, register,
// pow-register, hyperparameters, metagraph and burn-cost (btcli's "subnets"
// group, with pow-register from btcli 8).
package subnet

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// NewCmd returns "taonet subnet" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "subnet <command>",
		Aliases: []string{"subnets", "s"},
		Short:   "List, create and join subnets; show hyperparameters and metagraphs",
	}
	cmd.AddCommand(
		NewCmdList(io, nil),
		NewCmdCreate(io, nil),
		NewCmdDissolve(io, nil),
		NewCmdSetIdentity(io, nil),
		NewCmdRegister(io, nil),
		NewCmdPowRegister(io, nil),
		NewCmdHyperparameters(io, nil),
		NewCmdMetagraph(io, nil),
		NewCmdBurnCost(io, nil),
		NewCmdWaitEpoch(io, nil),
	)
	return cmd
}

// NetuidFlag registers a required --netuid on cmd.
func NetuidFlag(cmd *cobra.Command, dst *uint16) {
	cmd.Flags().Uint16Var(dst, "netuid", 0, "subnet id (required)")
}

// RequireNetuid fails with a usage error when --netuid was not given.
func RequireNetuid(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("netuid") {
		return cmdutil.FlagErrorf("--netuid is required")
	}
	return nil
}

// Table writes aligned columns (a header row, then rows).
func Table(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprintln(tw)
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	return tw.Flush()
}
