package node

import (
	"testing"

	dbm "github.com/cometbft/cometbft-db"
)

func TestClosableDBReadsNothingAfterClose(t *testing.T) {
	d := &closableDB{DB: dbm.NewMemDB()}
	if err := d.Set([]byte("k"), []byte("v")); err != nil {
		t.Fatal(err)
	}
	if v, err := d.Get([]byte("k")); err != nil || string(v) != "v" {
		t.Fatalf("get before close: %q, %v", v, err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if v, err := d.Get([]byte("k")); err != nil || v != nil {
		t.Fatalf("get after close: %q, %v; want nothing and no error", v, err)
	}
	if ok, err := d.Has([]byte("k")); err != nil || ok {
		t.Fatalf("has after close: %v, %v", ok, err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}
