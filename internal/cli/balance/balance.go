// Package balance holds "taonet balance".
package balance

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// Options are the inputs of "taonet balance".
type Options struct {
	IO      *cmdutil.IOStreams
	Node    string
	Output  string
	Address string
}

// NewCmd returns "taonet balance <ss58>".
func NewCmd(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "balance <ss58>",
		Short: "Show an account's free balance and nonce",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Address = args[0]
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
	if _, err := keys.ParsePublicKey(opts.Address); err != nil {
		return cmdutil.FlagErrorf("invalid address %q: %v", opts.Address, err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	a, err := client.New(opts.Node).Account(ctx, opts.Address)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, a)
	}
	fmt.Fprintf(opts.IO.Out, "%s  %s TAO  (nonce %d, height %d)\n", a.Address, cmdutil.FormatTAO(a.Free), a.Nonce, a.Height)
	return nil
}
