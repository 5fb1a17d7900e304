package demo_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/demo"
	"github.com/taonet/taonet/subnets/forecast/miner"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*demo.Config)
		err  error
	}{
		{"default", func(*demo.Config) {}, nil},
		{"tempo 1", func(c *demo.Config) { c.Tempo = 1 }, demo.ErrInvalidConfig},
		{"no miners", func(c *demo.Config) { c.Models = nil }, demo.ErrInvalidConfig},
		{"13 miners", func(c *demo.Config) { c.Models = make([]string, 13) }, demo.ErrInvalidConfig},
		{"unknown model", func(c *demo.Config) { c.Models = []string{"oracle"} }, miner.ErrUnknownModel},
		{"three validators", func(c *demo.Config) { c.ValidatorStake = []uint64{1, 1, 1} }, demo.ErrInvalidConfig},
		{"zero stake", func(c *demo.Config) { c.ValidatorStake = []uint64{0} }, demo.ErrInvalidConfig},
		{"no fee money", func(c *demo.Config) { c.HotkeyFunds = 0 }, demo.ErrInvalidConfig},
		{"zero poll", func(c *demo.Config) { c.PollInterval = 0 }, demo.ErrInvalidConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := demo.DefaultConfig()
			tt.edit(&c)
			if err := c.Validate(); !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("Validate() = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestNeurons(t *testing.T) {
	ns, err := demo.Neurons(demo.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name, cold, hot, model string
		role                   demo.Role
	}{
		{"owner", "//Alice", "//Alice//owner", "", demo.RoleOwner},
		{"validator0", "//Bob", "//Bob//validator", "", demo.RoleValidator},
		{"validator1", "//Charlie", "//Charlie//validator", "", demo.RoleValidator},
		{"miner0", "//Dave", "//Dave//miner0", "last", demo.RoleMiner},
		{"miner1", "//Eve", "//Eve//miner1", "last", demo.RoleMiner},
		{"miner2", "//Ferdie", "//Ferdie//miner2", "ar", demo.RoleMiner},
		{"miner3", "//Dave", "//Dave//miner3", "ar", demo.RoleMiner},
		{"miner4", "//Eve", "//Eve//miner4", "ensemble", demo.RoleMiner},
		{"miner5", "//Ferdie", "//Ferdie//miner5", "ensemble", demo.RoleMiner},
	}
	if len(ns) != len(want) {
		t.Fatalf("%d neurons, want %d", len(ns), len(want))
	}
	seen := map[string]bool{}
	for i, w := range want {
		n := ns[i]
		if n.Name != w.name || n.ColdkeyURI != w.cold || n.HotkeyURI != w.hot || n.Model != w.model || n.Role != w.role {
			t.Errorf("neuron %d = %+v, want %+v", i, n, w)
		}
		if seen[n.Hotkey.SS58()] {
			t.Errorf("hotkey of %s repeats", n.Name)
		}
		seen[n.Hotkey.SS58()] = true
	}
	if ns[1].Stake != 1000*demo.TAO || ns[2].Stake != 500*demo.TAO {
		t.Errorf("validator stakes %d, %d", ns[1].Stake, ns[2].Stake)
	}
}

func TestWriteTable(t *testing.T) {
	s := &demo.Snapshot{Netuid: 1, Block: 42, LastStep: 41, Tempo: 20, Rows: []demo.Row{
		{UID: 0, Name: "owner", Role: demo.RoleOwner},
		{UID: 1, Name: "validator0", Role: demo.RoleValidator, Stake: 1000 * demo.TAO, ValidatorTrust: 1, Dividends: 1, Emission: 4 * demo.TAO},
		{UID: 2, Name: "miner0", Role: demo.RoleMiner, Model: "last", Incentive: 0.25, Consensus: 0.5, Emission: 5 * demo.TAO},
		{UID: 3, Name: "miner1", Role: demo.RoleMiner, Model: "ensemble", Incentive: 0.5},
		{UID: 4, Name: "miner2", Role: demo.RoleMiner, Model: "last", Incentive: 0.25},
	}}
	var b strings.Builder
	s.WriteTable(&b)
	want := `
subnet 1 · epoch at block 41 (tempo 20) · read at block 42 · 9.000 TAO emitted this epoch
  UID        NAME       ROLE     MODEL   STAKE τ  CONSENSUS  V-TRUST  INCENTIVE  DIVIDENDS  EMISSION τ
    0       owner      owner         -     0.000      0.000    0.000      0.000      0.000       0.000
    1  validator0  validator         -  1000.000      0.000    1.000      0.000      1.000       4.000
    2      miner0      miner      last     0.000      0.500    0.000      0.250      0.000       5.000
    3      miner1      miner  ensemble     0.000      0.000    0.000      0.500      0.000       0.000
    4      miner2      miner      last     0.000      0.000    0.000      0.250      0.000       0.000
mean incentive by model: ensemble 0.500 · last 0.250
`
	if b.String() != want {
		t.Fatalf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}
