package stake

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/delegate"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// ChildrenOptions are the inputs of "stake set-children".
type ChildrenOptions struct {
	txcmd.Common
	Netuid      uint16
	Children    []string
	Proportions []float64
	Revoke      bool
}

// NewCmdSetChildren returns "taonet stake set-children".
func NewCmdSetChildren(io *cmdutil.IOStreams) *cobra.Command {
	opts := &ChildrenOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set-children --netuid N --children SS58[,SS58…] --proportions P[,P…] (--uri <coldkey> --hotkey-ss58 <parent> | --wallet.name W --wallet.hotkey H)",
		Short: "Lend shares of a hotkey's stake weight on a subnet to child hotkeys (set_children)",
		Long: "Lend shares of the parent hotkey's stake weight on --netuid to up to 5 child hotkeys; each child\n" +
			"validates with its share and passes the parent its part of the dividends, keeping its childkey\n" +
			"take. Proportions are fractions of the parent's stake (together at most 1). The change applies\n" +
			"after the network's cooldown (7,200 blocks; 15 on a localnet); --revoke schedules no children.\n" +
			"Signed by the parent's coldkey; one change per hotkey and subnet every 150 blocks.",
		Example: "  taonet stake set-children --netuid 1 --children 5F…,5G… --proportions 0.3,0.2 --uri //Alice --hotkey-uri //Alice//hot",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return SetChildrenRun(cmd.Context(), opts) },
	}
	f := cmd.Flags()
	f.Uint16Var(&opts.Netuid, "netuid", 0, "subnet (required)")
	f.StringSliceVar(&opts.Children, "children", nil, "child hotkeys' SS58 addresses, comma-separated or repeated")
	f.Float64SliceVar(&opts.Proportions, "proportions", nil, "each child's share of the parent's stake, in the same order")
	f.BoolVar(&opts.Revoke, "revoke", false, "schedule no children (revoke them all)")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// fractionToU64 is f × u64::MAX, exactly rounded down (f in [0, 1]).
func fractionToU64(f float64) uint64 {
	if f >= 1 {
		return math.MaxUint64
	}
	v, _ := new(big.Float).Mul(big.NewFloat(f), new(big.Float).SetUint64(math.MaxUint64)).Uint64()
	return v
}

// u64Fraction formats p / u64::MAX with 4 decimals.
func u64Fraction(p uint64) string {
	f, _ := new(big.Float).Quo(new(big.Float).SetUint64(p), new(big.Float).SetUint64(math.MaxUint64)).Float64()
	return fmt.Sprintf("%.4f", f)
}

// SetChildrenRun executes "stake set-children".
func SetChildrenRun(ctx context.Context, opts *ChildrenOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Netuid == 0 {
		return cmdutil.FlagErrorf("--netuid is required (childkeys do not exist on root)")
	}
	if opts.Revoke != (len(opts.Children) == 0) {
		return cmdutil.FlagErrorf("give --children with --proportions, or --revoke alone")
	}
	if len(opts.Children) != len(opts.Proportions) {
		return cmdutil.FlagErrorf("%d children but %d proportions", len(opts.Children), len(opts.Proportions))
	}
	children := make([]tx.Child, len(opts.Children))
	for i, s := range opts.Children {
		pk, err := keys.ParsePublicKey(strings.TrimSpace(s))
		if err != nil {
			return cmdutil.FlagErrorf("--children %q: %v", s, err)
		}
		p := opts.Proportions[i]
		if p < 0 || p > 1 || math.IsNaN(p) {
			return cmdutil.FlagErrorf("--proportions %v: want a fraction in [0, 1]", p)
		}
		children[i] = tx.Child{Proportion: fractionToU64(p), Hotkey: pk}
	}
	r, hk, err := opts.SubmitForHotkey(ctx, func(hotkey keys.PublicKey) tx.Call {
		return tx.SetChildren{Hotkey: hotkey, Netuid: opts.Netuid, Children: children}
	})
	if err != nil {
		return err
	}
	at, _ := r.Event("SetChildrenScheduled", "cooldown_block")
	return opts.Report(r, fmt.Sprintf("scheduled %d children of %s on subnet %d, applying at block %s", len(children), hk.SS58(), opts.Netuid, at))
}

// TakeOptions are the inputs of "stake set-childkey-take".
type TakeOptions struct {
	txcmd.Common
	Netuid uint16
	Take   string
}

