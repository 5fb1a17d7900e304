// Package walletflags gives every taonet command the same way to pick a
// signing key: --uri, or a wallet on disk selected with bittensor's
// --wallet.name / --wallet.hotkey / --wallet.path flags (and btcli's
// spellings), with passwords from --password-file, TAONET_WALLET_PASSWORD,
// the reference's BT_PW_* variable or a no-echo terminal prompt.
//
// A transaction command registers the flags and resolves its signer:
//
//	wf := walletflags.Register(cmd, walletflags.WithURI)
//	...
//	kp, err := wf.Signer(io, wallet.RoleColdkey)
package walletflags

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

// EnvPassword is the environment variable a script may use to give the
// wallet password.
const EnvPassword = "TAONET_WALLET_PASSWORD"

// Option changes what Register adds.
type Option int

const (
	// WithURI also registers --uri, which overrides the wallet flags.
	WithURI Option = iota + 1
	// WithShortNames also registers btcli's bare --name and --hotkey
	// spellings (hidden). Commands where --hotkey could mean an address
	// should not ask for them.
	WithShortNames
)

// Flags holds the values of the wallet flags of one command.
type Flags struct {
	// URI is --uri (empty when not given or not registered).
	URI string
	// Name, Hotkey and Path are --wallet.name, --wallet.hotkey and
	// --wallet.path; empty means $BT_WALLET_* or the default.
	Name, Hotkey, Path string
	// PasswordFile is --password-file.
	PasswordFile string
	// KDF overrides the $NACL argon2i parameters (tests only); zero means
	// the reference's.
	KDF wallet.KDF
}

// aliases are btcli's other spellings; each is hidden and bound to the same
// value. Shorthands: -w name, -H hotkey, -p path (btcli).
var aliases = map[string][]string{
	"wallet.name":   {"wallet-name", "wallet_name"},
	"wallet.hotkey": {"wallet-hotkey", "wallet_hotkey"},
	"wallet.path":   {"wallet-path", "wallet_path"},
}

// shortNames are the aliases added by WithShortNames.
var shortNames = map[string]string{"wallet.name": "name", "wallet.hotkey": "hotkey"}

// Register adds the wallet flags to cmd and returns their holder: the
// reference's --wallet.name, --wallet.hotkey and --wallet.path with the
// shorthands -w, -H and -p, hidden dash/underscore spellings, and
// --password-file. A name or shorthand that cmd already defines is skipped,
// so call Register after defining the command's own flags (pflag panics on
// a flag defined twice).
func Register(cmd *cobra.Command, opts ...Option) *Flags {
	f := &Flags{}
	fs := cmd.Flags()
	withShort := false
	for _, o := range opts {
		withShort = withShort || o == WithShortNames
	}
	add := func(dst *string, name, short, usage string) {
		if fs.Lookup(name) != nil {
			return
		}
		if short != "" && fs.ShorthandLookup(short) == nil {
			fs.StringVarP(dst, name, short, "", usage)
		} else {
			fs.StringVar(dst, name, "", usage)
		}
		names := aliases[name]
		if withShort && shortNames[name] != "" {
			names = append(names[:len(names):len(names)], shortNames[name])
		}
		for _, a := range names {
			if fs.Lookup(a) == nil {
				fs.StringVar(dst, a, "", usage)
				_ = fs.MarkHidden(a)
			}
		}
	}
	add(&f.Name, "wallet.name", "w", "wallet name (env "+wallet.EnvName+", default \""+wallet.DefaultName+"\")")
	add(&f.Hotkey, "wallet.hotkey", "H", "hotkey name (env "+wallet.EnvHotkey+", default \""+wallet.DefaultHotkey+"\")")
	add(&f.Path, "wallet.path", "p", "wallets folder (env "+wallet.EnvPath+", default \""+wallet.DefaultPath+"\")")
	if fs.Lookup("password-file") == nil {
		fs.StringVar(&f.PasswordFile, "password-file", "", "read the wallet password from the first line of this file (or set "+EnvPassword+")")
	}
	for _, o := range opts {
		if o == WithURI && fs.Lookup("uri") == nil {
			fs.StringVar(&f.URI, "uri", "", "sign with this secret URI (e.g. //Alice) instead of a wallet")
		}
	}
	return f
}

// Wallet returns the selected wallet. With no --wallet.name (nor
// $BT_WALLET_NAME) and no wallet "default", the only wallet in the folder is
// chosen, so `wallet create --wallet.name me` followed by a command without
// --wallet.name finds "me".
func (f *Flags) Wallet() (*wallet.Wallet, error) {
	w, err := wallet.New(f.Name, f.Hotkey, f.Path)
	if err != nil {
		return nil, &cmdutil.FlagError{Err: err}
	}
	w.KDF = f.KDF
	if f.Name == "" && os.Getenv(wallet.EnvName) == "" {
		if only, ok := onlyWallet(w); ok {
			w.Name = only
		}
	}
	return w, nil
}

// onlyWallet returns the name of the single wallet in w.Path when w's own
// folder does not exist.
func onlyWallet(w *wallet.Wallet) (string, bool) {
	if _, err := os.Stat(w.Dir()); !errors.Is(err, os.ErrNotExist) {
		return "", false
	}
	entries, err := os.ReadDir(w.Path)
	if err != nil {
		return "", false
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		for _, f := range []string{"coldkeypub.txt", "coldkey"} {
			if _, err := os.Stat(filepath.Join(w.Path, e.Name(), f)); err == nil {
				names = append(names, e.Name())
				break
			}
		}
	}
	if len(names) != 1 {
		return "", false
	}
	return names[0], true
}

