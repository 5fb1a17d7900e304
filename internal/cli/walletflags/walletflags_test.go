package walletflags_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/wallet"
)

var fastKDF = wallet.KDF{Time: 1, MemoryKiB: 64, Threads: 1}

func parse(t *testing.T, args ...string) *walletflags.Flags {
	t.Helper()
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	cmd.Flags().String("name", "", "a command's own --name")
	f := walletflags.Register(cmd, walletflags.WithURI, walletflags.WithShortNames)
	cmd.SetArgs(args)
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return f
}

func TestSpellings(t *testing.T) {
	for _, args := range [][]string{
		{"--wallet.name", "n", "--wallet.hotkey", "h", "--wallet.path", "/p"},
		{"--wallet-name", "n", "--wallet-hotkey", "h", "--wallet-path", "/p"},
		{"--wallet_name", "n", "--hotkey", "h", "--wallet_path", "/p"},
		{"-w", "n", "-H", "h", "-p", "/p"},
	} {
		f := parse(t, args...)
		if f.Name != "n" || f.Hotkey != "h" || f.Path != "/p" {
			t.Errorf("%v: %+v", args, f)
		}
	}
	// The command's own --name is left alone.
	if f := parse(t, "--name", "subnet"); f.Name != "" {
		t.Errorf("--name taken over: %+v", f)
	}
	// Without WithShortNames, --hotkey stays free for the command.
	cmd := &cobra.Command{Use: "y"}
	walletflags.Register(cmd)
	if cmd.Flags().Lookup("hotkey") != nil || cmd.Flags().Lookup("name") != nil {
		t.Error("bare --hotkey/--name registered without WithShortNames")
	}
	cmd.Flags().String("hotkey", "", "an SS58 address") // no panic
}

func TestSigner(t *testing.T) {
	for _, v := range []string{walletflags.EnvPassword, wallet.EnvName, wallet.EnvHotkey, wallet.EnvPath} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	root := t.TempDir()
	w := &wallet.Wallet{Name: "w", Hotkey: "h", Path: root, KDF: fastKDF}
	cold, _ := walletflagsURI("//Alice")
	if err := w.SetColdkey(cold, wallet.WriteOptions{Encrypt: true, Password: "pw1"}); err != nil {
		t.Fatal(err)
	}
	streams := &cmdutil.IOStreams{In: strings.NewReader(""), Out: os.Stdout, ErrOut: os.Stderr}

	f := &walletflags.Flags{Name: "w", Path: root, KDF: fastKDF}
	if _, err := f.Signer(streams, wallet.RoleColdkey); !errors.Is(err, wallet.ErrPasswordRequired) {
		t.Errorf("no password: %v", err)
	}
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("pw1\r\nignored\n"), 0o600)
	f.PasswordFile = pwFile
	if kp, err := f.Signer(streams, wallet.RoleColdkey); err != nil || kp.Public() != cold.Public() {
		t.Errorf("password file: %v", err)
	}
	f.PasswordFile = ""
	t.Setenv(walletflags.EnvPassword, "pw1")
	if _, err := f.Signer(streams, wallet.RoleColdkey); err != nil {
		t.Errorf("env password: %v", err)
	}
	f.PasswordFile = filepath.Join(t.TempDir(), "missing")
	var fe *cmdutil.FlagError
	if _, err := f.Signer(streams, wallet.RoleColdkey); !errors.As(err, &fe) {
		t.Errorf("missing password file: %v", err)
	}
	if p, err := f.ColdkeyPublic(); err != nil || p != cold.Public() {
		t.Errorf("ColdkeyPublic: %v", err)
	}
	if _, err := f.HotkeyPublic(); !errors.Is(err, wallet.ErrKeyNotFound) {
		t.Errorf("HotkeyPublic of a wallet without hotkey: %v", err)
	}
	f = &walletflags.Flags{URI: "//Alice", Name: "does-not-exist"}
	if p, err := f.HotkeyPublic(); err != nil || p != cold.Public() {
		t.Errorf("HotkeyPublic with --uri: %v", err)
	}
	if kp, err := f.Signer(streams, wallet.RoleHotkey); err != nil || kp.Public() != cold.Public() {
		t.Errorf("uri: %v", err)
	}
	f.URI = "not a uri!"
	if _, err := f.Signer(streams, wallet.RoleHotkey); !errors.As(err, &fe) {
		t.Errorf("bad uri: %v", err)
	}
	// New passwords: an empty one is refused, no terminal means no prompt.
	os.Unsetenv(walletflags.EnvPassword)
	f = &walletflags.Flags{}
	if _, err := f.NewPassword(streams, "coldkey"); !errors.Is(err, wallet.ErrPasswordRequired) {
		t.Errorf("no source: %v", err)
	}
	t.Setenv(walletflags.EnvPassword, "")
	if _, err := f.NewPassword(streams, "coldkey"); err == nil {
		t.Error("empty password accepted")
	}
}

// TestOnlyWalletChosen checks the name resolution: without --wallet.name and
// no "default" wallet, the single wallet in the folder is used; with two, or
// with a "default", nothing is guessed.
func TestOnlyWalletChosen(t *testing.T) {
	t.Setenv(wallet.EnvName, "")
	dir := t.TempDir()
	mk := func(name string) {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "coldkeypub.txt"), []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	name := func() string {
		w, err := parse(t, "--wallet.path", dir).Wallet()
		if err != nil {
			t.Fatal(err)
		}
		return w.Name
	}
	mk("me")
	if got := name(); got != "me" {
		t.Errorf("one wallet: got %q, want me", got)
	}
	mk("other")
	if got := name(); got != wallet.DefaultName {
		t.Errorf("two wallets: got %q, want %q", got, wallet.DefaultName)
	}
	if w, _ := parse(t, "--wallet.path", dir, "--wallet.name", "x").Wallet(); w.Name != "x" {
		t.Errorf("explicit name overridden: %q", w.Name)
	}
}
