package wallet

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/taonet/taonet/keys"
)

// maxKeyfileSize bounds how much of a keyfile is read; real ones are < 1 KiB.
const maxKeyfileSize = 1 << 20

// PasswordFunc returns the password of the encrypted keyfile at path. It is
// called only when a password is needed.
type PasswordFunc func(path string) (string, error)

// StaticPassword returns a PasswordFunc that always answers password.
func StaticPassword(password string) PasswordFunc {
	return func(string) (string, error) { return password, nil }
}

// Keyfile is one key file on disk.
type Keyfile struct {
	// Path is the file's location, already expanded.
	Path string
	// KDF are the $NACL argon2i parameters; zero means DefaultKDF.
	KDF KDF
}

// Exists reports whether the file exists.
func (f Keyfile) Exists() bool {
	_, err := os.Lstat(f.Path)
	return err == nil
}

// Data returns the raw bytes of the file. A missing file wraps
// ErrKeyNotFound.
func (f Keyfile) Data() ([]byte, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s", ErrKeyNotFound, f.Path)
		}
		return nil, fmt.Errorf("wallet: %w", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxKeyfileSize+1))
	if err != nil {
		return nil, fmt.Errorf("wallet: read %s: %w", f.Path, err)
	}
	if len(data) > maxKeyfileSize {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrUnknownFormat, f.Path, maxKeyfileSize)
	}
	return data, nil
}

// IsEncrypted reports whether the file exists and is encrypted.
func (f Keyfile) IsEncrypted() (bool, error) {
	data, err := f.Data()
	if err != nil {
		return false, err
	}
	return IsEncrypted(data), nil
}

// Load reads, decrypts (asking password only if the file is encrypted) and
// decodes the keyfile. An encrypted file with a nil password wraps
// ErrPasswordRequired. Errors name the file.
func (f Keyfile) Load(password PasswordFunc) (*Key, error) {
	data, err := f.Data()
	if err != nil {
		return nil, err
	}
	if IsEncrypted(data) {
		if password == nil {
			return nil, fmt.Errorf("%w: %s is encrypted", ErrPasswordRequired, f.Path)
		}
		pw, err := password(f.Path)
		if err != nil {
			return nil, err
		}
		if data, err = Decrypt(data, pw, f.KDF); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	k, err := DecodeKeyfile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return k, nil
}

// Keypair loads the file's secret keypair; a public-only file wraps
// ErrPublicOnly.
func (f Keyfile) Keypair(password PasswordFunc) (*keys.Keypair, error) {
	k, err := f.Load(password)
	if err != nil {
		return nil, err
	}
	if k.Keypair == nil {
		return nil, fmt.Errorf("%w: %s", ErrPublicOnly, f.Path)
	}
	return k.Keypair, nil
}

// Write stores data atomically with mode 0600, creating missing parent
// directories with mode 0700. Unless overwrite is set, an existing file is
// left alone and ErrKeyExists is returned.
func (f Keyfile) Write(data []byte, overwrite bool) error {
	return writeFileAtomic(f.Path, data, overwrite)
}

// WriteKeypair serializes kp and writes it, $NACL-encrypted with password
// when encrypt is set.
func (f Keyfile) WriteKeypair(kp *keys.Keypair, encrypt bool, password string, overwrite bool) error {
	data := EncodeKeyfile(kp)
	if encrypt {
		var err error
		if data, err = EncryptNaCl(data, password, f.KDF); err != nil {
			return err
		}
	}
	return f.Write(data, overwrite)
}

func writeFileAtomic(path string, data []byte, overwrite bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("wallet: %w", err)
	}
	if !overwrite && fileExists(path) {
		return fmt.Errorf("%w: %s (use --overwrite to replace it)", ErrKeyExists, path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*") // mode 0600
	if err != nil {
		return fmt.Errorf("wallet: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // no-op after a successful rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("wallet: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("wallet: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("wallet: sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("wallet: %w", err)
	}
	if overwrite {
		err = os.Rename(tmpName, path)
	} else {
		// A hard link fails if path appeared meanwhile: no-clobber and atomic.
		err = os.Link(tmpName, path)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrKeyExists, path)
		}
		if err != nil && !fileExists(path) {
			// No hard links on this filesystem: fall back to rename.
			err = os.Rename(tmpName, path)
		}
	}
	if err != nil {
		return fmt.Errorf("wallet: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// BTPasswordEnvName is the environment variable in which the reference keeps
// a keyfile's password: "BT_PW_" + the path upper-cased with '/' and '.'
// replaced by '_'.
func BTPasswordEnvName(path string) string {
	r := strings.NewReplacer(string(filepath.Separator), "_", ".", "_")
	return "BT_PW_" + strings.ToUpper(r.Replace(path))
}

// PasswordFromBTEnv reads a password the reference saved in the environment
// (BTPasswordEnvName(path) holding base64 of the password XOR the variable
// name). ok is false when the variable is unset.
func PasswordFromBTEnv(path string) (password string, ok bool, err error) {
	name := BTPasswordEnvName(path)
	v, ok := os.LookupEnv(name)
	if !ok {
		return "", false, nil
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", true, fmt.Errorf("wallet: %s is not base64", name)
	}
	for i := range raw {
		raw[i] ^= name[i%len(name)]
	}
	return string(raw), true, nil
}
