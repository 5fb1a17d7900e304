package node

import (
	"fmt"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
)

// DevMnemonic is substrate's well-known development phrase; //Alice and the
// other dev accounts derive from it. Never hold real value on these keys.
const DevMnemonic = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"

// LocalnetColdkeySwapScheduleDuration is the localnet's
// ColdkeySwapScheduleDuration: 20 blocks instead of 5 days, so a scheduled
// coldkey swap can be watched to its end.
const LocalnetColdkeySwapScheduleDuration uint64 = 20

// DevBalance is what each dev account gets at localnet genesis: 1,000,000 TAO.
const DevBalance uint64 = 1_000_000 * 1_000_000_000

// DevAccount is one funded development account.
type DevAccount struct {
	Name string `json:"name"`
	URI  string `json:"uri"`
	SS58 string `json:"ss58"`
}

// DevAccounts returns //Alice, //Bob, //Charlie, //Dave, //Eve and //Ferdie.
func DevAccounts() ([]DevAccount, error) {
	names := []string{"Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"}
	out := make([]DevAccount, len(names))
	for i, n := range names {
		kp, err := keys.FromURI("//" + n)
		if err != nil {
			return nil, fmt.Errorf("node: dev account %s: %w", n, err)
		}
		out[i] = DevAccount{Name: n, URI: "//" + n, SS58: kp.SS58()}
	}
	return out, nil
}

// LocalnetGenesis returns a genesis with default parameters (except a
// coldkey swap schedule of LocalnetColdkeySwapScheduleDuration blocks),
// every dev account funded with DevBalance and //Alice as sudo and the only
// triumvirate member.
func LocalnetGenesis(chainID string) (*chain.Genesis, error) {
	devs, err := DevAccounts()
	if err != nil {
		return nil, err
	}
	g := chain.DefaultGenesis(chainID)
	for _, d := range devs {
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: d.SS58, Balance: DevBalance})
	}
	g.Sudo = devs[0].SS58
	g.Governance.Triumvirate = []string{devs[0].SS58}
	g.Subtensor.Params.ColdkeySwapScheduleDuration = LocalnetColdkeySwapScheduleDuration
	ck := subtensor.LocalnetChildkeyParams()
	g.Subtensor.Childkeys = &ck
	return g, nil
}
