package wallet_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	clwallet "github.com/taonet/taonet/internal/cli/wallet"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := "testdata/" + name + ".golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func TestListGolden(t *testing.T) {
	root := t.TempDir()
	for _, args := range [][]string{
		{"regen-coldkey", "-w", "main", "--mnemonic", oldLeopard, "--no-password"},
		{"regen-hotkey", "-w", "main", "-H", "miner", "--seed", "0x" + strings.Repeat("22", 32)},
		{"regen-hotkey", "-w", "main", "-H", "validator", "--seed", "0x" + strings.Repeat("33", 32)},
		{"regen-coldkeypub", "-w", "watch", "--ss58", aliceSS58},
	} {
		if r := run(t, "", append(args, "-p", root)...); r.code != 0 {
			t.Fatalf("%v: %v", args, r.err)
		}
	}
	restore := clwallet.SetTestHooks(fastKDF, func(string) clwallet.BalanceSource {
		return fakeBalances{oldLeopardSS58: 1_500_000_000, aliceSS58: 42}
	})
	defer restore()
	r := run(t, "", "list", "-p", root)
	if r.code != 0 {
		t.Fatal(r.err)
	}
	golden(t, "list", strings.ReplaceAll(r.stdout, root, "$ROOT"))
	r = run(t, "", "list", "-p", root, "-o", "json")
	if r.code != 0 {
		t.Fatal(r.err)
	}
	golden(t, "list_json", r.stdout)
}
