package subnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// RegisterOptions are the inputs of "taonet subnet register".
type RegisterOptions struct {
	txcmd.Common
	Netuid uint16
}

// NewCmdRegister returns "taonet subnet register".
func NewCmdRegister(io *cmdutil.IOStreams, runF func(*RegisterOptions) error) *cobra.Command {
	opts := &RegisterOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "register --netuid N (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Register a hotkey on a subnet by burning the current burn (burned_register)",
		Long: "Register the hotkey on --netuid, signed by the coldkey, which pays the subnet's current\n" +
			"burn (taonet subnet hyperparameters). On a full subnet the neuron with the lowest pruning\n" +
			"score outside its immunity period is replaced.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return RegisterRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// RegisterRun executes "subnet register".
func RegisterRun(ctx context.Context, opts *RegisterOptions) error {
	r, hk, err := opts.SubmitForHotkey(ctx, func(hk keys.PublicKey) tx.Call { return tx.BurnedRegister{Netuid: opts.Netuid, Hotkey: hk} })
	if err != nil {
		return err
	}
	uid, _ := r.Event("NeuronRegistered", "uid")
	return opts.Report(r, fmt.Sprintf("registered %s on subnet %d as UID %s", hk.SS58(), opts.Netuid, uid))
}
