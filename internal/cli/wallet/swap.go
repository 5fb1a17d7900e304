package wallet

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	twallet "github.com/taonet/taonet/wallet"
)

// newKey is how a swap command names the new key: an address, a secret URI
// (only its public key is used) or a key file of a wallet under
// --wallet.path (its public file: no password).
type newKey struct {
	flag                 string // the flag prefix, for messages
	ss58, uri, inWallet  string
	walletFlag, walletOf string // the wallet flag's name and what it names ("hotkey" or "wallet")
}

func (k *newKey) register(cmd *cobra.Command, what string) {
	f := cmd.Flags()
	f.StringVar(&k.ss58, k.flag+"-ss58", "", "the new "+what+"'s SS58 address")
	f.StringVar(&k.uri, k.flag+"-uri", "", "the new "+what+" as a secret URI, e.g. //Alice//hot2 (only its address is used)")
	f.StringVar(&k.inWallet, k.walletFlag, "", "the new "+what+" by its "+k.walletOf+" name under --wallet.path (its public key file)")
}

// resolve returns the new key; pub reads the named wallet key's public file.
func (k *newKey) resolve(pub func(name string) (keys.PublicKey, error)) (keys.PublicKey, error) {
	set := 0
	for _, v := range []string{k.ss58, k.uri, k.inWallet} {
		if v != "" {
			set++
		}
	}
	if set != 1 {
		return keys.PublicKey{}, cmdutil.FlagErrorf("name the new key with exactly one of --%s-ss58, --%s-uri, --%s", k.flag, k.flag, k.walletFlag)
	}
	switch {
	case k.ss58 != "":
		pk, err := keys.ParsePublicKey(strings.TrimSpace(k.ss58))
		if err != nil {
			return pk, cmdutil.FlagErrorf("--%s-ss58: %v", k.flag, err)
		}
		return pk, nil
	case k.uri != "":
		kp, err := keys.FromURI(k.uri)
		if err != nil {
			return keys.PublicKey{}, cmdutil.FlagErrorf("--%s-uri: %v", k.flag, err)
		}
		return kp.Public(), nil
	}
	return pub(k.inWallet)
}

// newCmdSwapHotkey returns "taonet wallet swap-hotkey".
func newCmdSwapHotkey(io *cmdutil.IOStreams) *cobra.Command {
	c := &txcmd.Common{IO: io}
	nk := &newKey{flag: "new-hotkey", walletFlag: "new-wallet.hotkey", walletOf: "hotkey"}
	cmd := &cobra.Command{
		Use:   "swap-hotkey (--new-hotkey-uri URI | --new-wallet.hotkey NAME | --new-hotkey-ss58 ADDR) (--wallet.name W --wallet.hotkey OLD | --uri COLD --hotkey-uri OLD)",
		Short: "Move a hotkey's UIDs, stake, take, axons and senate seat to a new hotkey (swap_hotkey)",
		Long: "Replace a (leaked) hotkey: every record of the old hotkey — its UID on every subnet with the\n" +
			"neuron's history, its stake and nominations, delegate take, axon and prometheus endpoints,\n" +
			"weight commits, subnet-owner hotkey and senate seat — moves to the new hotkey in one\n" +
			"transaction, and the old one is left with nothing. Signed by the coldkey owning the old\n" +
			"hotkey; costs 0.1 TAO (burned), no fee; once per tx_rate_limit blocks per coldkey. The new\n" +
			"hotkey must be unknown to the chain (HotKeyAlreadyRegisteredInSubNet otherwise).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return swapHotkeyRun(cmd.Context(), c, nk)
		},
	}
	nk.register(cmd, "hotkey")
	txcmd.Register(cmd, c, true)
	return cmd
}

func swapHotkeyRun(ctx context.Context, c *txcmd.Common, nk *newKey) error {
	if err := c.Prepare(); err != nil {
		return err
	}
	old, err := c.Hotkey()
	if err != nil {
		return err
	}
	new, err := nk.resolve(func(name string) (keys.PublicKey, error) {
		w, err := c.Wallet.Wallet()
		if err != nil {
			return keys.PublicKey{}, err
		}
		w.Hotkey = name
		pk, err := w.HotkeyPub()
		if err != nil {
			return pk, fmt.Errorf("wallet %q hotkey %q: %w", w.Name, name, err)
		}
		return pk, nil
	})
	if err != nil {
		return err
	}
	r, err := c.SubmitColdkey(ctx, tx.SwapHotkey{Hotkey: old, NewHotkey: new})
	if err != nil {
		return err
	}
	return c.Report(r, fmt.Sprintf("hotkey %s swapped to %s", old.SS58(), new.SS58()))
}

// newCmdSwapColdkey returns "taonet wallet swap-coldkey".
func newCmdSwapColdkey(io *cmdutil.IOStreams) *cobra.Command {
	c := &txcmd.Common{IO: io}
	nk := &newKey{flag: "new-coldkey", walletFlag: "new-wallet.name", walletOf: "wallet"}
	cmd := &cobra.Command{
		Use:   "swap-coldkey (--new-coldkey-ss58 ADDR | --new-coldkey-uri URI | --new-wallet.name NAME) (--wallet.name W | --uri COLD)",
		Short: "Schedule moving everything a coldkey holds to a new coldkey (schedule_swap_coldkey)",
		Long: "Schedule the signing coldkey's swap: after coldkey_swap_schedule_duration blocks (5 days; 20\n" +
			"blocks on a localnet) its balance, stakes, hotkeys, subnets and identity move to the new\n" +
			"coldkey. Costs 0.1 TAO (burned) plus the fee. Until then its stake and balance cannot leave\n" +
			"(ColdkeyInSwapSchedule). A second schedule to another coldkey puts the swap in arbitration:\n" +
			"it does not run, every call of the coldkey is refused, and root settles it. Watch it with\n" +
			"taonet wallet swap-check.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return swapColdkeyRun(cmd.Context(), c, nk)
		},
	}
	nk.register(cmd, "coldkey")
	txcmd.Register(cmd, c, false)
	return cmd
}

