// Package delegate holds "taonet delegate": become, list and set-take.
package delegate

import (
	"context"
	"fmt"
	"github.com/taonet/taonet/apitypes"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// NewCmd returns "taonet delegate" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "delegate <command>",
		Aliases: []string{"delegates"},
		Short:   "Open a hotkey to nominations, list delegates, change a delegate's take",
	}
	cmd.AddCommand(NewCmdBecome(io, nil), NewCmdList(io, nil), NewCmdSetTake(io, nil))
	return cmd
}

// BecomeOptions are the inputs of "taonet delegate become".
type BecomeOptions struct{ txcmd.Common }

// NewCmdBecome returns "taonet delegate become".
func NewCmdBecome(io *cmdutil.IOStreams, runF func(*BecomeOptions) error) *cobra.Command {
	opts := &BecomeOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "become (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Open the coldkey's hotkey to nominations with the default take (become_delegate)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return BecomeRun(cmd.Context(), opts)
		},
	}
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// BecomeRun executes "delegate become".
func BecomeRun(ctx context.Context, opts *BecomeOptions) error {
	r, hk, err := opts.SubmitForHotkey(ctx, func(hk keys.PublicKey) tx.Call { return tx.BecomeDelegate{Hotkey: hk} })
	if err != nil {
		return err
	}
	take, _ := r.Event("DelegateAdded", "take")
	return opts.Report(r, fmt.Sprintf("%s is a delegate (take %s)", hk.SS58(), takeString(take)))
}

func takeString(raw string) string {
	v, err := strconv.ParseUint(raw, 10, 16)
	if err != nil {
		return raw
	}
	return txcmd.Proportion(uint16(v))
}

// ListOptions are the inputs of "taonet delegate list".
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

// NewCmdList returns "taonet delegate list".
func NewCmdList(io *cmdutil.IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List delegates with take, total stake and nominators",
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

// ListRun executes "delegate list".
func ListRun(ctx context.Context, opts *ListOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ds, err := client.New(opts.Node).Delegates(ctx)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, ds)
	}
	rows := make([][]string, 0, len(ds.Delegates))
	for _, d := range ds.Delegates {
		rows = append(rows, []string{d.Hotkey, txcmd.Proportion(d.Take), cmdutil.FormatTAO(d.TotalStake),
			fmt.Sprint(len(d.Nominators)), fmt.Sprint(d.Registrations), fmt.Sprint(d.ValidatorPermits), d.Owner, identityName(d)})
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d delegates at block %d\n", len(ds.Delegates), ds.Height)
	return subnet.Table(opts.IO.Out, []string{"HOTKEY", "TAKE", "TOTAL STAKE", "NOMINATORS", "SUBNETS", "PERMITS", "OWNER", "NAME"}, rows)
}

// SetTakeOptions are the inputs of "taonet delegate set-take".
type SetTakeOptions struct {
	txcmd.Common
	Take string
}

// NewCmdSetTake returns "taonet delegate set-take".
func NewCmdSetTake(io *cmdutil.IOStreams, runF func(*SetTakeOptions) error) *cobra.Command {
	opts := &SetTakeOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set-take --take 0.09 (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Change a delegate's take (increase_take / decrease_take)",
		Long: "Set the delegate's take, as a fraction in [0, 1] (rounded to u16/65535) or a raw u16 with\n" +
			"the suffix 'u16' (e.g. 11796u16). Increases are rate limited on chain.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return SetTakeRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Take, "take", "", "new take: a fraction like 0.09, or a raw value like 5898u16 (required)")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// ParseTake reads a take as a fraction in [0, 1] or a raw "<n>u16".
func ParseTake(s string) (uint16, error) {
	if raw, ok := cutSuffix(s, "u16"); ok {
		v, err := strconv.ParseUint(raw, 10, 16)
		if err != nil {
			return 0, cmdutil.FlagErrorf("--take %q: not a u16", s)
		}
		return uint16(v), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1 {
		return 0, cmdutil.FlagErrorf("--take %q: want a fraction in [0, 1] or a raw <n>u16", s)
	}
	return uint16(f*65535 + 0.5), nil
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// SetTakeRun executes "delegate set-take".
func SetTakeRun(ctx context.Context, opts *SetTakeOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Take == "" {
		return cmdutil.FlagErrorf("--take is required")
	}
	take, err := ParseTake(opts.Take)
	if err != nil {
		return err
	}
	hk, err := opts.Hotkey()
	if err != nil {
		return err
	}
	kp, err := opts.Signer(wallet.RoleColdkey)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ds, err := opts.Client().Delegates(ctx)
	if err != nil {
		return err
	}
	// Not a delegate: submit anyway and let the chain name the refusal.
	cur, ok := findDelegate(ds, hk.SS58())
	if ok && take == cur.Take {
		fmt.Fprintf(opts.IO.ErrOut, "the take is already %s\n", txcmd.Proportion(take))
		return nil
	}
	var call tx.Call = tx.DecreaseTake{Hotkey: hk, Take: take}
	if ok && take > cur.Take {
		call = tx.IncreaseTake{Hotkey: hk, Take: take}
	}
	r, err := opts.Submit(ctx, kp, call)
	if err != nil {
		return err
	}
	return opts.Report(r, fmt.Sprintf("take of %s: %s → %s", hk.SS58(), txcmd.Proportion(cur.Take), txcmd.Proportion(take)))
}

func findDelegate(ds *api.Delegates, hotkey string) (api.Delegate, bool) {
	for _, d := range ds.Delegates {
		if d.Hotkey == hotkey {
			return d, true
		}
	}
	return api.Delegate{}, false
}

// identityName is the delegate owner's published name, or "-".
func identityName(d apitypes.Delegate) string {
	if d.Identity == nil || d.Identity.Name == "" {
		return "-"
	}
	return d.Identity.Name
}
