package wallet

import (
	"fmt"

	"github.com/taonet/taonet/keys"
)

// Role selects which key of a wallet signs.
type Role int

const (
	// RoleColdkey signs with the wallet's coldkey (transfers, staking, ...).
	RoleColdkey Role = iota
	// RoleHotkey signs with the selected hotkey (serve_axon, set_weights, ...).
	RoleHotkey
)

// String returns "coldkey" or "hotkey".
func (r Role) String() string {
	if r == RoleHotkey {
		return "hotkey"
	}
	return "coldkey"
}

// SignerOptions say where a signing key comes from: a secret URI, or a
// wallet on disk.
type SignerOptions struct {
	// URI, when set, is the signing key (keys.FromURI) and the wallet
	// fields are ignored.
	URI string
	// Name, Hotkey and Path select the wallet; empty values take the
	// BT_WALLET_* environment variables, then the defaults.
	Name, Hotkey, Path string
	// Role picks the coldkey or the hotkey.
	Role Role
	// Password opens an encrypted keyfile; nil fails with
	// ErrPasswordRequired if one is needed.
	Password PasswordFunc
	// KDF are the $NACL parameters; zero means DefaultKDF.
	KDF KDF
}

// ResolveSigner returns the keypair that signs for a command: the URI's key
// if one is given, else the wallet's coldkey or hotkey (decrypted with
// o.Password if needed).
func ResolveSigner(o SignerOptions) (*keys.Keypair, error) {
	if o.URI != "" {
		return keys.FromURI(o.URI)
	}
	w, err := New(o.Name, o.Hotkey, o.Path)
	if err != nil {
		return nil, err
	}
	w.KDF = o.KDF
	var kp *keys.Keypair
	if o.Role == RoleHotkey {
		kp, err = w.LoadHotkey(o.Password)
	} else {
		kp, err = w.LoadColdkey(o.Password)
	}
	if err != nil {
		return nil, fmt.Errorf("wallet %q %s: %w", w.Name, o.Role, err)
	}
	return kp, nil
}
