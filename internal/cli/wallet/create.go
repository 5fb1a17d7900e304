package wallet

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	twallet "github.com/taonet/taonet/wallet"
)

// NewKeyOptions are the inputs of "wallet create", "new-coldkey" and
// "new-hotkey".
type NewKeyOptions struct {
	IO        *cmdutil.IOStreams
	Wallet    *walletflags.Flags
	Words     int
	URI       string // make the key from this URI instead of a new mnemonic
	Overwrite bool
	Output    string
	cold, hot encryptionFlags
}

func addNewKeyFlags(cmd *cobra.Command, o *NewKeyOptions) {
	fs := cmd.Flags()
	fs.IntVar(&o.Words, "n-words", 12, "mnemonic length: 12, 15, 18, 21 or 24 words")
	fs.IntVar(&o.Words, "n_words", 12, "mnemonic length")
	_ = fs.MarkHidden("n_words")
	fs.StringVar(&o.URI, "uri", "", "derive the key from this secret URI (e.g. //Alice) instead of a new mnemonic")
	fs.BoolVar(&o.Overwrite, "overwrite", false, "replace existing key files")
	cmdutil.OutputFlag(cmd, &o.Output)
}

// newKeypair makes a fresh keypair and its mnemonic (or the URI's key).
func (o *NewKeyOptions) newKeypair() (*keys.Keypair, string, error) {
	if o.URI != "" {
		kp, err := keys.FromURI(o.URI)
		if err != nil {
			return nil, "", inputError(fmt.Errorf("--uri: %w", err))
		}
		return kp, "", nil
	}
	switch o.Words {
	case 12, 15, 18, 21, 24:
	default:
		return nil, "", cmdutil.FlagErrorf("--n-words: %w: %d, want 12, 15, 18, 21 or 24", keys.ErrInvalidMnemonicLength, o.Words)
	}
	m, err := keys.NewMnemonic(o.Words)
	if err != nil {
		return nil, "", err
	}
	kp, err := keys.FromMnemonic(m)
	return kp, m, err
}

func newCmdCreate(io *cmdutil.IOStreams) *cobra.Command {
	o := &NewKeyOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a wallet: a new coldkey and a new hotkey",
		Example: `  taonet wallet create --wallet.name alice --wallet.hotkey miner1
  TAONET_WALLET_PASSWORD=... taonet wallet create -w alice -H miner1 --n-words 24`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(createRun(o, []keyRole{roleCold, roleHot}))
		},
	}
	o.Wallet = registerWalletFlags(cmd)
	addNewKeyFlags(cmd, o)
	fs := cmd.Flags()
	fs.BoolVar(&o.cold.use, "use-password", false, "encrypt the coldkey (the default)")
	fs.BoolVar(&o.cold.no, "no-password", false, "store the coldkey unencrypted")
	fs.BoolVar(&o.cold.no, "no-use-password", false, "same as --no-password")
	_ = fs.MarkHidden("no-use-password")
	fs.BoolVar(&o.hot.use, "hotkey-use-password", false, "encrypt the hotkey too")
	return cmd
}

func newCmdNewKey(io *cmdutil.IOStreams, role keyRole) *cobra.Command {
	o := &NewKeyOptions{IO: io}
	name := "new-" + role.String()
	cmd := &cobra.Command{
		Use:     name,
		Aliases: []string{"new_" + role.String()},
		Short:   fmt.Sprintf("Create a new %s from a fresh mnemonic", role),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(createRun(o, []keyRole{role}))
		},
	}
	o.Wallet = registerWalletFlags(cmd)
	addNewKeyFlags(cmd, o)
	if role == roleCold {
		addEncryptionFlags(cmd, &o.cold, role)
	} else {
		addEncryptionFlags(cmd, &o.hot, role)
	}
	return cmd
}

func createRun(o *NewKeyOptions, roles []keyRole) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	w, err := openWallet(o.Wallet)
	if err != nil {
		return err
	}
	if o.URI != "" && len(roles) > 1 {
		return cmdutil.FlagErrorf("--uri makes one key: use new-coldkey or new-hotkey")
	}
	// Refuse before generating or writing anything if a target exists (a
	// new key never matches an existing public file).
	if !o.Overwrite {
		for _, r := range roles {
			files := []twallet.Keyfile{w.ColdkeyFile(), w.ColdkeyPubFile()}
			if r == roleHot {
				files = []twallet.Keyfile{w.HotkeyFile(), w.HotkeyPubFile()}
			}
			for _, f := range files {
				if f.Exists() && (o.URI == "" || f == files[0]) {
					return fmt.Errorf("%w: %s (use --overwrite to replace it)", twallet.ErrKeyExists, f.Path)
				}
			}
		}
	}
	var results []KeyResult
	for _, r := range roles {
		enc := o.cold
		if r == roleHot {
			enc = o.hot
		}
		wo, err := writeOptions(o.IO, o.Wallet, enc, r, o.Overwrite)
		if err != nil {
			return err
		}
		kp, mnemonic, err := o.newKeypair()
		if err != nil {
			return err
		}
		if err := setKey(w, r, kp, wo); err != nil {
			return err
		}
		res := keyResult(r, w, kp.Public(), wo.Encrypt, mnemonic)
		results = append(results, res)
		if out == cmdutil.OutputText {
			if mnemonic != "" {
				printMnemonic(o.IO, r, mnemonic)
			}
			printKey(o.IO.Out, res)
		}
	}
	if out == cmdutil.OutputJSON {
		fmt.Fprintln(o.IO.ErrOut, "IMPORTANT: the output holds the mnemonic: store it in a secure (preferably offline) place; anyone who has it controls the key.")
		return cmdutil.WriteJSON(o.IO.Out, results)
	}
	return nil
}