// Signer resolves the signing keypair: --uri if given, else the wallet's
// coldkey or hotkey, asking for a password only if the keyfile is encrypted.
func (f *Flags) Signer(streams *cmdutil.IOStreams, role wallet.Role) (*keys.Keypair, error) {
	if f.URI != "" {
		kp, err := keys.FromURI(f.URI)
		if err != nil {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("--uri: %w", err)}
		}
		return kp, nil
	}
	w, err := f.Wallet()
	if err != nil {
		return nil, err
	}
	return wallet.ResolveSigner(wallet.SignerOptions{
		Name: w.Name, Hotkey: w.Hotkey, Path: w.Path,
		Role: role, Password: f.PasswordFunc(streams), KDF: f.KDF,
	})
}

// PasswordFunc returns the source of the password that opens an encrypted
// keyfile, in order: --password-file, $TAONET_WALLET_PASSWORD, the
// reference's BT_PW_<path> variable, a no-echo prompt when stdin is a
// terminal. Otherwise it fails with wallet.ErrPasswordRequired.
func (f *Flags) PasswordFunc(streams *cmdutil.IOStreams) wallet.PasswordFunc {
	return func(path string) (string, error) {
		pw, err := f.openPassword(streams, path)
		if err == nil {
			// argon2i with the reference's limits takes seconds: say why.
			fmt.Fprintln(streams.ErrOut, "Decrypting key...")
		}
		return pw, err
	}
}

func (f *Flags) openPassword(streams *cmdutil.IOStreams, path string) (string, error) {
	if pw, ok, err := f.scriptPassword(); ok || err != nil {
		return pw, err
	}
	if pw, ok, err := wallet.PasswordFromBTEnv(path); ok || err != nil {
		return pw, err
	}
	if !IsTerminal(streams.In) {
		return "", fmt.Errorf("%w: %s is encrypted; use --password-file or %s", wallet.ErrPasswordRequired, path, EnvPassword)
	}
	return PromptPassword(streams, fmt.Sprintf("Enter password to unlock %s: ", path))
}

// NewPassword returns the password to encrypt a new key: from --password-file
// or $TAONET_WALLET_PASSWORD, else prompted twice on a terminal.
func (f *Flags) NewPassword(streams *cmdutil.IOStreams, what string) (string, error) {
	if pw, ok, err := f.scriptPassword(); ok || err != nil {
		if err == nil && pw == "" {
			return "", errors.New("wallet: the password is empty; use --no-password for an unencrypted key")
		}
		return pw, err
	}
	if !IsTerminal(streams.In) {
		return "", fmt.Errorf("%w to encrypt the %s: use --password-file, %s or --no-password", wallet.ErrPasswordRequired, what, EnvPassword)
	}
	for {
		pw, err := PromptPassword(streams, fmt.Sprintf("Choose a password to encrypt the %s: ", what))
		if err != nil {
			return "", err
		}
		if len(pw) < 6 {
			fmt.Fprintln(streams.ErrOut, "The password must have at least 6 characters.")
			continue
		}
		again, err := PromptPassword(streams, "Retype your password: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			fmt.Fprintln(streams.ErrOut, "Passwords do not match.")
			continue
		}
		return pw, nil
	}
}

// scriptPassword reads --password-file or $TAONET_WALLET_PASSWORD.
func (f *Flags) scriptPassword() (string, bool, error) {
	if f.PasswordFile != "" {
		pw, err := ReadPasswordFile(f.PasswordFile)
		return pw, true, err
	}
	if pw, ok := os.LookupEnv(EnvPassword); ok {
		return pw, true, nil
	}
	return "", false, nil
}

// ReadPasswordFile returns the first line of a password file, without its
// line ending.
func ReadPasswordFile(path string) (string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", &cmdutil.FlagError{Err: fmt.Errorf("--password-file: %w", err)}
	}
	defer fh.Close()
	line, err := bufio.NewReader(io.LimitReader(fh, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("--password-file: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// ColdkeyPublic returns the selected wallet's coldkey address without a
// password (coldkeypub.txt, or an unencrypted coldkey). With --uri it is the
// URI's key.
func (f *Flags) ColdkeyPublic() (keys.PublicKey, error) {
	return f.public(wallet.RoleColdkey)
}

// HotkeyPublic returns the selected hotkey's address without a password
// (<hotkey>pub.txt, or an unencrypted hotkey). With --uri it is the URI's
// key.
func (f *Flags) HotkeyPublic() (keys.PublicKey, error) {
	return f.public(wallet.RoleHotkey)
}

func (f *Flags) public(role wallet.Role) (keys.PublicKey, error) {
	if f.URI != "" {
		kp, err := keys.FromURI(f.URI)
		if err != nil {
			return keys.PublicKey{}, &cmdutil.FlagError{Err: fmt.Errorf("--uri: %w", err)}
		}
		return kp.Public(), nil
	}
	w, err := f.Wallet()
	if err != nil {
		return keys.PublicKey{}, err
	}
	if role == wallet.RoleHotkey {
		return w.HotkeyPub()
	}
	return w.ColdkeyPub()
}
