package wallet

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	twallet "github.com/taonet/taonet/wallet"
)

// RegenOptions are the inputs of "wallet regen-coldkey" and "regen-hotkey".
type RegenOptions struct {
	IO           *cmdutil.IOStreams
	Wallet       *walletflags.Flags
	Mnemonic     string
	Seed         string
	JSONFile     string
	JSONPassword string
	Overwrite    bool
	Output       string
	enc          encryptionFlags
}

func newCmdRegen(io *cmdutil.IOStreams, role keyRole) *cobra.Command {
	o := &RegenOptions{IO: io}
	name := "regen-" + role.String()
	cmd := &cobra.Command{
		Use:     name + " (--mnemonic \"<words>\" | --seed 0x... | --json FILE --json-password PW)",
		Aliases: []string{"regen_" + role.String()},
		Short:   fmt.Sprintf("Restore a %s from its mnemonic, seed or a polkadot.js JSON export", role),
		Example: fmt.Sprintf(`  taonet wallet %s --wallet.name alice --mnemonic "word1 ... word12"
  taonet wallet %s -w alice --mnemonic - --password-file pw.txt < mnemonic.txt`, name, name),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(regenRun(o, role))
		},
	}
	o.Wallet = registerWalletFlags(cmd)
	fs := cmd.Flags()
	fs.StringVar(&o.Mnemonic, "mnemonic", "", "the key's mnemonic (\"-\" reads it from stdin)")
	fs.StringVar(&o.Seed, "seed", "", "the key's 32-byte seed (or 64-byte private key) as 0x hex (\"-\" reads stdin)")
	fs.StringVar(&o.JSONFile, "json", "", "a polkadot.js JSON export of the key")
	fs.StringVar(&o.JSONPassword, "json-password", "", "the passphrase of the --json export")
	fs.BoolVar(&o.Overwrite, "overwrite", false, "replace existing key files")
	addEncryptionFlags(cmd, &o.enc, role)
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func (o *RegenOptions) keypair() (*keys.Keypair, error) {
	n := 0
	for _, s := range []string{o.Mnemonic, o.Seed, o.JSONFile} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return nil, cmdutil.FlagErrorf("give exactly one of --mnemonic, --seed and --json")
	}
	switch {
	case o.Mnemonic != "":
		m, err := readArgOrStdin(o.Mnemonic, o.IO.In)
		if err != nil {
			return nil, err
		}
		kp, err := keys.FromMnemonic(m)
		if err != nil {
			return nil, inputError(fmt.Errorf("--mnemonic: %w", err))
		}
		return kp, nil
	case o.Seed != "":
		s, err := readArgOrStdin(o.Seed, o.IO.In)
		if err != nil {
			return nil, err
		}
		b, err := keys.DecodeHex(s)
		if err != nil {
			return nil, inputError(fmt.Errorf("--seed: %w", err))
		}
		kp, err := keys.FromSeed(b)
		if err != nil {
			return nil, inputError(fmt.Errorf("--seed: %w", err))
		}
		return kp, nil
	}
	data, err := os.ReadFile(o.JSONFile)
	if err != nil {
		return nil, inputError(fmt.Errorf("--json: %w", err))
	}
	kp, err := twallet.DecodePolkadotJSON(data, o.JSONPassword)
	if err != nil {
		return nil, fmt.Errorf("--json %s: %w", o.JSONFile, err)
	}
	return kp, nil
}

func regenRun(o *RegenOptions, role keyRole) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	w, err := openWallet(o.Wallet)
	if err != nil {
		return err
	}
	kp, err := o.keypair()
	if err != nil {
		return err
	}
	if !o.Overwrite {
		f := w.ColdkeyFile()
		if role == roleHot {
			f = w.HotkeyFile()
		}
		if f.Exists() {
			return fmt.Errorf("%w: %s (use --overwrite to replace it)", twallet.ErrKeyExists, f.Path)
		}
	}
	wo, err := writeOptions(o.IO, o.Wallet, o.enc, role, o.Overwrite)
	if err != nil {
		return err
	}
	if err := setKey(w, role, kp, wo); err != nil {
		return err
	}
	res := keyResult(role, w, kp.Public(), wo.Encrypt, "")
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, res)
	}
	printKey(o.IO.Out, res)
	return nil
}

// RegenPubOptions are the inputs of "wallet regen-coldkeypub" and
// "regen-hotkeypub".
type RegenPubOptions struct {
	IO        *cmdutil.IOStreams
	Wallet    *walletflags.Flags
	SS58      string
	PublicKey string
	Overwrite bool
	Output    string
}

func newCmdRegenPub(io *cmdutil.IOStreams, role keyRole) *cobra.Command {
	o := &RegenPubOptions{IO: io}
	name := "regen-" + role.String() + "pub"
	cmd := &cobra.Command{
		Use:     name + " (--ss58 ADDRESS | --public-key-hex 0x...)",
		Aliases: []string{"regen_" + role.String() + "pub"},
		Short:   fmt.Sprintf("Write only the public %s file (a watch-only key)", role),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(regenPubRun(o, role))
		},
	}
	o.Wallet = registerWalletFlags(cmd)
	fs := cmd.Flags()
	fs.StringVar(&o.SS58, "ss58", "", "the key's SS58 address")
	fs.StringVar(&o.SS58, "ss58-address", "", "same as --ss58")
	_ = fs.MarkHidden("ss58-address")
	fs.StringVar(&o.PublicKey, "public-key-hex", "", "the key's public key as 0x hex")
	fs.StringVar(&o.PublicKey, "public-key", "", "same as --public-key-hex")
	_ = fs.MarkHidden("public-key")
	fs.BoolVar(&o.Overwrite, "overwrite", false, "replace an existing public key file")
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func regenPubRun(o *RegenPubOptions, role keyRole) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	if (o.SS58 == "") == (o.PublicKey == "") {
		return cmdutil.FlagErrorf("give exactly one of --ss58 and --public-key-hex")
	}
	var pub keys.PublicKey
	if o.SS58 != "" {
		pub, err = keys.ParseSS58(o.SS58)
	} else {
		pub, err = keys.ParsePublicKey(o.PublicKey)
	}
	if err != nil {
		return inputError(err)
	}
	w, err := openWallet(o.Wallet)
	if err != nil {
		return err
	}
	f := w.ColdkeyPubFile()
	if role == roleHot {
		err = w.SetHotkeyPub(pub, o.Overwrite)
		f = w.HotkeyPubFile()
	} else {
		err = w.SetColdkeyPub(pub, o.Overwrite)
	}
	if err != nil {
		return err
	}
	res := KeyResult{Role: role.String() + "pub", SS58: pub.SS58(), PublicKey: pub.Hex(), Path: f.Path}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(o.IO.Out, res)
	}
	fmt.Fprintf(o.IO.Out, "%s %s written to %s\n", res.Role, res.SS58, res.Path)
	return nil
}
