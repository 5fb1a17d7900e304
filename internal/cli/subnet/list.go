package subnet

import (
	"context"
	"fmt"
	"github.com/taonet/taonet/apitypes"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// ListOptions are the inputs of "taonet subnet list".
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

// NewCmdList returns "taonet subnet list".
func NewCmdList(io *cmdutil.IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every subnet (root included): UIDs, tempo, emission, burn, owner",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ListRun(cmd.Context(), opts)
		},
	}
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// ListRun executes "subnet list".
func ListRun(ctx context.Context, opts *ListOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ss, err := client.New(opts.Node).Subnets(ctx)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, ss)
	}
	var rows [][]string
	for _, s := range ss.Subnets {
		rows = append(rows, []string{
			fmt.Sprint(s.Netuid), fmt.Sprintf("%d/%d", s.N, s.MaxN), fmt.Sprint(s.Tempo),
			cmdutil.FormatTAO(s.EmissionValue), cmdutil.FormatTAO(s.Burn), fmt.Sprint(s.Difficulty),
			cmdutil.FormatTAO(s.Locked), ownerName(s.OwnerColdkey), subnetName(s.Identity),
		})
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d subnets at block %d; registering one locks %s TAO now\n",
		len(ss.Subnets), ss.Height, lockCost(ss.Subnets))
	return Table(opts.IO.Out, []string{"NETUID", "N", "TEMPO", "EMISSION/BLOCK", "BURN", "DIFFICULTY", "LOCKED", "OWNER", "NAME"}, rows)
}

func lockCost(ss []api.Subnet) string {
	if len(ss) == 0 {
		return "?"
	}
	return cmdutil.FormatTAO(ss[0].LockCost)
}

// subnetName is a subnet's published name, or "-".
// ownerName is an owner coldkey for the tables: "-" for a subnet without
// owner (the root network, a fair launch's subnet 1).
func ownerName(ss58 string) string {
	if ss58 == "" {
		return "-"
	}
	return ss58
}

func subnetName(id *apitypes.SubnetIdentity) string {
	if id == nil || id.SubnetName == "" {
		return "-"
	}
	return id.SubnetName
}
