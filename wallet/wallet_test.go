package wallet_test

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

func newWallet(t *testing.T, name, hotkey string) *wallet.Wallet {
	t.Helper()
	w, err := wallet.New(name, hotkey, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w.KDF = fastKDF
	return w
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestLayoutAndPermissions(t *testing.T) {
	w := newWallet(t, "alice", "hk1")
	cold := mustURI(t, oldLeopard)
	hot := mustURI(t, "//Alice")
	if err := w.SetColdkey(cold, wallet.WriteOptions{Encrypt: true, Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	if err := w.SetHotkey(hot, wallet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{ // path → encrypted
		filepath.Join(w.Path, "alice", "coldkey"):               true,
		filepath.Join(w.Path, "alice", "coldkeypub.txt"):        false,
		filepath.Join(w.Path, "alice", "hotkeys", "hk1"):        false,
		filepath.Join(w.Path, "alice", "hotkeys", "hk1pub.txt"): false,
	}
	for p, enc := range files {
		if m := mode(t, p); m != 0o600 {
			t.Errorf("%s mode %o", p, m)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if wallet.IsEncrypted(data) != enc {
			t.Errorf("%s encrypted=%v", p, !enc)
		}
	}
	for _, d := range []string{filepath.Join(w.Path, "alice"), filepath.Join(w.Path, "alice", "hotkeys")} {
		if m := mode(t, d); m != 0o700 {
			t.Errorf("%s mode %o", d, m)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(w.Path, "alice"))
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}

	got, err := w.LoadColdkey(wallet.StaticPassword("pw"))
	if err != nil || got.Public() != cold.Public() || got.Mnemonic() != oldLeopard {
		t.Fatalf("coldkey: %v", err)
	}
	if _, err := w.LoadColdkey(nil); !errors.Is(err, wallet.ErrPasswordRequired) {
		t.Errorf("no password: %v", err)
	}
	if _, err := w.LoadColdkey(wallet.StaticPassword("bad")); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("bad password: %v", err)
	}
	if hk, err := w.LoadHotkey(nil); err != nil || hk.Public() != hot.Public() {
		t.Errorf("hotkey: %v", err)
	}
	if p, err := w.ColdkeyPub(); err != nil || p != cold.Public() {
		t.Errorf("coldkeypub: %v", err)
	}
	if p, err := w.HotkeyPub(); err != nil || p != hot.Public() {
		t.Errorf("hotkeypub: %v", err)
	}
}

func TestNoOverwrite(t *testing.T) {
	w := newWallet(t, "w", "h")
	a, b := mustURI(t, "//Alice"), mustURI(t, "//Bob")
	if err := w.SetColdkey(a, wallet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(w.ColdkeyFile().Path)
	beforePub, _ := os.ReadFile(w.ColdkeyPubFile().Path)
	if err := w.SetColdkey(b, wallet.WriteOptions{}); !errors.Is(err, wallet.ErrKeyExists) {
		t.Fatalf("second write: %v", err)
	}
	after, _ := os.ReadFile(w.ColdkeyFile().Path)
	afterPub, _ := os.ReadFile(w.ColdkeyPubFile().Path)
	if string(before) != string(after) || string(beforePub) != string(afterPub) {
		t.Fatal("refused write changed files")
	}
	// A coldkeypub.txt of another key blocks a new coldkey too, and nothing
	// is written.
	os.Remove(w.ColdkeyFile().Path)
	if err := w.SetColdkey(b, wallet.WriteOptions{}); !errors.Is(err, wallet.ErrKeyExists) {
		t.Fatalf("pub conflict: %v", err)
	}
	if w.ColdkeyFile().Exists() {
		t.Fatal("coldkey written despite conflict")
	}
	// The same key's pub file is no conflict (regen after losing coldkey).
	if err := w.SetColdkey(a, wallet.WriteOptions{}); err != nil {
		t.Fatalf("regen same key: %v", err)
	}
	if err := w.SetColdkey(b, wallet.WriteOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if p, _ := w.ColdkeyPub(); p != b.Public() {
		t.Error("overwrite did not replace coldkeypub")
	}
	if err := w.SetColdkeyPub(a.Public(), false); !errors.Is(err, wallet.ErrKeyExists) {
		t.Errorf("SetColdkeyPub: %v", err)
	}
	if err := w.SetHotkeyPub(a.Public(), false); err != nil {
		t.Errorf("SetHotkeyPub: %v", err)
	}
}

func TestNewDefaultsAndNames(t *testing.T) {
	t.Setenv(wallet.EnvName, "")
	t.Setenv(wallet.EnvHotkey, "")
	t.Setenv(wallet.EnvPath, "")
	t.Setenv("HOME", "/home/tester")
	w, err := wallet.New("", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "default" || w.Hotkey != "default" || w.Path != "/home/tester/.bittensor/wallets" {
		t.Errorf("defaults: %+v", w)
	}
	if w.ColdkeyFile().Path != "/home/tester/.bittensor/wallets/default/coldkey" || w.HotkeyPubFile().Path != "/home/tester/.bittensor/wallets/default/hotkeys/defaultpub.txt" {
		t.Errorf("paths: %s %s", w.ColdkeyFile().Path, w.HotkeyPubFile().Path)
	}
	t.Setenv(wallet.EnvName, "envw")
	t.Setenv(wallet.EnvHotkey, "envh")
	t.Setenv(wallet.EnvPath, "/tmp/wallets")
	w, _ = wallet.New("", "", "")
	if w.Name != "envw" || w.Hotkey != "envh" || w.Path != "/tmp/wallets" {
		t.Errorf("env: %+v", w)
	}
	w, _ = wallet.New("flag", "", "~/x")
	if w.Name != "flag" || w.Path != "/home/tester/x" {
		t.Errorf("flag: %+v", w)
	}
	for _, bad := range []string{"..", ".", "a/b", `a\b`, "a\x00"} {
		if _, err := wallet.New(bad, "", "/tmp"); !errors.Is(err, wallet.ErrInvalidName) {
			t.Errorf("name %q: %v", bad, err)
		}
		if _, err := wallet.New("ok", bad, "/tmp"); !errors.Is(err, wallet.ErrInvalidName) {
			t.Errorf("hotkey %q: %v", bad, err)
		}
	}
}

func TestList(t *testing.T) {
	root := t.TempDir()
	mk := func(name, hotkey string) *wallet.Wallet {
		return &wallet.Wallet{Name: name, Hotkey: hotkey, Path: root, KDF: fastKDF}
	}
	a := mk("alice", "h1")
	if err := a.SetColdkey(mustURI(t, "//Alice"), wallet.WriteOptions{Encrypt: true, Password: "x"}); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"h2", "h1"} {
		if err := mk("alice", h).SetHotkey(mustURI(t, "//Alice//"+h), wallet.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// An encrypted hotkey without pub file, and a watch-only hotkey.
	if err := mk("alice", "h3").HotkeyFile().WriteKeypair(mustURI(t, "//h3"), true, "x", false); err != nil {
		t.Fatal(err)
	}
	if err := mk("alice", "watch").SetHotkeyPub(mustURI(t, "//w").Public(), false); err != nil {
		t.Fatal(err)
	}
	// A watch-only wallet, a broken one and a stray file.
	if err := mk("bob", "").SetColdkeyPub(mustURI(t, "//Bob").Public(), false); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "broken"), 0o700)
	os.WriteFile(filepath.Join(root, "broken", "coldkeypub.txt"), []byte("{"), 0o600)
	os.WriteFile(filepath.Join(root, "stray.txt"), []byte("x"), 0o600)
	// A wallet folder reached through a symlink is listed.
	other := t.TempDir()
	if err := (&wallet.Wallet{Name: "linked", Path: other, KDF: fastKDF}).SetColdkeyPub(mustURI(t, "//Eve").Public(), false); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "linked"), filepath.Join(root, "linked")); err != nil {
		t.Fatal(err)
	}

	infos, err := wallet.List(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, i := range infos {
		names = append(names, i.Name)
	}
	if strings.Join(names, ",") != "alice,bob,broken,linked" {
		t.Fatalf("wallets %v", names)
	}
	alice := infos[0]
	if alice.Coldkey == nil || alice.Coldkey.SS58() != aliceSS58 {
		t.Errorf("alice coldkey %v %v", alice.Coldkey, alice.ColdkeyErr)
	}
	var hk []string
	for _, h := range alice.Hotkeys {
		hk = append(hk, h.Name)
	}
	if strings.Join(hk, ",") != "h1,h2,h3,watch" {
		t.Fatalf("hotkeys %v", hk)
	}
	if alice.Hotkeys[0].Public == nil || *alice.Hotkeys[0].Public != mustURI(t, "//Alice//h1").Public() {
		t.Error("h1 public key")
	}
	if alice.Hotkeys[2].Public != nil || !errors.Is(alice.Hotkeys[2].Err, wallet.ErrPasswordRequired) {
		t.Errorf("h3: %v %v", alice.Hotkeys[2].Public, alice.Hotkeys[2].Err)
	}
	if alice.Hotkeys[3].Public == nil {
		t.Error("watch-only hotkey has no key")
	}
	if infos[1].Coldkey == nil || len(infos[1].Hotkeys) != 0 {
		t.Errorf("bob: %+v", infos[1])
	}
	if infos[2].Coldkey != nil || !errors.Is(infos[2].ColdkeyErr, wallet.ErrCorruptKeyfile) {
		t.Errorf("broken: %+v", infos[2])
	}
	if l, err := wallet.List(filepath.Join(root, "missing")); err != nil || l != nil {
		t.Errorf("missing root: %v %v", l, err)
	}
}

func TestKeyfileErrors(t *testing.T) {
	dir := t.TempDir()
	f := wallet.Keyfile{Path: filepath.Join(dir, "k"), KDF: fastKDF}
	if _, err := f.Load(nil); !errors.Is(err, wallet.ErrKeyNotFound) {
		t.Errorf("missing: %v", err)
	}
	if err := f.Write(wallet.EncodePublicKeyfile(mustURI(t, "//Alice").Public()), false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Keypair(nil); !errors.Is(err, wallet.ErrPublicOnly) {
		t.Errorf("public only: %v", err)
	}
	if err := f.Write([]byte("x"), false); !errors.Is(err, wallet.ErrKeyExists) {
		t.Errorf("no overwrite: %v", err)
	}
	big := make([]byte, 2<<20)
	os.WriteFile(f.Path, big, 0o600)
	if _, err := f.Load(nil); !errors.Is(err, wallet.ErrUnknownFormat) {
		t.Errorf("huge file: %v", err)
	}
}

func TestResolveSigner(t *testing.T) {
	root := t.TempDir()
	w := &wallet.Wallet{Name: "w", Hotkey: "h", Path: root, KDF: fastKDF}
	cold, hot := mustURI(t, "//Alice"), mustURI(t, "//Bob")
	if err := w.SetColdkey(cold, wallet.WriteOptions{Encrypt: true, Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	if err := w.SetHotkey(hot, wallet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	opts := wallet.SignerOptions{Name: "w", Hotkey: "h", Path: root, KDF: fastKDF, Password: wallet.StaticPassword("pw")}
	if kp, err := wallet.ResolveSigner(opts); err != nil || kp.Public() != cold.Public() {
		t.Errorf("coldkey: %v", err)
	}
	opts.Role = wallet.RoleHotkey
	opts.Password = nil
	if kp, err := wallet.ResolveSigner(opts); err != nil || kp.Public() != hot.Public() {
		t.Errorf("hotkey: %v", err)
	}
	opts.URI = "//Charlie"
	if kp, err := wallet.ResolveSigner(opts); err != nil || kp.SS58() != "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y" {
		t.Errorf("uri: %v", err)
	}
	opts = wallet.SignerOptions{Name: "w", Path: root, KDF: fastKDF, Password: wallet.StaticPassword("nope")}
	if _, err := wallet.ResolveSigner(opts); !errors.Is(err, wallet.ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
	opts.Name = "missing"
	if _, err := wallet.ResolveSigner(opts); !errors.Is(err, wallet.ErrKeyNotFound) {
		t.Errorf("missing wallet: %v", err)
	}
	if _, err := wallet.ResolveSigner(wallet.SignerOptions{URI: "bad!"}); !errors.Is(err, keys.ErrInvalidURI) {
		t.Errorf("bad uri: %v", err)
	}
}

func TestPasswordFromBTEnv(t *testing.T) {
	path := "/root/.bittensor/wallets/default/coldkey"
	name := wallet.BTPasswordEnvName(path)
	if name != "BT_PW__ROOT__BITTENSOR_WALLETS_DEFAULT_COLDKEY" {
		t.Fatalf("name %s", name)
	}
	if _, ok, _ := wallet.PasswordFromBTEnv(path); ok {
		t.Fatal("unset variable found")
	}
	pw := "hunter2"
	enc := make([]byte, len(pw))
	for i := range enc {
		enc[i] = pw[i] ^ name[i%len(name)]
	}
	t.Setenv(name, base64.StdEncoding.EncodeToString(enc))
	got, ok, err := wallet.PasswordFromBTEnv(path)
	if err != nil || !ok || got != pw {
		t.Errorf("got %q %v %v", got, ok, err)
	}
	t.Setenv(name, "!!")
	if _, _, err := wallet.PasswordFromBTEnv(path); err == nil {
		t.Error("bad base64 accepted")
	}
}
