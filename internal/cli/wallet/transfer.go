package wallet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	twallet "github.com/taonet/taonet/wallet"
)

// TransferOptions are the inputs of "wallet transfer".
type TransferOptions struct {
	IO        *cmdutil.IOStreams
	Wallet    *walletflags.Flags
	Node      string
	Dest      string
	Amount    string
	Tip       string
	KeepAlive bool
	NoWait    bool
	Output    string
}

// TransferResult is the JSON output of "wallet transfer".
type TransferResult struct {
	Hash   string `json:"hash"`
	From   string `json:"from"`
	To     string `json:"to"`
	Amount uint64 `json:"amount"`
	Fee    uint64 `json:"fee"`
	Height int64  `json:"height,omitempty"`
}

func newCmdTransfer(io *cmdutil.IOStreams) *cobra.Command {
	o := &TransferOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "transfer --dest SS58 --amount TAO",
		Short: "Send TAO from the wallet's coldkey",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(transferRun(cmd.Context(), o))
		},
	}
	o.Wallet = walletflags.Register(cmd, walletflags.WithURI, walletflags.WithShortNames)
	fs := cmd.Flags()
	fs.StringVar(&o.Dest, "dest", "", "destination SS58 address")
	fs.StringVar(&o.Dest, "destination", "", "same as --dest")
	_ = fs.MarkHidden("destination")
	fs.StringVar(&o.Amount, "amount", "", "amount in TAO (up to 9 decimals)")
	fs.StringVar(&o.Tip, "tip", "0", "tip in TAO on top of the fee")
	fs.BoolVar(&o.KeepAlive, "keep-alive", false, "refuse to drop the sender below the existential deposit")
	fs.BoolVar(&o.NoWait, "no-wait", false, "return once the node accepts the transaction")
	cmdutil.NodeFlag(cmd, &o.Node)
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func transferRun(ctx context.Context, o *TransferOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	if o.Dest == "" || o.Amount == "" {
		return cmdutil.FlagErrorf("--dest and --amount are required")
	}
	to, err := keys.ParsePublicKey(o.Dest)
	if err != nil {
		return inputError(fmt.Errorf("--dest: %w", err))
	}
	amount, err := cmdutil.ParseTAO(o.Amount)
	if err != nil {
		return cmdutil.FlagErrorf("--amount: %w", err)
	}
	if amount == 0 {
		return cmdutil.FlagErrorf("--amount must be greater than zero")
	}
	tip, err := cmdutil.ParseTAO(o.Tip)
	if err != nil {
		return cmdutil.FlagErrorf("--tip: %w", err)
	}
	o.Wallet.KDF = kdf
	kp, err := o.Wallet.Signer(o.IO, twallet.RoleColdkey)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	resp, err := client.New(o.Node).SignAndSubmit(ctx, kp, tx.Transfer{Dest: to, Value: amount, KeepAlive: o.KeepAlive}, tip, !o.NoWait)
	if err != nil {
		return err
	}
	res := TransferResult{Hash: resp.Hash, From: kp.SS58(), To: to.SS58(), Amount: amount, Height: resp.Height}
	if resp.Result != nil {
		res.Fee = resp.Result.Result.Fee
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, res)
	}
	if o.NoWait {
		fmt.Fprintf(o.IO.Out, "submitted %s TAO %s → %s  tx %s\n", cmdutil.FormatTAO(amount), res.From, res.To, res.Hash)
		return nil
	}
	fmt.Fprintf(o.IO.Out, "sent %s TAO %s → %s  (fee %s TAO) in block %d  tx %s\n",
		cmdutil.FormatTAO(amount), res.From, res.To, cmdutil.FormatTAO(res.Fee), res.Height, res.Hash)
	return nil
}
