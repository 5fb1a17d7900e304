// Package wallet holds the "taonet wallet" commands: create and restore
// keys in the bittensor wallet layout, list wallets, show balances,
// transfer, sign or verify messages, and swap hotkeys and coldkeys.
package wallet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	twallet "github.com/taonet/taonet/wallet"
)

// kdf are the $NACL parameters the commands use; zero means the reference's.
// Tests lower them (export_test.go).
var kdf twallet.KDF

// BalanceSource reports an account's free balance in rao; *client.Client
// satisfies it.
type BalanceSource interface {
	Balance(ctx context.Context, ss58 string) (uint64, error)
}

var _ BalanceSource = (*client.Client)(nil)

// newBalanceSource opens the node API at url; tests replace it.
var newBalanceSource = func(url string) BalanceSource { return client.New(url) }

// NewCmd returns the "wallet" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "wallet",
		Aliases: []string{"w", "wallets"},
		Short:   "Create, restore, list and use bittensor-compatible wallets",
		Long: `Wallets live in the bittensor layout (default ~/.bittensor/wallets):

  <path>/<name>/coldkey                  $NACL-encrypted unless --no-password
  <path>/<name>/coldkeypub.txt
  <path>/<name>/hotkeys/<hotkey>         unencrypted unless --use-password
  <path>/<name>/hotkeys/<hotkey>pub.txt

and are interchangeable with bittensor/btcli. Select one with --wallet.name,
--wallet.hotkey and --wallet.path (or BT_WALLET_NAME, BT_WALLET_HOTKEY,
BT_WALLET_PATH). Passwords come from a no-echo prompt, --password-file or
TAONET_WALLET_PASSWORD, and are never printed.`,
	}
	// Flag parsing mistakes are usage errors (exit status 2).
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
	cmd.AddCommand(
		newCmdCreate(io),
		newCmdSetIdentity(io),
		newCmdNewKey(io, roleCold),
		newCmdNewKey(io, roleHot),
		newCmdRegen(io, roleCold),
		newCmdRegen(io, roleHot),
		newCmdRegenPub(io, roleCold),
		newCmdRegenPub(io, roleHot),
		newCmdList(io),
		newCmdOverview(io),
		newCmdBalance(io),
		newCmdTransfer(io),
		newCmdSwapHotkey(io),
		newCmdSwapColdkey(io),
		newCmdSwapCheck(io),
		newCmdSign(io),
		newCmdVerify(io),
	)
	return cmd
}

type keyRole int

const (
	roleCold keyRole = iota
	roleHot
)

// String returns "coldkey" or "hotkey".
func (r keyRole) String() string {
	if r == roleHot {
		return "hotkey"
	}
	return "coldkey"
}

// encryptionFlags are --use-password / --no-password (btcli:
// --use-password/--no-use-password). The coldkey is encrypted by default,
// the hotkey is not.
type encryptionFlags struct {
	use, no bool
}

func addEncryptionFlags(cmd *cobra.Command, e *encryptionFlags, role keyRole) {
	def := "default for the hotkey: unencrypted"
	if role == roleCold {
		def = "default for the coldkey: encrypted"
	}
	fs := cmd.Flags()
	fs.BoolVar(&e.use, "use-password", false, "encrypt the key with a password ("+def+")")
	fs.BoolVar(&e.no, "no-password", false, "store the key unencrypted")
	fs.BoolVar(&e.no, "no-use-password", false, "same as --no-password")
	_ = fs.MarkHidden("no-use-password")
}

func (e encryptionFlags) encrypt(role keyRole) (bool, error) {
	switch {
	case e.use && e.no:
		return false, cmdutil.FlagErrorf("give only one of --use-password and --no-password")
	case e.use:
		return true, nil
	case e.no:
		return false, nil
	}
	return role == roleCold, nil
}

// writeOptions resolves encryption and, when encrypting, the new password.
func writeOptions(streams *cmdutil.IOStreams, wf *walletflags.Flags, e encryptionFlags, role keyRole, overwrite bool) (twallet.WriteOptions, error) {
	enc, err := e.encrypt(role)
	if err != nil {
		return twallet.WriteOptions{}, err
	}
	o := twallet.WriteOptions{Encrypt: enc, Overwrite: overwrite}
	if enc {
		if o.Password, err = wf.NewPassword(streams, role.String()); err != nil {
			return o, err
		}
		fmt.Fprintf(streams.ErrOut, "Encrypting the %s...\n", role)
	}
	return o, nil
}

