package subtensor_test

import (
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

const tao = subtensor.TAO

func mustOK(t *testing.T, rs []chain.Result) {
	t.Helper()
	for i, r := range rs {
		if !r.OK() {
			t.Fatalf("tx %d (%s) refused: %s %s", i, r.Call, r.Error, r.Log)
		}
	}
}

// books returns the rao the chain holds outside balances: stake, the
// coinbase pool, subnets' pending emission and locks.
func books(r store.Reader) (stake, pool, pending, locks uint64) {
	for _, id := range subtensor.Netuids(r) {
		st := subtensor.State(r, id)
		pending += st.PendingEmission
		locks += st.Locked
	}
	return subtensor.TotalStake(r), coinbase.PendingEmission(r), pending, locks
}

func checkInvariant(t *testing.T, c *testchain.Chain) {
	t.Helper()
	c.Read(func(r store.Reader) {
		if err := subtensor.CheckInvariant(r); err != nil {
			t.Fatalf("height %d: %v", c.Height(), err)
		}
	})
}

func sudoSet(c *testchain.Chain, sudo *keys.Keypair, name string, netuid uint16, v uint64) []byte {
	p, ok := tx.AdminParamByName(name)
	if !ok {
		panic(name)
	}
	return c.Tx(sudo, tx.AdminSet{Call: p.Index, Netuid: netuid, Value: v})
}

func TestSubnetEpochsPayExactlyTheEmission(t *testing.T) {
	for _, yuma3 := range []bool{false, true} {
		name := "original Yuma"
		if yuma3 {
			name = "Yuma3 with liquid alpha"
		}
		t.Run(name, func(t *testing.T) { runSubnet(t, yuma3) })
	}
}

func runSubnet(t *testing.T, yuma3 bool) {
	uris := []string{"//Alice", "//V1", "//V2", "//V3", "//N1", "//M1", "//M2", "//M3", "//M4"}
	// Hotkeys pay tx fees too (the reference's set_weights is fee-free: see the report).
	for _, u := range []string{"//V1", "//V2", "//V3"} {
		uris = append(uris, u+"//hot")
	}
	g := testchain.Genesis(t, "subnets", 10_000*tao, uris...)
	alice := testchain.Key(t, "//Alice")
	g.Sudo = alice.SS58()
	c := testchain.New(t, g)
	ownerHot := testchain.Key(t, "//Alice//hot")
	mustOK(t, c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: ownerHot.Public()})))
	const netuid = 1
	if yuma3 {
		mustOK(t, c.Block(sudoSet(c, alice, "sudo_set_yuma3_enabled", netuid, 1), sudoSet(c, alice, "sudo_set_liquid_alpha_enabled", netuid, 1)))
	}
	mustOK(t, c.Block(
		sudoSet(c, alice, "sudo_set_tempo", netuid, 10),
		sudoSet(c, alice, "sudo_set_tempo", 0, 10),
		sudoSet(c, alice, "sudo_set_weights_set_rate_limit", netuid, 0),
		sudoSet(c, alice, "sudo_set_weights_set_rate_limit", 0, 0),
		sudoSet(c, alice, "sudo_set_target_registrations_per_interval", netuid, 20),
		sudoSet(c, alice, "sudo_set_max_registrations_per_block", netuid, 20),
	))
	vals := []string{"//V1", "//V2", "//V3"}
	miners := []string{"//M1", "//M2", "//M3", "//M4"}
	var regs [][]byte
	for _, u := range append(append([]string{}, vals...), miners...) {
		regs = append(regs, c.Tx(testchain.Key(t, u), tx.BurnedRegister{Netuid: netuid, Hotkey: testchain.Key(t, u+"//hot").Public()}))
	}
	mustOK(t, c.Block(regs...))
	v1hot := testchain.Key(t, "//V1//hot").Public()
	mustOK(t, c.Block(
		c.Tx(testchain.Key(t, "//V1"), tx.AddStake{Hotkey: v1hot, Amount: 1000 * tao}),
		c.Tx(testchain.Key(t, "//V2"), tx.AddStake{Hotkey: testchain.Key(t, "//V2//hot").Public(), Amount: 500 * tao}),
		c.Tx(testchain.Key(t, "//V3"), tx.AddStake{Hotkey: testchain.Key(t, "//V3//hot").Public(), Amount: 250 * tao}),
		c.Tx(testchain.Key(t, "//V1"), tx.BecomeDelegate{Hotkey: v1hot}),
		c.Tx(testchain.Key(t, "//V1"), tx.RootRegister{Hotkey: v1hot}),
	))
	// A nominator stakes on V1 (now a delegate), and V1 weights subnet 1 on root.
	mustOK(t, c.Block(
		c.Tx(testchain.Key(t, "//N1"), tx.AddStake{Hotkey: v1hot, Amount: 1000 * tao}),
		c.Tx(testchain.Key(t, "//V1"), tx.SetRootWeights{Netuid: 0, Hotkey: v1hot, Dests: []uint16{netuid}, Weights: []uint16{1}}),
	))
	// Wait for the first epoch to hand out validator permits.
	for {
		c.Block()
		var permitted bool
		c.Read(func(r store.Reader) {
			uid, _ := subtensor.UID(r, netuid, v1hot)
			n, _ := subtensor.GetNeuron(r, netuid, uid)
			permitted = n.ValidatorPermit
		})
		if permitted {
			break
		}
		if c.Height() > 40 {
			t.Fatal("no validator permit after 40 blocks")
		}
	}
	setWeights := func() {
		var txs [][]byte
		for i, v := range vals {
			// Miners are UIDs 4..7; each validator ranks them a little differently.
			txs = append(txs, c.Tx(testchain.Key(t, v+"//hot"), tx.SetWeights{Netuid: netuid,
				Dests: []uint16{4, 5, 6, 7}, Weights: []uint16{uint16(100 + i), 200, 300, 400}}))
		}
		mustOK(t, c.Block(txs...))
	}
	setWeights()

	var stake0, pool0, pend0, lock0, owner0, minted uint64
	c.Read(func(r store.Reader) {
		stake0, pool0, pend0, lock0 = books(r)
		owner0 = bank.Balance(r, alice.Public())
	})
	nom0 := stakeOf(c, v1hot, testchain.Key(t, "//N1").Public())
	for range 60 { // six epochs of subnet 1
		c.Block()
		c.Read(func(r store.Reader) { minted += coinbase.BlockEmission(r) })
		checkInvariant(t, c)
	}
	c.Read(func(r store.Reader) {
		stake, pool, pend, lock := books(r)
		ownerCut := bank.Balance(r, alice.Public()) - owner0
		if lock != lock0 {
			t.Fatalf("locks changed: %d → %d", lock0, lock)
		}
		paid := (stake - stake0) + ownerCut
		held := (pool + pend) - (pool0 + pend0)
		if paid+held != minted {
			t.Fatalf("minted %d, paid %d (stake %d + owner %d), still pending %+d", minted, paid, stake-stake0, ownerCut, int64(held))
		}
		if ownerCut == 0 || stake == stake0 {
			t.Fatalf("nothing paid: owner cut %d, stake gain %d", ownerCut, stake-stake0)
		}
		// The owner cut is 18% of what the epochs drained.
		drained := paid
		if lo, hi := drained*17/100, drained*19/100; ownerCut < lo || ownerCut > hi {
			t.Fatalf("owner cut %d not ~18%% of %d", ownerCut, drained)
		}
		for _, m := range miners {
			hk := testchain.Key(t, m+"//hot").Public()
			uid, _ := subtensor.UID(r, netuid, hk)
			n, _ := subtensor.GetNeuron(r, netuid, uid)
			if subtensor.TotalHotkeyStake(r, hk) == 0 || n.Incentive == 0 {
				t.Fatalf("miner %s earned nothing: %+v", m, n)
			}
		}
		uid, _ := subtensor.UID(r, netuid, v1hot)
		n, _ := subtensor.GetNeuron(r, netuid, uid)
		if n.Dividends == 0 || !n.ValidatorPermit || len(subtensor.Bonds(r, netuid, uid)) == 0 {
			t.Fatalf("validator V1 has no dividends/bonds: %+v", n)
		}
	})
	if got := stakeOf(c, v1hot, testchain.Key(t, "//N1").Public()); got <= nom0 {
		t.Fatalf("nominator stake did not grow: %d → %d", nom0, got)
	}
	c.Read(func(r store.Reader) {
		mg, ok := subtensor.Metagraph(r, netuid, uint64(c.Height()), true)
		if !ok || len(mg) != 8 || mg[1].Coldkey != testchain.Key(t, "//V1").Public() || mg[1].Stake == 0 || len(mg[1].Weights) != 4 {
			t.Fatalf("metagraph %+v", mg)
		}
		d, ok := subtensor.Delegate(r, v1hot)
		if !ok || len(d.Nominators) != 2 || len(d.Registrations) != 2 || len(d.ValidatorPermits) != 1 {
			t.Fatalf("delegate %+v", d)
		}
	})
}

