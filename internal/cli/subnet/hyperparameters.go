package subnet

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// HyperparametersOptions are the inputs of "taonet subnet hyperparameters".
type HyperparametersOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
	Netuid uint16
}

// NewCmdHyperparameters returns "taonet subnet hyperparameters".
func NewCmdHyperparameters(io *cmdutil.IOStreams, runF func(*HyperparametersOptions) error) *cobra.Command {
	opts := &HyperparametersOptions{IO: io}
	cmd := &cobra.Command{
		Use:     "hyperparameters --netuid N",
		Aliases: []string{"hparams"},
		Short:   "Show a subnet's hyperparameters (as sudo get)",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return HyperparametersRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// HyperparameterRows lists p's fields as (JSON name, value) in declaration order.
func HyperparameterRows(p api.Hyperparameters) [][]string {
	v := reflect.ValueOf(p)
	t := v.Type()
	rows := make([][]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		rows = append(rows, []string{name, fmt.Sprint(v.Field(i).Interface())})
	}
	return rows
}

// HyperparametersRun executes "subnet hyperparameters".
func HyperparametersRun(ctx context.Context, opts *HyperparametersOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s, err := client.New(opts.Node).Subnet(ctx, opts.Netuid)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, s.Hyperparameters)
	}
	fmt.Fprintf(opts.IO.ErrOut, "subnet %d at block %d (owner %s)\n", s.Netuid, s.Height, ownerName(s.OwnerColdkey))
	return Table(opts.IO.Out, []string{"HYPERPARAMETER", "VALUE"}, HyperparameterRows(s.Hyperparameters))
}