func registerWalletFlags(cmd *cobra.Command) *walletflags.Flags {
	wf := walletflags.Register(cmd, walletflags.WithShortNames)
	wf.KDF = kdf
	return wf
}

func openWallet(wf *walletflags.Flags) (*twallet.Wallet, error) {
	wf.KDF = kdf
	return wf.Wallet()
}

// KeyResult describes a key written or shown by a command.
type KeyResult struct {
	Role      string `json:"role"`
	SS58      string `json:"ss58"`
	PublicKey string `json:"public_key"`
	Path      string `json:"path"`
	Encrypted bool   `json:"encrypted"`
	Mnemonic  string `json:"mnemonic,omitempty"`
}

func keyResult(role keyRole, w *twallet.Wallet, pub keys.PublicKey, encrypted bool, mnemonic string) KeyResult {
	path := w.ColdkeyFile().Path
	if role == roleHot {
		path = w.HotkeyFile().Path
	}
	return KeyResult{Role: role.String(), SS58: pub.SS58(), PublicKey: pub.Hex(), Path: path, Encrypted: encrypted, Mnemonic: mnemonic}
}

func setKey(w *twallet.Wallet, role keyRole, kp *keys.Keypair, o twallet.WriteOptions) error {
	if role == roleHot {
		return w.SetHotkey(kp, o)
	}
	return w.SetColdkey(kp, o)
}

// printMnemonic shows a new mnemonic once, with the reference's warning.
func printMnemonic(streams *cmdutil.IOStreams, role keyRole, mnemonic string) {
	fmt.Fprintln(streams.ErrOut, "\nIMPORTANT: Store this mnemonic in a secure (preferably offline) place, as anyone who has possession of this mnemonic can use it to regenerate the key and access your tokens.")
	fmt.Fprintf(streams.Out, "\nThe mnemonic to the new %s is: %s\n", role, mnemonic)
	fmt.Fprintf(streams.ErrOut, "\nYou can use the mnemonic to recreate the key with `taonet wallet regen-%s` in case it gets lost.\n\n", role)
}

func printKey(out io.Writer, r KeyResult) {
	state := "unencrypted"
	if r.Encrypted {
		state = "encrypted"
	}
	fmt.Fprintf(out, "%s %s written to %s (%s)\n", r.Role, r.SS58, r.Path, state)
}

// readArgOrStdin returns s, or the first line of stdin when s is "-".
func readArgOrStdin(s string, in io.Reader) (string, error) {
	if s != "-" {
		return s, nil
	}
	if in == nil {
		return "", errors.New("no standard input")
	}
	b, err := io.ReadAll(io.LimitReader(in, 64<<10))
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimRight(line, "\r"), nil
}

// inputError marks malformed user input (exit status 2).
func inputError(err error) error { return &cmdutil.FlagError{Err: err} }

// exitError maps wallet failures to exit status 1 with the error printed.
func exitError(err error) error {
	var fe *cmdutil.FlagError
	var ee *cmdutil.ExitError
	if err == nil || errors.As(err, &fe) || errors.As(err, &ee) {
		return err
	}
	for _, e := range []error{keys.ErrInvalidMnemonicWord, keys.ErrInvalidMnemonicChecksum, keys.ErrInvalidMnemonicLength,
		keys.ErrInvalidURI, keys.ErrInvalidSeed, keys.ErrInvalidHex, keys.ErrInvalidSS58Checksum, keys.ErrInvalidSS58Length,
		keys.ErrInvalidSS58Prefix, keys.ErrInvalidBase58, keys.ErrInvalidPublicKey, twallet.ErrInvalidName} {
		if errors.Is(err, e) && !errors.Is(err, twallet.ErrCorruptKeyfile) {
			return inputError(err)
		}
	}
	return &cmdutil.ExitError{Code: 1, Err: err}
}