func TestRefusedCallsChangeNothing(t *testing.T) {
	g := testchain.Genesis(t, "refused", 1000*tao, "//Alice", "//Bob")
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	c := testchain.New(t, g)
	mustOK(t, c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: testchain.Key(t, "//Alice//hot").Public()})))
	var bal, ti uint64
	c.Read(func(r store.Reader) { bal, ti = bank.Balance(r, bob.Public()), bank.TotalIssuance(r) })
	rs := c.Block(c.Tx(bob, tx.BurnedRegister{Netuid: 1, Hotkey: testchain.Key(t, "//Alice//hot").Public()}))
	if rs[0].OK() || rs[0].Error != "HotKeyAlreadyRegisteredInSubNet" || rs[0].Codespace != "subtensor" || rs[0].Code != 22 {
		t.Fatalf("first: %+v", rs[0])
	}
	rs = c.Block(c.Tx(bob, tx.AddStake{Hotkey: testchain.Key(t, "//Alice//hot").Public(), Amount: tao}))
	if rs[0].Error != "NonAssociatedColdKey" {
		t.Fatalf("add_stake on a non-delegate: %+v", rs[0])
	}
	c.Read(func(r store.Reader) {
		emitted := bank.TotalIssuance(r) - ti
		// Both calls are fee-free (Pays::No) and failed after the ante: each used
		// a nonce and moved no value.
		if n := auth.Nonce(r, bob.Public()); n != 2 {
			t.Fatalf("bob's nonce %d after two failed calls, want 2", n)
		}
		if bank.Balance(r, bob.Public()) != bal || emitted != 0 { // no emission value: nothing minted
			t.Fatalf("refused txs moved value: balance %d → %d, issuance +%d", bal, bank.Balance(r, bob.Public()), emitted)
		}
	})
}

func stakeOf(c *testchain.Chain, hot, cold keys.PublicKey) (s uint64) {
	c.Read(func(r store.Reader) { s = subtensor.Stake(r, hot, cold) })
	return s
}
