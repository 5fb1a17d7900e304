package app_test

import (
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/tx"
)

// TestCheckTxSeesBlockStartHooks: a subnet allows one registration per
// block, and the counter resets at block start. After a block that used
// the one registration, CheckTx must judge the next registration against
// the next block's state (counter reset: admitted) — not the committed
// state (counter full: TooManyRegistrationsThisBlock) — while a second
// registration behind it in the same mempool is still refused.
func TestCheckTxSeesBlockStartHooks(t *testing.T) {
	ks := keyring(t)
	alice := ks[0]
	g := testchain.Genesis(t, "checktx", 1_000_000_000_000_000, uris...)
	g.Sudo = alice.SS58()
	c := testchain.New(t, g)
	hk := []string{"//Alice//h0", "//Alice//h1", "//Alice//h2", "//Alice//h3"}
	mustOK(t, "register_network", c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: testchain.Key(t, hk[0]).Public()})))
	p, _ := tx.AdminParamByName("sudo_set_max_registrations_per_block")
	q, _ := tx.AdminParamByName("sudo_set_target_registrations_per_interval")
	mustOK(t, "sudo", c.Block(c.Tx(alice, tx.AdminSet{Call: p.Index, Netuid: 1, Value: 1}),
		c.Tx(alice, tx.AdminSet{Call: q.Index, Netuid: 1, Value: 1000})))
	mustOK(t, "first registration", c.Block(c.Tx(alice, tx.BurnedRegister{Netuid: 1, Hotkey: testchain.Key(t, hk[1]).Public()})))

	second := c.Tx(alice, tx.BurnedRegister{Netuid: 1, Hotkey: testchain.Key(t, hk[2]).Public()})
	if r := c.CheckTx(second); r.Code != 0 {
		t.Fatalf("CheckTx of the next block's only registration: %s (%s); want admitted (the counter resets at block start)", r.Info, r.Log)
	}
	third := c.Tx(alice, tx.BurnedRegister{Netuid: 1, Hotkey: testchain.Key(t, hk[3]).Public()})
	if r := c.CheckTx(third); r.Info != "TooManyRegistrationsThisBlock" {
		t.Fatalf("CheckTx of a second registration for the same block: %q (%s); want TooManyRegistrationsThisBlock", r.Info, r.Log)
	}
	mustOK(t, "second registration", c.Block(second))
}

func mustOK(t *testing.T, what string, rs []chain.Result) {
	t.Helper()
	for i, r := range rs {
		if !r.OK() {
			t.Fatalf("%s: tx %d: %+v", what, i, r)
		}
	}
}
