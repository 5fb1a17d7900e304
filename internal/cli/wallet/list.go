package wallet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	twallet "github.com/taonet/taonet/wallet"
)

// ListOptions are the inputs of "wallet list" and "wallet overview".
type ListOptions struct {
	IO      *cmdutil.IOStreams
	Wallet  *walletflags.Flags
	Node    string
	Offline bool
	All     bool // overview: every wallet, not only --wallet.name
	Output  string
}

// WalletEntry is one wallet in the JSON output of list and overview.
type WalletEntry struct {
	Name    string        `json:"name"`
	SS58    string        `json:"coldkey,omitempty"`
	Error   string        `json:"error,omitempty"`
	Balance *uint64       `json:"balance,omitempty"`
	Hotkeys []HotkeyEntry `json:"hotkeys"`
}

// HotkeyEntry is one hotkey in the JSON output of list and overview.
type HotkeyEntry struct {
	Name    string  `json:"name"`
	SS58    string  `json:"ss58,omitempty"`
	Error   string  `json:"error,omitempty"`
	Balance *uint64 `json:"balance,omitempty"`
}

func addListFlags(cmd *cobra.Command, o *ListOptions) {
	o.Wallet = registerWalletFlags(cmd)
	cmdutil.NodeFlag(cmd, &o.Node)
	cmd.Flags().BoolVar(&o.Offline, "offline", false, "do not ask a node for balances")
	cmdutil.OutputFlag(cmd, &o.Output)
}

func newCmdList(io *cmdutil.IOStreams) *cobra.Command {
	o := &ListOptions{IO: io, All: true}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Show every wallet and hotkey under --wallet.path with addresses (and balances when a node is reachable)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(listRun(cmd.Context(), o))
		},
	}
	addListFlags(cmd, o)
	return cmd
}

func newCmdOverview(io *cmdutil.IOStreams) *cobra.Command {
	o := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "overview",
		Short: "Show a wallet's coldkey and hotkeys with balances",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(listRun(cmd.Context(), o))
		},
	}
	addListFlags(cmd, o)
	cmd.Flags().BoolVarP(&o.All, "all", "a", false, "show every wallet")
	return cmd
}

// balances fetches balances until the node first fails, then reports "-".
type balances struct {
	src     BalanceSource
	url     string
	ctx     context.Context
	failed  error
	timeout time.Duration
}

func (b *balances) get(ss58 string) *uint64 {
	if b.src == nil || b.failed != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	v, err := b.src.Balance(ctx, ss58)
	if errors.Is(err, client.ErrNotFound) {
		v, err = 0, nil // an account never funded
	}
	if err != nil {
		b.failed = err
		return nil
	}
	return &v
}

func listRun(ctx context.Context, o *ListOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	w, err := openWallet(o.Wallet)
	if err != nil {
		return err
	}
	infos, err := twallet.List(w.Path)
	if err != nil {
		return err
	}
	if !o.All {
		var sel []twallet.Info
		for _, i := range infos {
			if i.Name == w.Name {
				sel = append(sel, i)
			}
		}
		if len(sel) == 0 {
			return fmt.Errorf("%w: no wallet %q in %s", twallet.ErrKeyNotFound, w.Name, w.Path)
		}
		infos = sel
	}
	bal := &balances{ctx: ctx, url: o.Node, timeout: 5 * time.Second}
	if !o.Offline && o.Node != "" {
		bal.src = newBalanceSource(o.Node)
	}
	entries := make([]WalletEntry, 0, len(infos))
	for _, i := range infos {
		e := WalletEntry{Name: i.Name, Hotkeys: []HotkeyEntry{}}
		if i.Coldkey != nil {
			e.SS58 = i.Coldkey.SS58()
			e.Balance = bal.get(e.SS58)
		} else {
			e.Error = i.ColdkeyErr.Error()
		}
		for _, h := range i.Hotkeys {
			he := HotkeyEntry{Name: h.Name}
			if h.Public != nil {
				he.SS58 = h.Public.SS58()
				he.Balance = bal.get(he.SS58)
			} else {
				he.Error = h.Err.Error()
			}
			e.Hotkeys = append(e.Hotkeys, he)
		}
		entries = append(entries, e)
	}
	if bal.failed != nil {
		fmt.Fprintf(o.IO.ErrOut, "note: balances not shown: node %s: %v\n", o.Node, bal.failed)
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, entries)
	}
	printTree(o.IO.Out, w.Path, entries)
	return nil
}

func fmtBalance(b *uint64) string {
	if b == nil {
		return "-"
	}
	return cmdutil.FormatTAO(*b) + " τ"
}

func printTree(out io.Writer, root string, entries []WalletEntry) {
	fmt.Fprintf(out, "Wallets (%s)\n", root)
	if len(entries) == 0 {
		fmt.Fprintln(out, "└── (none)")
		return
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	row := func(prefix, label, ss58, errText string, bal *uint64) {
		if ss58 == "" {
			fmt.Fprintf(tw, "%s%s\t?\t(%s)\n", prefix, label, errText)
			return
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%s\n", prefix, label, ss58, fmtBalance(bal))
	}
	for i, e := range entries {
		branch, indent := "├── ", "│   "
		if i == len(entries)-1 {
			branch, indent = "└── ", "    "
		}
		row(branch, "coldkey "+e.Name, e.SS58, e.Error, e.Balance)
		for j, h := range e.Hotkeys {
			hb := "├── "
			if j == len(e.Hotkeys)-1 {
				hb = "└── "
			}
			row(indent+hb, "hotkey "+h.Name, h.SS58, h.Error, h.Balance)
		}
	}
	tw.Flush()
}