// NewCmdSetChildkeyTake returns "taonet stake set-childkey-take".
func NewCmdSetChildkeyTake(io *cmdutil.IOStreams) *cobra.Command {
	opts := &TakeOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "set-childkey-take --netuid N --take 0.09 (--uri <coldkey> --hotkey-ss58 <child> | --wallet.name W --wallet.hotkey H)",
		Short: "Set the share of its parents' dividends a child hotkey keeps on a subnet (set_childkey_take)",
		Long: "Set the childkey take of a hotkey on --netuid: a fraction in [0, 0.18] (or a raw <n>u16 up to\n" +
			"11796u16). Raising it is allowed once per rate-limit period (216,000 blocks; 5 on a localnet);\n" +
			"lowering it is not limited.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return SetChildkeyTakeRun(cmd.Context(), opts) },
	}
	cmd.Flags().Uint16Var(&opts.Netuid, "netuid", 0, "subnet (required)")
	cmd.Flags().StringVar(&opts.Take, "take", "", "the take: a fraction like 0.09, or a raw value like 5898u16 (required)")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// SetChildkeyTakeRun executes "stake set-childkey-take".
func SetChildkeyTakeRun(ctx context.Context, opts *TakeOptions) error {
	if opts.Netuid == 0 {
		return cmdutil.FlagErrorf("--netuid is required")
	}
	if opts.Take == "" {
		return cmdutil.FlagErrorf("--take is required")
	}
	take, err := delegate.ParseTake(opts.Take)
	if err != nil {
		return err
	}
	r, hk, err := opts.SubmitForHotkey(ctx, func(hotkey keys.PublicKey) tx.Call {
		return tx.SetChildkeyTake{Hotkey: hotkey, Netuid: opts.Netuid, Take: take}
	})
	if err != nil {
		return err
	}
	return opts.Report(r, fmt.Sprintf("childkey take of %s on subnet %d set to %s", hk.SS58(), opts.Netuid, txcmd.Proportion(take)))
}

// GetChildrenOptions are the inputs of "stake get-children".
type GetChildrenOptions struct {
	txcmd.Common
	Netuid uint16
}

// NewCmdGetChildren returns "taonet stake get-children".
func NewCmdGetChildren(io *cmdutil.IOStreams) *cobra.Command {
	opts := &GetChildrenOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "get-children --netuid N [--hotkey SS58 | --hotkey-uri URI | --wallet.name W --wallet.hotkey H]",
		Short: "Show a hotkey's children, parents, childkey take and pending change on a subnet",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return GetChildrenRun(cmd.Context(), opts) },
	}
	cmd.Flags().Uint16Var(&opts.Netuid, "netuid", 0, "subnet (required)")
	cmd.Flags().StringVar(&opts.HotkeySS58, "hotkey", "", "the hotkey's SS58 address (alias of --hotkey-ss58)")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// GetChildrenRun executes "stake get-children".
func GetChildrenRun(ctx context.Context, opts *GetChildrenOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Netuid == 0 {
		return cmdutil.FlagErrorf("--netuid is required")
	}
	hk, err := opts.Hotkey()
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ck, err := opts.Client().Childkeys(ctx, opts.Netuid, hk.SS58())
	if err != nil {
		return err
	}
	if opts.JSON() {
		return cmdutil.WriteJSON(opts.IO.Out, ck)
	}
	fmt.Fprintf(opts.IO.Out, "hotkey %s on subnet %d at block %d: stake weight %s TAO, childkey take %s\n",
		ck.Hotkey, ck.Netuid, ck.Height, cmdutil.FormatTAO(ck.StakeWeight), txcmd.Proportion(ck.ChildkeyTake))
	table := func(title string, rs []apitypes.ChildkeyRelation) error {
		fmt.Fprintf(opts.IO.Out, "%s:\n", title)
		if len(rs) == 0 {
			fmt.Fprintln(opts.IO.Out, "  none")
			return nil
		}
		rows := make([][]string, len(rs))
		for i, r := range rs {
			rows[i] = []string{r.Hotkey, u64Fraction(r.Proportion)}
		}
		return subnet.Table(opts.IO.Out, []string{"HOTKEY", "PROPORTION"}, rows)
	}
	if err := table("children", ck.Children); err != nil {
		return err
	}
	if err := table("parents", ck.Parents); err != nil {
		return err
	}
	if ck.Pending != nil {
		return table(fmt.Sprintf("pending children (apply at block %d)", ck.Pending.AppliesAt), ck.Pending.Children)
	}
	return nil
}
