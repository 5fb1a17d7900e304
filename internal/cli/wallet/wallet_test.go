package wallet_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	clwallet "github.com/taonet/taonet/internal/cli/wallet"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

const (
	oldLeopard     = "old leopard transfer rib spatial phone calm indicate online fire caution review"
	oldLeopardSS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX"
	aliceSS58      = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
)

var fastKDF = wallet.KDF{Time: 1, MemoryKiB: 64, Threads: 1}

// fakeBalances answers from a map; unknown addresses are "not found".
type fakeBalances map[string]uint64

func (f fakeBalances) Balance(_ context.Context, ss58 string) (uint64, error) {
	if v, ok := f[ss58]; ok {
		return v, nil
	}
	return 0, &client.APIError{Status: 404, Code: "NotFound"}
}

type downNode struct{}

func (downNode) Balance(context.Context, string) (uint64, error) {
	return 0, errors.New("connection refused")
}

func TestMain(m *testing.M) {
	restore := clwallet.SetTestHooks(fastKDF, func(string) clwallet.BalanceSource { return downNode{} })
	// The tests choose their own password sources and wallets.
	for _, v := range []string{"TAONET_WALLET_PASSWORD", wallet.EnvName, wallet.EnvHotkey, wallet.EnvPath} {
		os.Unsetenv(v)
	}
	code := m.Run()
	restore()
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
	err            error
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &cmdutil.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	cmd := clwallet.NewCmd(io)
	cmd.SetArgs(args)
	cmd.SetOut(&errOut)
	cmd.SetErr(&errOut)
	cmd.SilenceUsage = true
	cmd.SilenceErrors = true
	err := cmd.Execute()
	return result{code: cmdutil.ExitCode(err), stdout: out.String(), stderr: errOut.String(), err: err}
}

