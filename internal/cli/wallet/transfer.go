package wallet

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/transfer"
	"github.com/taonet/taonet/internal/cli/walletflags"
)

// newCmdTransfer is btcli's "wallet transfer": the top-level "taonet
// transfer" with btcli's --dest spelling and the wallet short flags.
func newCmdTransfer(io *cmdutil.IOStreams) *cobra.Command {
	o := &transfer.Options{IO: io}
	cmd := &cobra.Command{
		Use:   "transfer --dest SS58 --amount TAO",
		Short: "Send TAO from the wallet's coldkey",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.Wallet.KDF = kdf
			return exitError(transfer.Run(cmd.Context(), o))
		},
	}
	o.Wallet = walletflags.Register(cmd, walletflags.WithURI, walletflags.WithShortNames)
	fs := cmd.Flags()
	fs.StringVar(&o.To, "dest", "", "destination SS58 address")
	for _, alias := range []string{"destination", "to"} {
		fs.StringVar(&o.To, alias, "", "same as --dest")
		_ = fs.MarkHidden(alias)
	}
	fs.StringVar(&o.Amount, "amount", "", "amount in TAO (up to 9 decimals)")
	fs.StringVar(&o.Tip, "tip", "0", "tip in TAO on top of the fee")
	fs.BoolVar(&o.KeepAlive, "keep-alive", false, "refuse to drop the sender below the existential deposit")
	fs.BoolVar(&o.NoWait, "no-wait", false, "return once the node accepts the transaction")
	cmdutil.NodeFlag(cmd, &o.Node)
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}
