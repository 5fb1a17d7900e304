// Package transfer holds "taonet transfer".
package transfer

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// Options are the inputs of "taonet transfer".
type Options struct {
	IO        *cmdutil.IOStreams
	Node      string
	Output    string
	To        string
	Amount    string
	Wallet    *walletflags.Flags
	KeepAlive bool
	NoWait    bool
	Tip       string
}

// NewCmd returns "taonet transfer --to <ss58> --amount <TAO> --uri <uri>".
func NewCmd(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: io}
	cmd := &cobra.Command{
		Use:   "transfer --to <ss58> --amount <TAO> (--uri <uri> | --wallet.name W)",
		Short: "Send TAO to another account",
		Long: "Send TAO (up to 9 decimals, exact to the rao) from the signing key to --to.\n" +
			"By default the sender may be emptied (transfer_allow_death); --keep-alive refuses to\n" +
			"drop the sender below the existential deposit. Waits for the block unless --no-wait.\n" +
			"Signs with --uri, or with the coldkey of --wallet.name (btcli's wallet flags).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.To, "to", "", "destination SS58 address (required)")
	f.StringVar(&opts.Amount, "amount", "", "amount in TAO, e.g. 1.5 (required)")
	f.BoolVar(&opts.KeepAlive, "keep-alive", false, "refuse to empty the sender's account")
	f.BoolVar(&opts.NoWait, "no-wait", false, "return after the mempool accepts the tx")
	f.StringVar(&opts.Tip, "tip", "0", "tip in TAO on top of the base fee")
	opts.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// Result is the JSON output of a transfer.
type Result struct {
	Hash   string `json:"hash"`
	From   string `json:"from"`
	To     string `json:"to"`
	Amount uint64 `json:"amount"`
	Fee    uint64 `json:"fee"`
	Height int64  `json:"height,omitempty"`
}

// Run executes the command.
func Run(ctx context.Context, opts *Options) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.To == "" || opts.Amount == "" {
		return cmdutil.FlagErrorf("a destination (--to) and --amount are required")
	}
	to, err := keys.ParsePublicKey(opts.To)
	if err != nil {
		return cmdutil.FlagErrorf("invalid --to %q: %v", opts.To, err)
	}
	amount, err := cmdutil.ParseTAO(opts.Amount)
	if err != nil {
		return cmdutil.FlagErrorf("--amount: %v", err)
	}
	if amount == 0 {
		return cmdutil.FlagErrorf("--amount must be greater than zero")
	}
	tip, err := cmdutil.ParseTAO(opts.Tip)
	if err != nil {
		return cmdutil.FlagErrorf("--tip: %v", err)
	}
	kp, err := opts.Wallet.Signer(opts.IO, wallet.RoleColdkey)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	resp, err := client.New(opts.Node).SignAndSubmit(ctx, kp, tx.Transfer{Dest: to, Value: amount, KeepAlive: opts.KeepAlive}, tip, !opts.NoWait)
	if err != nil {
		return err
	}
	res := Result{Hash: resp.Hash, From: kp.SS58(), To: to.SS58(), Amount: amount, Height: resp.Height}
	if resp.Result != nil {
		res.Fee = resp.Result.Result.Fee
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, res)
	}
	if opts.NoWait {
		fmt.Fprintf(opts.IO.Out, "submitted %s TAO %s → %s  tx %s\n", cmdutil.FormatTAO(amount), res.From, res.To, res.Hash)
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "sent %s TAO %s → %s  (fee %s TAO) in block %d  tx %s\n",
		cmdutil.FormatTAO(amount), res.From, res.To, cmdutil.FormatTAO(res.Fee), res.Height, res.Hash)
	return nil
}
