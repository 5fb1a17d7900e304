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

// CreateOptions are the inputs of "taonet subnet create".
type CreateOptions struct {
	txcmd.Common
}

// NewCmdCreate returns "taonet subnet create".
func NewCmdCreate(io *cmdutil.IOStreams, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "create (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Register a new subnet, locking the current lock cost (register_network)",
		Long: "Register a new subnet owned by the signing coldkey, with the hotkey as its owner hotkey\n" +
			"(UID 0). The current lock cost (taonet subnet list, GET /v1/network) is held from the\n" +
			"coldkey's balance and returned when the subnet is dissolved.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return CreateRun(cmd.Context(), opts)
		},
	}
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// CreateRun executes "subnet create".
func CreateRun(ctx context.Context, opts *CreateOptions) error {
	r, hk, err := opts.SubmitForHotkey(ctx, func(hk keys.PublicKey) tx.Call { return tx.RegisterNetwork{Hotkey: hk} })
	if err != nil {
		return err
	}
	netuid, _ := r.Event("NetworkAdded", "netuid")
	return opts.Report(r, fmt.Sprintf("registered subnet %s owned by %s (owner hotkey %s)", netuid, r.Signer, hk.SS58()))
}
