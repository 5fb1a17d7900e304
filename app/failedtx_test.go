package app_test

import (
	"testing"

	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// TestFailedTxInBlockPaysFeeAndUsesNonce builds a block whose second tx
// passed CheckTx but fails in FinalizeBlock: //Bob sets a hyperparameter
// (a paid AdminUtils call) on his subnet, which the block's first tx, sudo
// //Alice dissolving that subnet, removes. The failed tx pays its fee,
// uses its nonce, records the named error and an ExtrinsicFailed event,
// changes nothing else, and its bytes replayed are refused as Stale.
func TestFailedTxInBlockPaysFeeAndUsesNonce(t *testing.T) {
	const tao = 1_000_000_000
	g := testchain.Genesis(t, "failed-tx", 10_000*tao, "//Alice", "//Bob")
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	g.Sudo = alice.SS58()
	c := testchain.New(t, g)
	if rs := c.Block(c.Tx(bob, tx.RegisterNetwork{Hotkey: testchain.Key(t, "//Bob//hot").Public()})); !rs[0].OK() {
		t.Fatalf("register_network: %+v", rs[0])
	}
	immunity, _ := tx.AdminParamByName("sudo_set_immunity_period")
	set := c.Tx(bob, tx.AdminSet{Call: immunity.Index, Netuid: 1, Value: 100})
	if !tx.PaysFee(tx.AdminSet{Call: immunity.Index}) {
		t.Fatal("the test needs a paid call")
	}
	if r := c.CheckTx(set); r.Code != 0 {
		t.Fatalf("CheckTx refused the setter before the block: %s %s", r.Info, r.Log)
	}
	var balBefore, nonceBefore, issuanceBefore uint64
	c.Read(func(r store.Reader) {
		balBefore, nonceBefore, issuanceBefore = bank.Balance(r, bob.Public()), auth.Nonce(r, bob.Public()), bank.TotalIssuance(r)
	})
	dissolve := c.Tx(alice, tx.DissolveNetwork{Coldkey: bob.Public(), Netuid: 1})
	rs := c.Block(dissolve, set)
	if !rs[0].OK() {
		t.Fatalf("dissolve: %+v", rs[0])
	}
	res := rs[1]
	if res.OK() || res.Error != "SubnetDoesNotExist" || res.Fee != auth.DefaultBaseFee {
		t.Fatalf("failed tx result %+v: want SubnetDoesNotExist with the base fee charged", res)
	}
	var failedEvent bool
	for _, e := range res.Events {
		failedEvent = failedEvent || e.Type == "ExtrinsicFailed"
	}
	if !failedEvent {
		t.Fatalf("no ExtrinsicFailed event: %+v", res.Events)
	}
	c.Read(func(r store.Reader) {
		bal, nonce := bank.Balance(r, bob.Public()), auth.Nonce(r, bob.Public())
		// Dissolving returned //Bob's lock; the only other change to his balance is the fee.
		lockBack := bal + auth.DefaultBaseFee - balBefore
		if nonce != nonceBefore+1 {
			t.Fatalf("nonce %d → %d, want one used", nonceBefore, nonce)
		}
		if lockBack == 0 || lockBack > 1_000*tao {
			t.Fatalf("balance %d → %d: want the returned lock minus the fee", balBefore, bal)
		}
		// The fee is recycled: issuance grows by the block's emission less the fees.
		if got := bank.TotalIssuance(r); got > issuanceBefore+tao {
			t.Fatalf("issuance %d → %d", issuanceBefore, got)
		}
	})
	if r := c.CheckTx(set); r.Info != "Stale" {
		t.Fatalf("replay in CheckTx: %q, want Stale", r.Info)
	}
	if rs := c.Block(set); rs[0].Error != "Stale" || rs[0].Fee != 0 || len(rs[0].Events) != 0 {
		t.Fatalf("replay in a block: %+v, want a free Stale refusal", rs[0])
	}
}
