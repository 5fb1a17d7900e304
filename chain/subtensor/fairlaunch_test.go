package subtensor_test

import (
	"reflect"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

// powRegister solves subnet 1's proof of work for hot over the newest
// recorded block hash and returns the registration, signed by hot.
func powRegister(t *testing.T, c *testchain.Chain, hot, cold *keys.Keypair) []byte {
	t.Helper()
	var hash []byte
	var difficulty uint64
	block := uint64(c.Height())
	c.Read(func(r store.Reader) {
		var ok bool
		if hash, ok = subtensor.BlockHash(r, block); !ok {
			t.Fatalf("no block hash recorded at %d", block)
		}
		p, _ := subtensor.Params(r, 1)
		difficulty = p.Difficulty
	})
	nonce, seal, ok := tx.SolvePow(hash, hot.Public(), difficulty, 0, 100*difficulty)
	if !ok {
		t.Fatal("no PoW solution")
	}
	return c.Tx(hot, tx.PowRegister{Netuid: 1, BlockNumber: block, Nonce: nonce, Work: seal, Hotkey: hot.Public(), Coldkey: cold.Public()})
}

// untilEpoch runs blocks until netuid's epoch has run in the last one.
func untilEpoch(c *testchain.Chain, netuid, tempo uint16) {
	for {
		c.Block()
		if subtensor.EpochDue(netuid, tempo, uint64(c.Height())) {
			return
		}
	}
}

func freeBalance(c *testchain.Chain, a keys.PublicKey) (b uint64) {
	c.Read(func(r store.Reader) { b = bank.Balance(r, a) })
	return b
}

func emissionValue(c *testchain.Chain, netuid uint16) (ev uint64) {
	c.Read(func(r store.Reader) { ev = subtensor.State(r, netuid).EmissionValue })
	return ev
}

// TestFairLaunchFirstMinerEarns runs a fair-launch chain from genesis: no
// TAO exists until a miner registers on subnet 1 by proof of work (without
// a fee, from keys holding nothing); its first epoch pays the miner all of
// subnet 1's emission as stake, which the miner unstakes to a free balance.
// A second miner is paid once the first, now a staked validator, weighs its
// work. Root validators that set no weights leave subnet 1's emission
// value alone; their weights replace it.
func TestFairLaunchFirstMinerEarns(t *testing.T) {
	const tempo = 10
	g := chain.FairLaunchGenesis("fair", tempo)
	if len(g.Accounts) != 0 || g.Sudo != "" || len(g.Governance.Triumvirate) != 0 || len(g.Subtensor.Stakes) != 0 {
		t.Fatalf("fair-launch genesis holds balances, stake or keys: %+v", g)
	}
	// A lower difficulty keeps the test fast (the CLI test solves the real one).
	p := g.Subtensor.Subnets[0].Params
	p.MinDifficulty, p.Difficulty = 1000, 1000
	c := testchain.New(t, g)
	c.Block()
	c.Read(func(r store.Reader) {
		p, ok := subtensor.Params(r, 1)
		st := subtensor.State(r, 1)
		if !ok || !p.PowRegistrationAllowed || !p.RegistrationAllowed || p.Tempo != tempo || st.HasOwner() || st.N != 0 ||
			st.EmissionValue != coinbase.DefaultBlockEmission {
			t.Fatalf("subnet 1 at genesis: %v %+v %+v", ok, p, st)
		}
		if _, ok := subtensor.Sudo(r); ok {
			t.Fatal("a fair launch has a sudo key")
		}
		bank.Accounts(r, func(a keys.PublicKey, free uint64) bool {
			t.Fatalf("account %s holds %d at genesis", a.SS58(), free)
			return false
		})
	})
	// Nobody has joined: a whole epoch passes and nothing is minted.
	untilEpoch(c, 1, tempo)
	c.Block()
	c.Read(func(r store.Reader) {
		if ti := bank.TotalIssuance(r); ti != 0 || subtensor.State(r, 1).PendingEmission != 0 {
			t.Fatalf("issuance %d before anyone registered", ti)
		}
	})

	cold1, hot1 := testchain.Key(t, "//Miner1"), testchain.Key(t, "//Miner1//hot")
	mustOK(t, c.Block(powRegister(t, c, hot1, cold1)))
	if freeBalance(c, hot1.Public()) != 0 || freeBalance(c, cold1.Public()) != 0 {
		t.Fatal("PoW registration charged a fee")
	}
	untilEpoch(c, 1, tempo)
	var issuance, pending uint64
	c.Read(func(r store.Reader) { issuance, pending = bank.TotalIssuance(r), subtensor.State(r, 1).PendingEmission })
	stake1 := stakeOf(c, hot1.Public(), cold1.Public())
	if stake1 == 0 || stake1+pending != issuance || issuance < tao {
		t.Fatalf("first epoch: miner stake %d, pending %d, issuance %d", stake1, pending, issuance)
	}
	checkInvariant(t, c)

	// The stake is the miner's: remove_stake is fee-free, so a coldkey
	// holding nothing unstakes to its first free TAO.
	mustOK(t, c.Block(c.Tx(cold1, tx.RemoveStake{Hotkey: hot1.Public(), Amount: tao / 2})))
	if got := freeBalance(c, cold1.Public()); got != tao/2 {
		t.Fatalf("free balance after unstaking %d", got)
	}

	// A second miner joins; it earns once the first (holding stake, so a
	// validator permit) weighs it.
	cold2, hot2 := testchain.Key(t, "//Miner2"), testchain.Key(t, "//Miner2//hot")
	mustOK(t, c.Block(powRegister(t, c, hot2, cold2)))
	untilEpoch(c, 1, tempo)
	if s := stakeOf(c, hot2.Public(), cold2.Public()); s != 0 {
		t.Fatalf("unweighed miner 2 earned %d", s)
	}
	var rateLimit uint64
	c.Read(func(r store.Reader) { p, _ := subtensor.Params(r, 1); rateLimit = p.WeightsRateLimit })
	c.Blocks(int(rateLimit))
	mustOK(t, c.Block(c.Tx(hot1, tx.SetWeights{Netuid: 1, Dests: []uint16{1}, Weights: []uint16{65535}})))
	untilEpoch(c, 1, tempo)
	if s := stakeOf(c, hot2.Public(), cold2.Public()); s == 0 {
		t.Fatal("weighed miner 2 earned nothing")
	}
	checkInvariant(t, c)

	// Root: a staked root validator without root weights leaves subnet 1's
	// emission value alone; its weights replace it (half of them on the
	// root network itself, so that the new value shows).
	rp := subtensor.DefaultRootParams()
	mustOK(t, c.Block(c.Tx(cold1, tx.RootRegister{Hotkey: hot1.Public()})))
	untilEpoch(c, subtensor.RootNetUID, rp.Tempo)
	if ev := emissionValue(c, 1); ev != coinbase.DefaultBlockEmission {
		t.Fatalf("emission value %d after a root epoch without weights", ev)
	}
	c.Blocks(int(rp.WeightsRateLimit))
	mustOK(t, c.Block(c.Tx(cold1, tx.SetRootWeights{Netuid: 0, Hotkey: hot1.Public(), Dests: []uint16{0, 1}, Weights: []uint16{1, 1}})))
	untilEpoch(c, subtensor.RootNetUID, rp.Tempo)
	if ev, half := emissionValue(c, 1), coinbase.DefaultBlockEmission/2; ev > half || ev < half-10 {
		t.Fatalf("emission value %d after root weights, want the root epoch's %d", ev, half)
	}
	checkInvariant(t, c)
}

// TestGenesisSubnets checks the genesis subnets: validation, the state they
// create and the round trip through an export (which carries them as
// records).
func TestGenesisSubnets(t *testing.T) {
	bad := []struct {
		name string
		mod  func(g *subtensor.Genesis)
	}{
		{"root netuid", func(g *subtensor.Genesis) { g.Subnets[0].Netuid = 0 }},
		{"duplicate", func(g *subtensor.Genesis) { g.Subnets = append(g.Subnets, subtensor.GenesisSubnet{Netuid: 1}) }},
		{"over the limit", func(g *subtensor.Genesis) { g.Params.SubnetLimit = 0 }},
		{"no uids", func(g *subtensor.Genesis) { g.Subnets[0].Params.MaxAllowedUIDs = 0 }},
		{"too many uids", func(g *subtensor.Genesis) { g.Subnets[0].Params.MaxAllowedUIDs = subtensor.MaxUIDs + 1 }},
		{"validators over uids", func(g *subtensor.Genesis) { g.Subnets[0].Params.MaxAllowedValidators = 300 }},
		{"difficulty below min", func(g *subtensor.Genesis) { g.Subnets[0].Params.Difficulty = 1 }},
		{"burn above max", func(g *subtensor.Genesis) { g.Subnets[0].Params.Burn = ^uint64(0) }},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			g := chain.FairLaunchGenesis("fair", 360)
			tt.mod(&g.Subtensor)
			if _, err := g.Subtensor.Validate(); err == nil {
				t.Fatal("Validate accepted it")
			}
			if err := chain.InitGenesis(store.NewCache(storetest.NewModelKV()), g); err == nil {
				t.Fatal("InitGenesis accepted it")
			}
		})
	}

	// Two subnets given out of order, one with default parameters.
	g := chain.FairLaunchGenesis("fair", 360)
	g.Subtensor.Subnets = append([]subtensor.GenesisSubnet{{Netuid: 3, EmissionValue: 7}}, g.Subtensor.Subnets...)
	kv := store.NewCache(storetest.NewModelKV())
	if err := chain.InitGenesis(kv, g); err != nil {
		t.Fatal(err)
	}
	if ids := subtensor.Netuids(kv); !reflect.DeepEqual(ids, []uint16{0, 1, 3}) {
		t.Fatalf("netuids %v", ids)
	}
	if p, _ := subtensor.Params(kv, 3); p != subtensor.DefaultSubnetParams(subtensor.DefaultNetworkParams().DefaultTempo) {
		t.Fatalf("subnet 3 params %+v", p)
	}
	if p, _ := subtensor.Params(kv, 1); p.Difficulty != chain.FairLaunchDifficulty || p.MinDifficulty != chain.FairLaunchDifficulty {
		t.Fatalf("subnet 1 difficulty %d (min %d)", p.Difficulty, p.MinDifficulty)
	}
	if st := subtensor.State(kv, 3); st.HasOwner() || st.EmissionValue != 7 || st.Locked != 0 {
		t.Fatalf("subnet 3 state %+v", st)
	}
	if ti := bank.TotalIssuance(kv); ti != 0 {
		t.Fatalf("issuance %d", ti)
	}
	if err := subtensor.CheckInvariant(kv); err != nil {
		t.Fatal(err)
	}
	// The export carries the subnets as records; importing it rebuilds them,
	// and a genesis naming a subnet its records already hold is refused.
	exported := chain.ExportGenesis(kv, "fair")
	if len(exported.Subtensor.Subnets) != 0 {
		t.Fatalf("export lists genesis subnets: %+v", exported.Subtensor.Subnets)
	}
	kv2 := store.NewCache(storetest.NewModelKV())
	if err := chain.InitGenesis(kv2, exported); err != nil {
		t.Fatal(err)
	}
	if again := chain.ExportGenesis(kv2, "fair"); !reflect.DeepEqual(exported, again) {
		t.Fatalf("export is not a fixed point:\n%+v\n%+v", exported, again)
	}
	exported.Subtensor.Subnets = []subtensor.GenesisSubnet{{Netuid: 3}}
	if err := chain.InitGenesis(store.NewCache(storetest.NewModelKV()), exported); err == nil {
		t.Fatal("a genesis subnet that its records also hold was accepted")
	}
}