func swapColdkeyRun(ctx context.Context, c *txcmd.Common, nk *newKey) error {
	if err := c.Prepare(); err != nil {
		return err
	}
	new, err := nk.resolve(func(name string) (keys.PublicKey, error) {
		w, err := c.Wallet.Wallet()
		if err != nil {
			return keys.PublicKey{}, err
		}
		w.Name = name
		pk, err := w.ColdkeyPub()
		if err != nil {
			return pk, fmt.Errorf("wallet %q: %w", name, err)
		}
		return pk, nil
	})
	if err != nil {
		return err
	}
	r, err := c.SubmitColdkey(ctx, tx.ScheduleSwapColdkey{NewColdkey: new})
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("coldkey swap to %s scheduled", new.SS58())
	if _, ok := r.Event("ArbitrationPeriodExtended", "coldkey"); ok {
		summary = fmt.Sprintf("a second destination %s was scheduled: the coldkey is in arbitration until root settles it", new.SS58())
	} else if at, ok := r.Event("ColdkeySwapScheduled", "execution_block"); ok {
		summary += " for block " + at
	}
	return c.Report(r, summary)
}

// SwapCheckOptions are the inputs of "wallet swap-check".
type SwapCheckOptions struct {
	IO     *cmdutil.IOStreams
	Wallet *walletflags.Flags
	Node   string
	Output string
	SS58   string
	All    bool
}

// newCmdSwapCheck returns "taonet wallet swap-check".
func newCmdSwapCheck(io *cmdutil.IOStreams) *cobra.Command {
	o := &SwapCheckOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "swap-check [--all | --ss58 ADDR | --wallet.name W | --uri COLD]",
		Short: "Show pending coldkey swaps: the wallet's, an address's, or every one (--all)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return swapCheckRun(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.SS58, "ss58", "", "the coldkey to check instead of the wallet's")
	cmd.Flags().BoolVarP(&o.All, "all", "a", false, "show every pending coldkey swap on the chain")
	o.Wallet = walletflags.Register(cmd, walletflags.WithURI)
	cmdutil.NodeFlag(cmd, &o.Node)
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func swapCheckRun(ctx context.Context, o *SwapCheckOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	asJSON := out == cmdutil.OutputJSON
	c := client.New(o.Node)
	if ctx == nil {
		ctx = context.Background()
	}
	if o.All {
		all, err := c.ColdkeySwaps(ctx)
		if err != nil {
			return err
		}
		if asJSON {
			return cmdutil.WriteJSON(o.IO.Out, all)
		}
		if len(all.Swaps) == 0 {
			fmt.Fprintf(o.IO.Out, "no pending coldkey swaps (block %d)\n", all.Height)
		}
		for _, s := range all.Swaps {
			printSwap(o.IO, &s)
		}
		return nil
	}
	ck, err := swapCheckColdkey(o)
	if err != nil {
		return err
	}
	s, err := c.ColdkeySwap(ctx, ck.SS58())
	if errors.Is(err, client.ErrNotFound) {
		if asJSON {
			return cmdutil.WriteJSON(o.IO.Out, struct {
				Coldkey string `json:"coldkey"`
				Pending bool   `json:"pending"`
			}{ck.SS58(), false})
		}
		fmt.Fprintf(o.IO.Out, "%s has no pending coldkey swap\n", ck.SS58())
		return nil
	}
	if err != nil {
		return err
	}
	if asJSON {
		return cmdutil.WriteJSON(o.IO.Out, s)
	}
	printSwap(o.IO, &s.ColdkeySwap)
	return nil
}

// swapCheckColdkey is --ss58, else --uri's public key, else the wallet's coldkeypub.
func swapCheckColdkey(o *SwapCheckOptions) (keys.PublicKey, error) {
	switch {
	case o.SS58 != "":
		pk, err := keys.ParsePublicKey(strings.TrimSpace(o.SS58))
		if err != nil {
			return pk, cmdutil.FlagErrorf("--ss58: %v", err)
		}
		return pk, nil
	case o.Wallet.URI != "":
		kp, err := keys.FromURI(o.Wallet.URI)
		if err != nil {
			return keys.PublicKey{}, cmdutil.FlagErrorf("--uri: %v", err)
		}
		return kp.Public(), nil
	}
	w, err := openWallet(o.Wallet)
	if err != nil {
		return keys.PublicKey{}, err
	}
	return coldkeyPubOf(w)
}

func coldkeyPubOf(w *twallet.Wallet) (keys.PublicKey, error) {
	pk, err := w.ColdkeyPub()
	if err != nil {
		return pk, fmt.Errorf("wallet %q: %w", w.Name, err)
	}
	return pk, nil
}

func printSwap(io *cmdutil.IOStreams, s *apitypes.ColdkeySwap) {
	if s.Arbitration {
		fmt.Fprintf(io.Out, "%s  IN ARBITRATION: swaps to %s were scheduled; every call is refused until root settles it\n",
			s.Coldkey, strings.Join(s.Destinations, " and "))
		return
	}
	fmt.Fprintf(io.Out, "%s  → %s at block %d (in %d blocks)\n", s.Coldkey, strings.Join(s.Destinations, ", "), s.ExecutionBlock, s.BlocksLeft)
}
