package gateway

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLedger(t *testing.T) {
	dir := t.TempDir()
	l, err := OpenLedger(dir)
	if err != nil {
		t.Fatal(err)
	}
	key, a, err := l.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	if !validKey(key) || a.ID != 1 || a.DepositAddress == "" {
		t.Fatalf("account %+v key %q", a, key)
	}
	key2, b, _ := l.NewAccount()
	if b.DepositAddress == a.DepositAddress || key2 == key {
		t.Fatal("two accounts share a deposit address or a key")
	}
	for _, tc := range []struct {
		key  string
		want error
	}{
		{"", ErrMalformedKey},
		{"tao_zz", ErrMalformedKey},
		{key[:len(key)-1] + "0", ErrUnknownKey},
	} {
		if tc.key == key {
			continue
		}
		if _, err := l.Lookup(tc.key); !errors.Is(err, tc.want) {
			t.Fatalf("Lookup(%q) = %v, want %v", tc.key, err, tc.want)
		}
	}
	d := Deposit{TxHash: "aa", From: "x", Amount: 500, Height: 3}
	if ok, err := l.Credit(d, a.DepositAddress); !ok || err != nil {
		t.Fatalf("credit: %v %v", ok, err)
	}
	if ok, _ := l.Credit(d, a.DepositAddress); ok {
		t.Fatal("the same tx hash was credited twice")
	}
	if ok, _ := l.Credit(Deposit{TxHash: "bb", Amount: 5}, "not-a-deposit-address"); ok {
		t.Fatal("a transfer elsewhere was credited")
	}
	if err := l.Charge(key, 300); err != nil {
		t.Fatal(err)
	}
	if err := l.Charge(key, 300); !errors.Is(err, ErrInsufficientCredit) {
		t.Fatalf("charge beyond credit: %v", err)
	}
	// A restart keeps everything, and the credited hash stays credited.
	l2, err := OpenLedger(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := l2.Lookup(key)
	if err != nil || got.CreditRao != 200 || got.Queries != 1 || len(got.Deposits) != 1 {
		t.Fatalf("after reopening: %+v %v", got, err)
	}
	if ok, _ := l2.Credit(d, a.DepositAddress); ok {
		t.Fatal("credited again after a restart")
	}
	k1, _ := l.DepositKey(1)
	k2, _ := l2.DepositKey(1)
	if k1.SS58() != a.DepositAddress || k2.SS58() != a.DepositAddress {
		t.Fatal("the deposit key does not derive the deposit address")
	}
	// The API keys themselves are never written down.
	raw, _ := os.ReadFile(filepath.Join(dir, "ledger.json"))
	if strings.Contains(string(raw), key[len(keyPrefix):]) || strings.Contains(string(raw), key2[len(keyPrefix):]) {
		t.Fatal("the ledger file holds an API key")
	}
}

func TestCorruptLedgerIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ledger.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenLedger(dir); err == nil || !strings.Contains(err.Error(), "corrupt ledger") {
		t.Fatalf("err %v", err)
	}
}
