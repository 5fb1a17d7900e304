package wallet

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	twallet "github.com/taonet/taonet/wallet"
)

// BalanceOptions are the inputs of "wallet balance".
type BalanceOptions struct {
	IO     *cmdutil.IOStreams
	Wallet *walletflags.Flags
	Node   string
	SS58   []string
	All    bool
	Output string
}

// BalanceEntry is one line of "wallet balance".
type BalanceEntry struct {
	Name    string `json:"name,omitempty"`
	SS58    string `json:"ss58"`
	Balance uint64 `json:"balance"`
}

func newCmdBalance(io *cmdutil.IOStreams) *cobra.Command {
	o := &BalanceOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "balance [--all | --ss58 ADDR...]",
		Short: "Show the free balance of the wallet's coldkey (or of every wallet, or of addresses)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(balanceRun(cmd.Context(), o))
		},
	}
	o.Wallet = registerWalletFlags(cmd)
	cmdutil.NodeFlag(cmd, &o.Node)
	cmd.Flags().StringSliceVar(&o.SS58, "ss58", nil, "addresses to show instead of the wallet's (repeat or comma-separate)")
	cmd.Flags().BoolVarP(&o.All, "all", "a", false, "show every wallet under --wallet.path")
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func balanceRun(ctx context.Context, o *BalanceOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var entries []BalanceEntry
	switch {
	case len(o.SS58) > 0:
		for _, a := range o.SS58 {
			p, err := keys.ParsePublicKey(strings.TrimSpace(a))
			if err != nil {
				return inputError(fmt.Errorf("--ss58 %q: %w", a, err))
			}
			entries = append(entries, BalanceEntry{SS58: p.SS58()})
		}
	default:
		w, err := openWallet(o.Wallet)
		if err != nil {
			return err
		}
		if o.All {
			infos, err := twallet.List(w.Path)
			if err != nil {
				return err
			}
			for _, i := range infos {
				if i.Coldkey != nil {
					entries = append(entries, BalanceEntry{Name: i.Name, SS58: i.Coldkey.SS58()})
				}
			}
		} else {
			pub, err := w.ColdkeyPub()
			if err != nil {
				return err
			}
			entries = append(entries, BalanceEntry{Name: w.Name, SS58: pub.SS58()})
		}
	}
	src := newBalanceSource(o.Node)
	var total uint64
	for i := range entries {
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		b := &balances{src: src, ctx: c, timeout: 10 * time.Second}
		v := b.get(entries[i].SS58)
		cancel()
		if v == nil {
			return fmt.Errorf("node %s: %w", o.Node, b.failed)
		}
		entries[i].Balance = *v
		total += *v
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, entries)
	}
	for _, e := range entries {
		name := e.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(o.IO.Out, "%-16s %s  %s τ\n", name, e.SS58, cmdutil.FormatTAO(e.Balance))
	}
	if len(entries) > 1 {
		fmt.Fprintf(o.IO.Out, "%-16s %48s  %s τ\n", "total", "", cmdutil.FormatTAO(total))
	}
	return nil
}
