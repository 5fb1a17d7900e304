package subtensor_test

import (
	"testing"

	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// TestValidatorSwapsHotkeyMidSubnet runs a subnet with a validator (a
// delegate with a nominator, a root and senate seat) through epochs, swaps
// its hotkey through a signed transaction, and checks that the new hotkey
// holds the same UID and stake, keeps its senate seat and goes on earning
// dividends, while the old hotkey holds nothing.
func TestValidatorSwapsHotkeyMidSubnet(t *testing.T) {
	uris := []string{"//Alice", "//V1", "//V1//hot", "//V1//hot2", "//V2", "//V2//hot", "//N1", "//M1", "//M1//hot"}
	g := testchain.Genesis(t, "swaps", 10_000*tao, uris...)
	alice := testchain.Key(t, "//Alice")
	g.Sudo = alice.SS58()
	c := testchain.New(t, g)
	mustOK(t, c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: testchain.Key(t, "//Alice//hot").Public()})))
	const netuid = 1
	mustOK(t, c.Block(
		sudoSet(c, alice, "sudo_set_tempo", netuid, 10),
		sudoSet(c, alice, "sudo_set_tempo", 0, 10),
		sudoSet(c, alice, "sudo_set_weights_set_rate_limit", netuid, 0),
		sudoSet(c, alice, "sudo_set_weights_set_rate_limit", 0, 0),
		sudoSet(c, alice, "sudo_set_target_registrations_per_interval", netuid, 20),
		sudoSet(c, alice, "sudo_set_max_registrations_per_block", netuid, 20),
		sudoSet(c, alice, "sudo_set_tx_rate_limit", 0, 5),
	))
	v1, v2, n1, m1 := testchain.Key(t, "//V1"), testchain.Key(t, "//V2"), testchain.Key(t, "//N1"), testchain.Key(t, "//M1")
	old, new := testchain.Key(t, "//V1//hot"), testchain.Key(t, "//V1//hot2")
	v2hot, m1hot := testchain.Key(t, "//V2//hot"), testchain.Key(t, "//M1//hot")
	mustOK(t, c.Block(
		c.Tx(v1, tx.BurnedRegister{Netuid: netuid, Hotkey: old.Public()}),
		c.Tx(v2, tx.BurnedRegister{Netuid: netuid, Hotkey: v2hot.Public()}),
		c.Tx(m1, tx.BurnedRegister{Netuid: netuid, Hotkey: m1hot.Public()}),
	))
	mustOK(t, c.Block(
		c.Tx(v1, tx.AddStake{Hotkey: old.Public(), Amount: 1000 * tao}),
		c.Tx(v2, tx.AddStake{Hotkey: v2hot.Public(), Amount: 500 * tao}),
		c.Tx(v1, tx.BecomeDelegate{Hotkey: old.Public()}),
		c.Tx(v1, tx.RootRegister{Hotkey: old.Public()}),
	))
	mustOK(t, c.Block(
		c.Tx(n1, tx.AddStake{Hotkey: old.Public(), Amount: 200 * tao}),
		c.Tx(v1, tx.SetRootWeights{Netuid: 0, Hotkey: old.Public(), Dests: []uint16{netuid}, Weights: []uint16{1}}),
	))
	setWeights := func(v1hot *keys.Keypair) {
		mustOK(t, c.Block(
			c.Tx(v1hot, tx.SetWeights{Netuid: netuid, Dests: []uint16{3}, Weights: []uint16{1}}),
			c.Tx(v2hot, tx.SetWeights{Netuid: netuid, Dests: []uint16{3}, Weights: []uint16{1}}),
		))
	}
	c.Blocks(12) // validator permits
	setWeights(old)
	c.Blocks(25)
	var uid uint16
	var stakeOld, nomOld uint64
	c.Read(func(r store.Reader) {
		uid, _ = subtensor.UID(r, netuid, old.Public())
		n, _ := subtensor.GetNeuron(r, netuid, uid)
		if n.Dividends == 0 || !governance.IsSenator(r, old.Public()) {
			t.Fatalf("before the swap: dividends %d, senator %v", n.Dividends, governance.IsSenator(r, old.Public()))
		}
		stakeOld, nomOld = subtensor.TotalHotkeyStake(r, old.Public()), subtensor.Stake(r, old.Public(), n1.Public())
	})

	rs := c.Block(c.Tx(v1, tx.SwapHotkey{Hotkey: old.Public(), NewHotkey: new.Public()}))
	mustOK(t, rs)
	if rs[0].Fee != 0 {
		t.Fatalf("swap_hotkey paid a fee of %d (Pays::No)", rs[0].Fee)
	}
	c.Read(func(r store.Reader) {
		got, ok := subtensor.UID(r, netuid, new.Public())
		if !ok || got != uid || subtensor.IsRegistered(r, netuid, old.Public()) {
			t.Fatalf("uid %d (ok %v), want %d; old still registered %v", got, ok, uid, subtensor.IsRegistered(r, netuid, old.Public()))
		}
		if s := subtensor.TotalHotkeyStake(r, new.Public()); s < stakeOld {
			t.Fatalf("stake %d after the swap, %d before", s, stakeOld)
		}
		if subtensor.TotalHotkeyStake(r, old.Public()) != 0 || subtensor.IsDelegate(r, old.Public()) || len(subtensor.Registrations(r, old.Public())) != 0 {
			t.Fatal("the old hotkey kept stake, take or registrations")
		}
		if _, ok := subtensor.Owner(r, old.Public()); ok {
			t.Fatal("the old hotkey kept its owner")
		}
		if !governance.IsSenator(r, new.Public()) || governance.IsSenator(r, old.Public()) {
			t.Fatal("the senate seat did not move")
		}
		if subtensor.Stake(r, new.Public(), n1.Public()) < nomOld {
			t.Fatal("the nomination did not move")
		}
	})
	checkInvariant(t, c)
	// The old hotkey can no longer set weights; the new one can, and earns.
	if rs := c.Block(c.Tx(old, tx.SetWeights{Netuid: netuid, Dests: []uint16{3}, Weights: []uint16{1}})); rs[0].Error != "HotKeyNotRegisteredInSubNet" {
		t.Fatalf("old hotkey set_weights: %+v", rs[0])
	}
	setWeights(new)
	stakeAfter := stakeOf(c, new.Public(), v1.Public())
	nomAfter := stakeOf(c, new.Public(), n1.Public())
	c.Blocks(25)
	checkInvariant(t, c)
	c.Read(func(r store.Reader) {
		n, _ := subtensor.GetNeuron(r, netuid, uid)
		if n.Hotkey != new.Public() || n.Dividends == 0 {
			t.Fatalf("after the swap: neuron %+v", n)
		}
	})
	if s := stakeOf(c, new.Public(), v1.Public()); s <= stakeAfter {
		t.Fatalf("the validator's stake did not grow after the swap: %d → %d", stakeAfter, s)
	}
	if s := stakeOf(c, new.Public(), n1.Public()); s <= nomAfter {
		t.Fatalf("the nominator earned nothing after the swap: %d → %d", nomAfter, s)
	}
}
