package wallet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/taonet/taonet/keys"
)

// Defaults of the reference (btwallet constants.rs).
const (
	DefaultName   = "default"
	DefaultHotkey = "default"
	DefaultPath   = "~/.bittensor/wallets/"
)

// Environment variables that override the defaults, as in bittensor.
const (
	EnvName   = "BT_WALLET_NAME"
	EnvHotkey = "BT_WALLET_HOTKEY"
	EnvPath   = "BT_WALLET_PATH"
)

// Wallet is a named coldkey with its hotkeys under a wallets root folder.
// The zero KDF means DefaultKDF.
type Wallet struct {
	// Name is the wallet (coldkey) folder name.
	Name string
	// Hotkey is the selected hotkey's file name.
	Hotkey string
	// Path is the wallets root, with "~" already expanded.
	Path string
	// KDF are the argon2i parameters for $NACL files; zero means DefaultKDF.
	KDF KDF
}

// New returns the wallet name/hotkey under path, applying the defaults (and
// the BT_WALLET_* environment variables) to empty arguments and expanding a
// leading "~". Names are validated: a name is one path element.
func New(name, hotkey, path string) (*Wallet, error) {
	name = firstNonEmpty(name, os.Getenv(EnvName), DefaultName)
	hotkey = firstNonEmpty(hotkey, os.Getenv(EnvHotkey), DefaultHotkey)
	path = firstNonEmpty(path, os.Getenv(EnvPath), DefaultPath)
	if err := ValidateName(name); err != nil {
		return nil, fmt.Errorf("wallet name: %w", err)
	}
	if err := ValidateName(hotkey); err != nil {
		return nil, fmt.Errorf("hotkey name: %w", err)
	}
	p, err := ExpandPath(path)
	if err != nil {
		return nil, err
	}
	return &Wallet{Name: name, Hotkey: hotkey, Path: p}, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ValidateName checks that a wallet or hotkey name is a single, ordinary
// path element.
func ValidateName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`+"\x00") {
		return fmt.Errorf("%w: %q", ErrInvalidName, name)
	}
	return nil
}

// ExpandPath replaces a leading "~" with the user's home directory and
// cleans the path.
func ExpandPath(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("wallet: expand %q: %w", p, err)
		}
		p = filepath.Join(home, p[1:])
	}
	return filepath.Clean(p), nil
}

// Dir is the wallet's folder, <path>/<name>.
func (w *Wallet) Dir() string { return filepath.Join(w.Path, w.Name) }

func (w *Wallet) file(parts ...string) Keyfile {
	return Keyfile{Path: filepath.Join(append([]string{w.Dir()}, parts...)...), KDF: w.KDF}
}

// ColdkeyFile is <path>/<name>/coldkey.
func (w *Wallet) ColdkeyFile() Keyfile { return w.file("coldkey") }

// ColdkeyPubFile is <path>/<name>/coldkeypub.txt.
func (w *Wallet) ColdkeyPubFile() Keyfile { return w.file("coldkeypub.txt") }

// HotkeyFile is <path>/<name>/hotkeys/<hotkey>.
func (w *Wallet) HotkeyFile() Keyfile { return w.file("hotkeys", w.Hotkey) }

// HotkeyPubFile is <path>/<name>/hotkeys/<hotkey>pub.txt.
func (w *Wallet) HotkeyPubFile() Keyfile { return w.file("hotkeys", w.Hotkey+"pub.txt") }

// LoadColdkey loads the secret coldkey, asking password if it is encrypted.
func (w *Wallet) LoadColdkey(password PasswordFunc) (*keys.Keypair, error) {
	return w.ColdkeyFile().Keypair(password)
}

// LoadHotkey loads the secret hotkey, asking password if it is encrypted.
func (w *Wallet) LoadHotkey(password PasswordFunc) (*keys.Keypair, error) {
	return w.HotkeyFile().Keypair(password)
}

// ColdkeyPub returns the coldkey's public key from coldkeypub.txt, or from
// an unencrypted coldkey file when there is no coldkeypub.txt.
func (w *Wallet) ColdkeyPub() (keys.PublicKey, error) {
	return publicOf(w.ColdkeyPubFile(), w.ColdkeyFile())
}

// HotkeyPub returns the hotkey's public key from <hotkey>pub.txt, or from the
// hotkey file itself when it is not encrypted.
func (w *Wallet) HotkeyPub() (keys.PublicKey, error) {
	return publicOf(w.HotkeyPubFile(), w.HotkeyFile())
}

func publicOf(pubFile, keyFile Keyfile) (keys.PublicKey, error) {
	k, err := pubFile.Load(nil)
	if err == nil {
		return k.Public, nil
	}
	if !errors.Is(err, ErrKeyNotFound) {
		return keys.PublicKey{}, err
	}
	k, err2 := keyFile.Load(nil)
	if err2 != nil {
		if errors.Is(err2, ErrKeyNotFound) {
			return keys.PublicKey{}, err
		}
		return keys.PublicKey{}, err2
	}
	return k.Public, nil
}

// WriteOptions say how a secret key is stored.
type WriteOptions struct {
	// Encrypt stores the key $NACL-encrypted with Password.
	Encrypt bool
	// Password is the encryption password (used only with Encrypt).
	Password string
	// Overwrite replaces existing files; without it nothing is replaced.
	Overwrite bool
}

// SetColdkey writes the coldkey and coldkeypub.txt. Both targets are checked
// before anything is written, so a refused write changes nothing. An
// existing public file that already names the same key is not a conflict.
func (w *Wallet) SetColdkey(kp *keys.Keypair, o WriteOptions) error {
	return w.setPair(w.ColdkeyFile(), w.ColdkeyPubFile(), kp, o)
}

// SetHotkey writes hotkeys/<hotkey> and hotkeys/<hotkey>pub.txt, like
// SetColdkey.
func (w *Wallet) SetHotkey(kp *keys.Keypair, o WriteOptions) error {
	return w.setPair(w.HotkeyFile(), w.HotkeyPubFile(), kp, o)
}

func (w *Wallet) setPair(secret, public Keyfile, kp *keys.Keypair, o WriteOptions) error {
	if !o.Overwrite {
		if secret.Exists() {
			return fmt.Errorf("%w: %s (use --overwrite to replace it)", ErrKeyExists, secret.Path)
		}
		if err := checkPublicTarget(public, kp.Public()); err != nil {
			return err
		}
	}
	if err := secret.WriteKeypair(kp, o.Encrypt, o.Password, o.Overwrite); err != nil {
		return err
	}
	// The public file is rewritten when it is missing, when asked to, or
	// when it already holds this key (rewriting it is then harmless).
	return public.Write(EncodePublicKeyfile(kp.Public()), true)
}

// checkPublicTarget refuses to replace a public file that names another key.
func checkPublicTarget(f Keyfile, pub keys.PublicKey) error {
	if !f.Exists() {
		return nil
	}
	if k, err := f.Load(nil); err == nil && k.Public == pub {
		return nil
	}
	return fmt.Errorf("%w: %s (use --overwrite to replace it)", ErrKeyExists, f.Path)
}

// SetColdkeyPub writes only coldkeypub.txt (a watch-only wallet).
func (w *Wallet) SetColdkeyPub(pub keys.PublicKey, overwrite bool) error {
	return setPublic(w.ColdkeyPubFile(), pub, overwrite)
}

// SetHotkeyPub writes only hotkeys/<hotkey>pub.txt.
func (w *Wallet) SetHotkeyPub(pub keys.PublicKey, overwrite bool) error {
	return setPublic(w.HotkeyPubFile(), pub, overwrite)
}

func setPublic(f Keyfile, pub keys.PublicKey, overwrite bool) error {
	if !overwrite {
		if err := checkPublicTarget(f, pub); err != nil {
			return err
		}
	}
	return f.Write(EncodePublicKeyfile(pub), true)
}

// Info describes one wallet folder for listings.
type Info struct {
	// Name is the wallet's folder name.
	Name string
	// Coldkey is the coldkey's public key, nil when unknown.
	Coldkey *keys.PublicKey
	// ColdkeyErr says why Coldkey is unknown (missing or unreadable files).
	ColdkeyErr error
	// Hotkeys are the wallet's hotkeys, sorted by name.
	Hotkeys []HotkeyInfo
}

// HotkeyInfo describes one hotkey for listings.
type HotkeyInfo struct {
	// Name is the hotkey's file name.
	Name string
	// Public is the hotkey's public key, nil when unknown.
	Public *keys.PublicKey
	// Err says why Public is unknown.
	Err error
}

// List describes every wallet folder under the wallets root path (already
// expanded), sorted by name. Only public information is read: no password
// is ever needed. A missing root yields an empty list.
func List(path string) ([]Info, error) {
	entries, err := os.ReadDir(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("wallet: %w", err)
	}
	var out []Info
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !isDir(filepath.Join(path, e.Name()), e) {
			continue
		}
		w := &Wallet{Name: e.Name(), Path: path}
		info := Info{Name: e.Name()}
		if pub, err := w.ColdkeyPub(); err == nil {
			info.Coldkey = &pub
		} else {
			info.ColdkeyErr = err
		}
		names, err := hotkeyNames(filepath.Join(w.Dir(), "hotkeys"))
		if err != nil {
			return nil, err
		}
		for _, h := range names {
			hw := &Wallet{Name: w.Name, Hotkey: h, Path: path}
			hi := HotkeyInfo{Name: h}
			if pub, err := hw.HotkeyPub(); err == nil {
				hi.Public = &pub
			} else {
				hi.Err = err
			}
			info.Hotkeys = append(info.Hotkeys, hi)
		}
		out = append(out, info)
	}
	return out, nil
}

// isDir reports whether a directory entry is a folder, following symlinks.
func isDir(path string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// hotkeyNames lists the hotkey names in a hotkeys folder: every regular
// file, except "<name>pub.txt" companions of an existing "<name>" and
// temporary files.
func hotkeyNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("wallet: %w", err)
	}
	files := map[string]bool{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || isDir(filepath.Join(dir, e.Name()), e) {
			continue
		}
		files[e.Name()] = true
	}
	var names []string
	for f := range files {
		if base, ok := strings.CutSuffix(f, "pub.txt"); ok && base != "" {
			// "<h>pub.txt" is a hotkey of its own only when "<h>" is
			// absent (a watch-only hotkey).
			if !files[base] {
				names = append(names, base)
			}
			continue
		}
		names = append(names, f)
	}
	sort.Strings(names)
	return names, nil
}
