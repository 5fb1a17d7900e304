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
)

func TestGenesisRoundTripWithStakeAndSudo(t *testing.T) {
	g := testchain.Genesis(t, "gen", 1000*tao, "//Alice", "//Bob")
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	g.Sudo = alice.SS58()
	np := subtensor.DefaultNetworkParams()
	np.DefaultTempo, np.SubnetLimit = 10, 8
	g.Subtensor = subtensor.Genesis{Params: &np, Stakes: []subtensor.GenesisStake{
		{Hotkey: testchain.Key(t, "//Bob//hot").SS58(), Coldkey: bob.SS58(), Amount: 7 * tao},
		{Hotkey: testchain.Key(t, "//Alice//hot").SS58(), Coldkey: alice.SS58(), Amount: 5 * tao},
	}}
	c := testchain.New(t, g)
	c.Block() // genesis is committed with the first block
	var exported *chain.Genesis
	c.Read(func(r store.Reader) {
		exported = chain.ExportGenesis(r, c.ChainID)
		if bank.TotalIssuance(r) != 2000*tao+12*tao+coinbase.PendingEmission(r) {
			t.Fatalf("issuance %d does not include genesis stake", bank.TotalIssuance(r))
		}
		if err := subtensor.CheckInvariant(r); err != nil {
			t.Fatal(err)
		}
		if !subtensor.SubnetExists(r, 0) || subtensor.Network(r).DefaultTempo != 10 {
			t.Fatal("root network or params missing")
		}
	})
	if exported.Sudo != g.Sudo || !reflect.DeepEqual(*exported.Subtensor.Params, np) || len(exported.Subtensor.Stakes) != 2 {
		t.Fatalf("export %+v", exported.Subtensor)
	}
	again := testchain.New(t, exported)
	again.Block()
	var twice *chain.Genesis
	again.Read(func(r store.Reader) { twice = chain.ExportGenesis(r, c.ChainID) })
	if twice.Sudo != exported.Sudo || !reflect.DeepEqual(twice.Subtensor, exported.Subtensor) || !reflect.DeepEqual(twice.Accounts, exported.Accounts) {
		t.Fatalf("export is not a fixed point:\n%+v\n%+v", exported, twice)
	}
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