func passwordFile(t *testing.T, pw string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(p, []byte(pw+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRegenColdkeySignVerify(t *testing.T) {
	root := t.TempDir()
	pw := passwordFile(t, "s3cret pass")
	r := run(t, "", "regen-coldkey", "--wallet.name", "W", "--wallet.path", root, "--mnemonic", oldLeopard, "--password-file", pw)
	if r.code != 0 {
		t.Fatalf("regen: exit %d %v", r.code, r.err)
	}
	if !strings.Contains(r.stdout, oldLeopardSS58) || strings.Contains(r.stdout+r.stderr, "s3cret") {
		t.Errorf("output %q %q", r.stdout, r.stderr)
	}
	cold := readFile(t, filepath.Join(root, "W", "coldkey"))
	if !bytes.HasPrefix(cold, []byte("$NACL")) {
		t.Fatalf("coldkey not encrypted: %q", cold[:10])
	}
	var pub map[string]string
	if err := json.Unmarshal(readFile(t, filepath.Join(root, "W", "coldkeypub.txt")), &pub); err != nil || pub["ss58Address"] != oldLeopardSS58 {
		t.Fatalf("coldkeypub %v %v", pub, err)
	}
	w := &wallet.Wallet{Name: "W", Path: root, KDF: fastKDF}
	kp, err := w.LoadColdkey(wallet.StaticPassword("s3cret pass"))
	if err != nil || kp.Mnemonic() != oldLeopard {
		t.Fatalf("load: %v", err)
	}

	r = run(t, "", "sign", "--wallet.name", "W", "--wallet.path", root, "--message-hex", "0x68656c6c6f", "--password-file", pw)
	if r.code != 0 {
		t.Fatalf("sign: exit %d %v", r.code, r.err)
	}
	sig := strings.TrimSpace(r.stdout)
	sigBytes, err := keys.DecodeHex(sig)
	if err != nil || !kp.Public().Verify([]byte("hello"), sigBytes) {
		t.Fatalf("signature %q does not verify", sig)
	}
	for _, addr := range []string{oldLeopardSS58, kp.Public().Hex()} {
		if r := run(t, "", "verify", "--message", "hello", "--signature", sig, "--address", addr); r.code != 0 || r.stdout != "valid\n" {
			t.Errorf("verify %s: %d %q", addr, r.code, r.stdout)
		}
	}
	if r := run(t, "", "verify", "--message", "hellO", "--signature", sig, "--address", oldLeopardSS58); r.code != 1 || r.stdout != "invalid\n" {
		t.Errorf("verify other message: %d %q", r.code, r.stdout)
	}

	// The password from the environment.
	t.Setenv("TAONET_WALLET_PASSWORD", "s3cret pass")
	if r := run(t, "", "sign", "-w", "W", "-p", root, "--message", "x"); r.code != 0 {
		t.Errorf("sign with env password: %d %v", r.code, r.err)
	}
	// A wrong password: exit 1, a named error, nothing on stdout.
	t.Setenv("TAONET_WALLET_PASSWORD", "wrong")
	r = run(t, "", "sign", "-w", "W", "-p", root, "--message", "x")
	if r.code != 1 || !errors.Is(r.err, wallet.ErrWrongPassword) || r.stdout != "" {
		t.Errorf("wrong password: %d %v %q", r.code, r.err, r.stdout)
	}
	os.Unsetenv("TAONET_WALLET_PASSWORD")
	// No password source and no terminal.
	r = run(t, "", "sign", "-w", "W", "-p", root, "--message", "x")
	if r.code != 1 || !errors.Is(r.err, wallet.ErrPasswordRequired) {
		t.Errorf("no password: %d %v", r.code, r.err)
	}
}

func TestRegenHotkeyAndOverwrite(t *testing.T) {
	root := t.TempDir()
	base := []string{"--wallet.name", "W", "--wallet.hotkey", "H", "--wallet.path", root}
	r := run(t, "", append([]string{"regen-hotkey", "--mnemonic", oldLeopard}, base...)...)
	if r.code != 0 {
		t.Fatalf("regen-hotkey: %d %v", r.code, r.err)
	}
	hot := readFile(t, filepath.Join(root, "W", "hotkeys", "H"))
	if wallet.IsEncrypted(hot) {
		t.Fatal("hotkey encrypted by default")
	}
	if _, err := os.Stat(filepath.Join(root, "W", "hotkeys", "Hpub.txt")); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", append([]string{"sign", "--use-hotkey", "--message", "m"}, base...)...)
	if r.code != 0 {
		t.Fatalf("sign --use-hotkey: %d %v", r.code, r.err)
	}
	// No overwrite without --overwrite, and the file is untouched.
	r = run(t, "", append([]string{"regen-hotkey", "--seed", "0x" + strings.Repeat("11", 32)}, base...)...)
	if r.code != 1 || !errors.Is(r.err, wallet.ErrKeyExists) {
		t.Fatalf("second regen: %d %v", r.code, r.err)
	}
	if !bytes.Equal(hot, readFile(t, filepath.Join(root, "W", "hotkeys", "H"))) {
		t.Fatal("hotkey changed")
	}
	r = run(t, "", append([]string{"regen-hotkey", "--seed", "0x" + strings.Repeat("11", 32), "--overwrite", "-o", "json"}, base...)...)
	if r.code != 0 {
		t.Fatalf("overwrite: %d %v", r.code, r.err)
	}
	var res clwallet.KeyResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.Role != "hotkey" || res.Encrypted {
		t.Fatalf("json %q %v", r.stdout, err)
	}
	want, _ := keys.FromSeed(bytes.Repeat([]byte{0x11}, 32))
	if res.SS58 != want.SS58() {
		t.Errorf("overwritten hotkey %s", res.SS58)
	}
	// An encrypted hotkey on request, mnemonic from stdin.
	pw := passwordFile(t, "hotpass")
	r = run(t, oldLeopard+"\n", "regen-hotkey", "-w", "W", "-H", "H2", "-p", root, "--mnemonic", "-", "--use-password", "--password-file", pw)
	if r.code != 0 || !wallet.IsEncrypted(readFile(t, filepath.Join(root, "W", "hotkeys", "H2"))) {
		t.Fatalf("encrypted hotkey: %d %v", r.code, r.err)
	}
}

func TestNoPasswordAndBadInput(t *testing.T) {
	root := t.TempDir()
	r := run(t, "", "regen-coldkey", "-w", "W", "-p", root, "--mnemonic", oldLeopard, "--no-password")
	if r.code != 0 || wallet.IsEncrypted(readFile(t, filepath.Join(root, "W", "coldkey"))) {
		t.Fatalf("--no-password: %d %v", r.code, r.err)
	}
	// Without a password source the coldkey cannot be encrypted: nothing written.
	r = run(t, "", "regen-coldkey", "-w", "V", "-p", root, "--mnemonic", oldLeopard)
	if r.code != 1 || !errors.Is(r.err, wallet.ErrPasswordRequired) {
		t.Errorf("no password source: %d %v", r.code, r.err)
	}
	if _, err := os.Stat(filepath.Join(root, "V", "coldkey")); err == nil {
		t.Error("coldkey written without a password")
	}
	words := strings.Fields(oldLeopard)
	tests := []struct {
		name string
		args []string
		want error
	}{
		{"bad word", []string{"regen-coldkey", "--mnemonic", strings.Replace(oldLeopard, "leopard", "leopardo", 1)}, keys.ErrInvalidMnemonicWord},
		{"bad checksum", []string{"regen-coldkey", "--mnemonic", strings.Replace(oldLeopard, "review", "abandon", 1)}, keys.ErrInvalidMnemonicChecksum},
		{"wrong length", []string{"regen-coldkey", "--mnemonic", strings.Join(words[:11], " ")}, keys.ErrInvalidMnemonicLength},
		{"bad seed hex", []string{"regen-coldkey", "--seed", "0xzz"}, keys.ErrInvalidHex},
		{"bad seed length", []string{"regen-coldkey", "--seed", "0x1234"}, keys.ErrInvalidSeed},
		{"bad ss58 checksum", []string{"regen-coldkeypub", "--ss58", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"}, keys.ErrInvalidSS58Checksum},
		{"bad ss58 length", []string{"regen-coldkeypub", "--ss58", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ"}, keys.ErrInvalidSS58Length},
		{"bad public key", []string{"regen-hotkeypub", "--public-key-hex", "0x1234"}, keys.ErrInvalidPublicKey},
		{"bad wallet name", []string{"regen-coldkey", "--mnemonic", oldLeopard, "--wallet.name", "../x"}, wallet.ErrInvalidName},
	}
	for _, tt := range tests {
		args := append(tt.args, "-p", root, "--no-password")
		if !strings.Contains(strings.Join(tt.args, " "), "wallet.name") {
			args = append(args, "-w", "X")
		}
		if strings.HasPrefix(tt.args[0], "regen-") && strings.HasSuffix(tt.args[0], "pub") {
			args = append(tt.args, "-p", root, "-w", "X")
		}
		r := run(t, "", args...)
		if r.code != 2 || !errors.Is(r.err, tt.want) {
			t.Errorf("%s: exit %d err %v, want 2 and %v", tt.name, r.code, r.err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "X")); err == nil {
		t.Error("bad input created a wallet folder")
	}
	if r := run(t, "", "regen-coldkey", "-w", "X", "-p", root, "--no-password"); r.code != 2 {
		t.Errorf("no source: exit %d", r.code)
	}
	if r := run(t, "", "regen-coldkey", "-w", "X", "-p", root, "--no-password", "--mnemonic", oldLeopard, "--seed", "0x00"); r.code != 2 {
		t.Errorf("two sources: exit %d", r.code)
	}
}

func TestBrokenKeyfiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "W")
	os.MkdirAll(dir, 0o700)
	enc, _ := wallet.EncryptNaCl([]byte(`{"secretPhrase":"`+oldLeopard+`"}`), "pw", fastKDF)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated json", []byte(`{"secretPhrase":"old leop`), wallet.ErrCorruptKeyfile},
		{"unknown format", []byte("this is not a keyfile"), wallet.ErrUnknownFormat},
		{"truncated nacl", enc[:20], wallet.ErrCorruptKeyfile},
		{"damaged nacl", append(bytes.Clone(enc[:len(enc)-1]), enc[len(enc)-1]^1), wallet.ErrWrongPassword},
		{"public only", wallet.EncodePublicKeyfile(keys.PublicKey{1}), wallet.ErrPublicOnly},
	}
	for _, c := range cases {
		if err := os.WriteFile(filepath.Join(dir, "coldkey"), c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		r := run(t, "", "sign", "-w", "W", "-p", root, "--message", "x", "--password-file", passwordFile(t, "pw"))
		if r.code != 1 || !errors.Is(r.err, c.want) || r.stdout != "" {
			t.Errorf("%s: exit %d err %v, want 1 and %v", c.name, r.code, r.err, c.want)
		}
	}
	if r := run(t, "", "sign", "-w", "missing", "-p", root, "--message", "x"); r.code != 1 || !errors.Is(r.err, wallet.ErrKeyNotFound) {
		t.Errorf("missing wallet: %d %v", r.code, r.err)
	}
}

func TestCreateAndNewKeys(t *testing.T) {
	root := t.TempDir()
	pw := passwordFile(t, "createpass")
	r := run(t, "", "create", "--wallet.name", "C", "--wallet.hotkey", "h", "--wallet.path", root, "--password-file", pw, "--n-words", "15")
	if r.code != 0 {
		t.Fatalf("create: %d %v", r.code, r.err)
	}
	if strings.Count(r.stdout, "The mnemonic to the new") != 2 || !strings.Contains(r.stderr, "IMPORTANT") {
		t.Errorf("mnemonic not shown once per key with a warning: %q / %q", r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "createpass") {
		t.Error("password printed")
	}
	var coldMnemonic string
	for _, line := range strings.Split(r.stdout, "\n") {
		if m, ok := strings.CutPrefix(line, "The mnemonic to the new coldkey is: "); ok {
			coldMnemonic = m
		}
	}
	if len(strings.Fields(coldMnemonic)) != 15 {
		t.Fatalf("coldkey mnemonic %q", coldMnemonic)
	}
	w := &wallet.Wallet{Name: "C", Hotkey: "h", Path: root, KDF: fastKDF}
	kp, err := w.LoadColdkey(wallet.StaticPassword("createpass"))
	if err != nil || kp.Mnemonic() != coldMnemonic {
		t.Fatalf("coldkey: %v", err)
	}
	if hk, err := w.LoadHotkey(nil); err != nil || hk.Mnemonic() == "" {
		t.Fatalf("hotkey: %v", err)
	}
	// create again refuses.
	if r := run(t, "", "create", "-w", "C", "-H", "h", "-p", root, "--password-file", pw); r.code != 1 || !errors.Is(r.err, wallet.ErrKeyExists) {
		t.Errorf("create again: %d %v", r.code, r.err)
	}
	// An existing hotkey public file blocks create before anything is written.
	if r := run(t, "", "regen-hotkeypub", "-w", "F", "-H", "h", "-p", root, "--ss58", aliceSS58); r.code != 0 {
		t.Fatal(r.err)
	}
	if r := run(t, "", "create", "-w", "F", "-H", "h", "-p", root, "--password-file", pw); r.code != 1 || !errors.Is(r.err, wallet.ErrKeyExists) {
		t.Errorf("create over a hotkey pub: %d %v", r.code, r.err)
	}
	if _, err := os.Stat(filepath.Join(root, "F", "coldkey")); err == nil {
		t.Error("create wrote the coldkey before refusing")
	}
	// new-hotkey in JSON; new_coldkey alias with --uri.
	r = run(t, "", "new-hotkey", "-w", "C", "-H", "h2", "-p", root, "-o", "json", "--n-words", "24")
	var res []clwallet.KeyResult
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &res) != nil || len(res) != 1 || len(strings.Fields(res[0].Mnemonic)) != 24 {
		t.Fatalf("new-hotkey: %d %v %q", r.code, r.err, r.stdout)
	}
	r = run(t, "", "new_coldkey", "-w", "D", "-p", root, "--uri", "//Alice", "--no-password")
	if r.code != 0 || !strings.Contains(r.stdout, aliceSS58) || strings.Contains(r.stdout, "mnemonic") {
		t.Fatalf("new_coldkey --uri: %d %v %q", r.code, r.err, r.stdout)
	}
	if r := run(t, "", "new-coldkey", "-w", "E", "-p", root, "--n-words", "13", "--no-password"); r.code != 2 {
		t.Errorf("--n-words 13: exit %d", r.code)
	}
}

func TestRegenPubAndList(t *testing.T) {
	root := t.TempDir()
	if r := run(t, "", "regen-coldkeypub", "-w", "watch", "-p", root, "--ss58", aliceSS58); r.code != 0 {
		t.Fatalf("regen-coldkeypub: %d %v", r.code, r.err)
	}
	if r := run(t, "", "regen-coldkey", "-w", "main", "-p", root, "--mnemonic", oldLeopard, "--no-password"); r.code != 0 {
		t.Fatal(r.err)
	}
	if r := run(t, "", "regen-hotkey", "-w", "main", "-H", "miner", "-p", root, "--uri", "x"); r.code != 2 {
		t.Errorf("unknown flag: exit %d", r.code)
	}
	if r := run(t, "", "regen-hotkey", "-w", "main", "-H", "miner", "-p", root, "--seed", "0x"+strings.Repeat("22", 32)); r.code != 0 {
		t.Fatal(r.err)
	}
	// Unreachable node: addresses, balances "-" and a note.
	r := run(t, "", "list", "-p", root)
	if r.code != 0 {
		t.Fatalf("list: %d %v", r.code, r.err)
	}
	miner, _ := keys.FromSeed(bytes.Repeat([]byte{0x22}, 32))
	for _, want := range []string{"coldkey main\\s+" + oldLeopardSS58 + "\\s+-", "hotkey miner\\s+" + miner.SS58() + "\\s+-", "coldkey watch\\s+" + aliceSS58 + "\\s+-"} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("list lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "balances not shown") {
		t.Errorf("no note about the node: %q", r.stderr)
	}
	// A reachable node: balances.
	restore := clwallet.SetTestHooks(fastKDF, func(string) clwallet.BalanceSource {
		return fakeBalances{oldLeopardSS58: 1_500_000_000}
	})
	defer restore()
	r = run(t, "", "overview", "-w", "main", "-p", root, "-o", "json")
	var entries []clwallet.WalletEntry
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &entries) != nil {
		t.Fatalf("overview: %d %v %q", r.code, r.err, r.stdout)
	}
	if len(entries) != 1 || entries[0].Balance == nil || *entries[0].Balance != 1_500_000_000 ||
		len(entries[0].Hotkeys) != 1 || entries[0].Hotkeys[0].Balance == nil || *entries[0].Hotkeys[0].Balance != 0 {
		t.Errorf("overview entries %s", r.stdout)
	}
	r = run(t, "", "list", "-p", root)
	if !strings.Contains(r.stdout, "1.500000000 τ") && !strings.Contains(r.stdout, "1.5 τ") {
		t.Errorf("list without balance:\n%s", r.stdout)
	}
	if r := run(t, "", "list", "-p", root, "--offline"); strings.Contains(r.stdout, "τ") {
		t.Errorf("--offline queried balances:\n%s", r.stdout)
	}
	r = run(t, "", "balance", "--all", "-p", root, "-o", "json")
	var bal []clwallet.BalanceEntry
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &bal) != nil || len(bal) != 2 || bal[0].Balance != 1_500_000_000 {
		t.Errorf("balance --all: %d %v %q", r.code, r.err, r.stdout)
	}
	if r := run(t, "", "overview", "-w", "nope", "-p", root); r.code != 1 {
		t.Errorf("overview of a missing wallet: exit %d", r.code)
	}
	if r := run(t, "", "balance", "--ss58", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"); r.code != 2 {
		t.Errorf("balance bad ss58: exit %d", r.code)
	}
}

func TestImportPolkadotJSON(t *testing.T) {
	root := t.TempDir()
	data, err := os.ReadFile("../../../wallet/testdata/polkadotjs_export.json")
	if err != nil {
		t.Skip("fixture missing:", err)
	}
	f := filepath.Join(t.TempDir(), "export.json")
	os.WriteFile(f, data, 0o600)
	r := run(t, "", "regen-coldkey", "-w", "P", "-p", root, "--json", f, "--json-password", "Password123", "--no-password")
	if r.code != 0 || !strings.Contains(r.stdout, "5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f") {
		t.Fatalf("import: %d %v %q", r.code, r.err, r.stdout)
	}
	r = run(t, "", "regen-coldkey", "-w", "Q", "-p", root, "--json", f, "--json-password", "nope", "--no-password")
	if r.code != 1 || !errors.Is(r.err, wallet.ErrWrongPassword) {
		t.Errorf("wrong json password: %d %v", r.code, r.err)
	}
}

func TestVerifyBadInput(t *testing.T) {
	sig := "0x" + strings.Repeat("00", 64)
	for _, args := range [][]string{
		{"--message", "m", "--signature", sig},
		{"--message", "m", "--address", aliceSS58},
		{"--message", "m", "--message-hex", "0x00", "--signature", sig, "--address", aliceSS58},
		{"--message", "m", "--signature", "0xzz", "--address", aliceSS58},
		{"--message", "m", "--signature", "0x00", "--address", aliceSS58},
		{"--message", "m", "--signature", sig, "--address", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"},
		{"--message-hex", "00", "--signature", sig, "--address", aliceSS58},
	} {
		if r := run(t, "", append([]string{"verify"}, args...)...); r.code != 2 {
			t.Errorf("%v: exit %d", args, r.code)
		}
	}
	if r := run(t, "", "verify", "--message", "m", "--signature", sig, "--address", aliceSS58); r.code != 1 {
		t.Errorf("zero signature: exit %d", r.code)
	}
}

func TestTransferNeedsNode(t *testing.T) {
	root := t.TempDir()
	if r := run(t, "", "regen-coldkey", "-w", "T", "-p", root, "--mnemonic", oldLeopard, "--no-password"); r.code != 0 {
		t.Fatal(r.err)
	}
	if r := run(t, "", "transfer", "-w", "T", "-p", root, "--dest", aliceSS58); r.code != 2 {
		t.Errorf("no amount: exit %d", r.code)
	}
	if r := run(t, "", "transfer", "-w", "T", "-p", root, "--dest", "5Grw", "--amount", "1"); r.code != 2 {
		t.Errorf("bad dest: exit %d", r.code)
	}
	r := run(t, "", "transfer", "-w", "T", "-p", root, "--dest", aliceSS58, "--amount", "1", "--node", "http://127.0.0.1:1")
	if r.code != 1 || r.stdout != "" {
		t.Errorf("unreachable node: exit %d %v", r.code, r.err)
	}
}

var _ = fmt.Sprint
