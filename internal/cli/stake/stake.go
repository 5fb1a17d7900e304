// Package stake holds "taonet stake": add, remove and list (btcli's stake
// group, classic TAO staking on hotkeys).
package stake

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// NewCmd returns "taonet stake" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "stake <command>",
		Aliases: []string{"st"},
		Short:   "Stake TAO on hotkeys, unstake, and list a coldkey's stakes",
	}
	cmd.AddCommand(NewCmdAdd(io, nil), NewCmdRemove(io, nil), NewCmdList(io, nil),
		NewCmdSetChildren(io), NewCmdGetChildren(io), NewCmdSetChildkeyTake(io))
	return cmd
}

// MoveOptions are the inputs of "stake add" and "stake remove".
type MoveOptions struct {
	txcmd.Common
	Amount string
	// Remove selects remove_stake.
	Remove bool
}

func newMoveCmd(io *cmdutil.IOStreams, remove bool, runF func(*MoveOptions) error) *cobra.Command {
	opts := &MoveOptions{Common: txcmd.Common{IO: io}, Remove: remove}
	verb, short := "add", "Stake TAO from the coldkey's balance on a hotkey (add_stake)"
	if remove {
		verb, short = "remove", "Return stake on a hotkey to the coldkey's balance (remove_stake)"
	}
	cmd := &cobra.Command{
		Use:   verb + " --amount TAO (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: short,
		Long: short + ".\nThe hotkey must be owned by the coldkey or be a delegate. Amounts are TAO with up to\n" +
			"9 decimals, exact to the rao.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return MoveRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Amount, "amount", "", "amount in TAO (required)")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// NewCmdAdd returns "taonet stake add".
func NewCmdAdd(io *cmdutil.IOStreams, runF func(*MoveOptions) error) *cobra.Command {
	return newMoveCmd(io, false, runF)
}

// NewCmdRemove returns "taonet stake remove".
func NewCmdRemove(io *cmdutil.IOStreams, runF func(*MoveOptions) error) *cobra.Command {
	return newMoveCmd(io, true, runF)
}

// MoveRun executes "stake add" or "stake remove".
func MoveRun(ctx context.Context, opts *MoveOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Amount == "" {
		return cmdutil.FlagErrorf("--amount is required")
	}
	amount, err := cmdutil.ParseTAO(opts.Amount)
	if err != nil {
		return cmdutil.FlagErrorf("--amount: %v", err)
	}
	if amount == 0 {
		return cmdutil.FlagErrorf("--amount must be greater than zero")
	}
	hk, err := opts.Hotkey()
	if err != nil {
		return err
	}
	kp, err := opts.Signer(wallet.RoleColdkey)
	if err != nil {
		return err
	}
	var call tx.Call = tx.AddStake{Hotkey: hk, Amount: amount}
	what := "staked"
	if opts.Remove {
		call, what = tx.RemoveStake{Hotkey: hk, Amount: amount}, "unstaked"
	}
	r, err := opts.Submit(ctx, kp, call)
	if err != nil {
		return err
	}
	return opts.Report(r, fmt.Sprintf("%s %s TAO on %s from %s", what, cmdutil.FormatTAO(amount), hk.SS58(), kp.SS58()))
}

// ListOptions are the inputs of "taonet stake list".
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
	SS58   string
	Wallet *walletflags.Flags
}

// NewCmdList returns "taonet stake list".
func NewCmdList(io *cmdutil.IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "list [--ss58 <coldkey> | --uri <uri> | --wallet.name W]",
		Short: "List a coldkey's stakes per hotkey",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ListRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.SS58, "ss58", "", "coldkey address (default: --uri or the wallet's coldkeypub)")
	opts.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

func (o *ListOptions) coldkey() (keys.PublicKey, error) {
	switch {
	case o.SS58 != "":
		pk, err := keys.ParsePublicKey(o.SS58)
		if err != nil {
			return pk, cmdutil.FlagErrorf("invalid --ss58 %q: %v", o.SS58, err)
		}
		return pk, nil
	case o.Wallet.URI != "":
		kp, err := keys.FromURI(o.Wallet.URI)
		if err != nil {
			return keys.PublicKey{}, cmdutil.FlagErrorf("--uri: %v", err)
		}
		return kp.Public(), nil
	}
	w, err := o.Wallet.Wallet()
	if err != nil {
		return keys.PublicKey{}, err
	}
	return w.ColdkeyPub()
}

// ListRun executes "stake list".
func ListRun(ctx context.Context, opts *ListOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	ck, err := opts.coldkey()
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := client.New(opts.Node).Stakes(ctx, ck.SS58())
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, st)
	}
	rows := make([][]string, 0, len(st.Stakes))
	for _, s := range st.Stakes {
		take := "-"
		if s.IsDelegate {
			take = txcmd.Proportion(s.Take)
		}
		rows = append(rows, []string{s.Hotkey, cmdutil.FormatTAO(s.Stake), take, fmt.Sprint(s.Registrations), s.Owner})
	}
	fmt.Fprintf(opts.IO.ErrOut, "coldkey %s at block %d: free %s TAO, staked %s TAO\n",
		st.Coldkey, st.Height, cmdutil.FormatTAO(st.Free), cmdutil.FormatTAO(st.Total))
	return subnet.Table(opts.IO.Out, []string{"HOTKEY", "STAKE", "TAKE", "SUBNETS", "OWNER"}, rows)
}
