package app_test

import (
	"testing"

	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/tx"
)

// TestCheckTxSeesNextBlockStart: the root network takes one registration
// per block; its counter resets when the next block starts. CheckTx after a
// block with a registration must judge a second one against the next
// block's state (counter reset), not the committed one (counter full).
func TestCheckTxSeesNextBlockStart(t *testing.T) {
	g := testchain.Genesis(t, "check-next", 1_000_000_000_000, "//Alice", "//Bob", "//Charlie")
	c := testchain.New(t, g)
	bob, charlie := testchain.Key(t, "//Bob"), testchain.Key(t, "//Charlie")
	if rs := c.Block(c.Tx(bob, tx.RootRegister{Hotkey: testchain.Key(t, "//Bob//hot").Public()})); !rs[0].OK() {
		t.Fatalf("first root registration: %+v", rs[0])
	}
	second := c.Tx(charlie, tx.RootRegister{Hotkey: testchain.Key(t, "//Charlie//hot").Public()})
	if r := c.CheckTx(second); r.Code != 0 {
		t.Fatalf("CheckTx judged against the committed block's counter: %s %s", r.Info, r.Log)
	}
	if rs := c.Block(second); !rs[0].OK() {
		t.Fatalf("second root registration in the next block: %+v", rs[0])
	}
	// Within one block the limit still holds in CheckTx.
	third := c.Tx(testchain.Key(t, "//Alice"), tx.RootRegister{Hotkey: testchain.Key(t, "//Alice//hot").Public()})
	fourth := c.Tx(bob, tx.RootRegister{Hotkey: testchain.Key(t, "//Bob//hot2").Public()})
	if r := c.CheckTx(third); r.Code != 0 {
		t.Fatalf("third: %s", r.Log)
	}
	if r := c.CheckTx(fourth); r.Info != "TooManyRegistrationsThisBlock" {
		t.Fatalf("fourth in the same block: %q, want TooManyRegistrationsThisBlock", r.Info)
	}
}
