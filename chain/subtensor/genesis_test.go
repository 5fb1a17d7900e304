package subtensor_test

import (
	"reflect"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

func TestGenesisRoundTripWithStakeAndSudo(t *testing.T) {
	g := testchain.Genesis(t, "gen", 1000*tao, "//Alice", "//Bob")
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	g.Sudo = alice.SS58()
	np := subtensor.DefaultNetworkParams()
	np.DefaultTempo, np.SubnetLimit = 10, 8
	bobHot := testchain.Key(t, "//Bob//hot")
	g.Subtensor = subtensor.Genesis{Params: &np, Stakes: []subtensor.GenesisStake{
		{Hotkey: bobHot.SS58(), Coldkey: bob.SS58(), Amount: 7 * tao},
		{Hotkey: testchain.Key(t, "//Alice//hot").SS58(), Coldkey: alice.SS58(), Amount: 5 * tao},
	}}
	c := testchain.New(t, g)
	c.Block() // genesis is committed with the first block
	c.Read(func(r store.Reader) {
		if bank.TotalIssuance(r) != 2000*tao+12*tao+coinbase.PendingEmission(r) {
			t.Fatalf("issuance %d does not include genesis stake", bank.TotalIssuance(r))
		}
		if !subtensor.SubnetExists(r, 0) || subtensor.Network(r).DefaultTempo != 10 {
			t.Fatal("root network or params missing")
		}
	})
	// Some subnet state: a subnet, a neuron, root weights, a few epochs.
	mustOK(t, c.Block(c.Tx(alice, tx.RegisterNetwork{Hotkey: testchain.Key(t, "//Alice//hot").Public()}),
		c.Tx(bob, tx.RootRegister{Hotkey: bobHot.Public()})))
	mustOK(t, c.Block(c.Tx(bob, tx.BurnedRegister{Netuid: 1, Hotkey: bobHot.Public()})))
	c.Blocks(25)
	var exported *chain.Genesis
	c.Read(func(r store.Reader) { exported = chain.ExportGenesis(r, c.ChainID) })
	if exported.Sudo != g.Sudo || !reflect.DeepEqual(*exported.Subtensor.Params, np) || len(exported.Subtensor.Records) < 20 {
		t.Fatalf("export %+v", exported.Subtensor)
	}
	// Importing the export rebuilds the same books and exports the same genesis.
	kv := store.NewCache(storetest.NewModelKV())
	if err := chain.InitGenesis(kv, exported); err != nil {
		t.Fatal(err)
	}
	if err := subtensor.CheckInvariant(kv); err != nil {
		t.Fatal(err)
	}
	again := chain.ExportGenesis(kv, c.ChainID)
	if !reflect.DeepEqual(exported, again) {
		t.Fatalf("export is not a fixed point:\n%+v\n%+v", exported, again)
	}
	c.Read(func(r store.Reader) {
		if subtensor.Stake(kv, bobHot.Public(), bob.Public()) != subtensor.Stake(r, bobHot.Public(), bob.Public()) ||
			subtensor.State(kv, 1) != subtensor.State(r, 1) || len(subtensor.Neurons(kv, 1)) != 2 {
			t.Fatal("imported subnet state differs")
		}
	})
}

func TestGenesisValidateSubtensor(t *testing.T) {
	alice := testchain.Key(t, "//Alice").SS58()
	tests := []struct {
		name string
		mod  func(g *chain.Genesis)
	}{
		{"bad sudo", func(g *chain.Genesis) { g.Sudo = "nope" }},
		{"bad stake hotkey", func(g *chain.Genesis) {
			g.Subtensor.Stakes = []subtensor.GenesisStake{{Hotkey: "x", Coldkey: alice, Amount: 1}}
		}},
		{"zero stake", func(g *chain.Genesis) {
			g.Subtensor.Stakes = []subtensor.GenesisStake{{Hotkey: alice, Coldkey: alice, Amount: 0}}
		}},
		{"duplicate stake", func(g *chain.Genesis) {
			g.Subtensor.Stakes = []subtensor.GenesisStake{{Hotkey: alice, Coldkey: alice, Amount: 1}, {Hotkey: alice, Coldkey: alice, Amount: 2}}
		}},
		{"record outside the module", func(g *chain.Genesis) {
			g.Subtensor.Records = []subtensor.Record{{Key: "0101", Value: "00"}}
		}},
		{"block hash record", func(g *chain.Genesis) {
			g.Subtensor.Records = []subtensor.Record{{Key: "1030", Value: "00"}}
		}},
		{"unsorted records", func(g *chain.Genesis) {
			g.Subtensor.Records = []subtensor.Record{{Key: "1011", Value: "00"}, {Key: "1010", Value: "00"}}
		}},
		{"stake above supply", func(g *chain.Genesis) {
			g.Subtensor.Stakes = []subtensor.GenesisStake{{Hotkey: alice, Coldkey: alice, Amount: bank.TotalSupply + 1}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := chain.DefaultGenesis("x")
			tt.mod(g)
			if err := g.Validate(); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}
