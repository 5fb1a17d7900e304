package chain

import (
	"errors"
	"fmt"
	"sort"

	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Genesis is the chain's initial state. It round-trips through
// InitGenesis and ExportGenesis.
type Genesis struct {
	// ChainID names the network; transactions must carry it.
	ChainID string `json:"chain_id"`
	// Params are the core parameters.
	Params Params `json:"params"`
	// Accounts are the funded accounts, unique by address.
	Accounts []GenesisAccount `json:"accounts"`
	// PendingEmission is minted emission not yet paid to subnets (non-zero only in an export).
	PendingEmission uint64 `json:"pending_emission,omitempty"`
	// Sudo is the SS58 account allowed to call the sudo setters and to
	// dissolve any subnet ("" for none; localnet uses //Alice).
	Sudo string `json:"sudo,omitempty"`
	// Subtensor holds the subnet machinery's network parameters and initial stake.
	Subtensor subtensor.Genesis `json:"subtensor"`
	// Governance holds the committees: parameters and the triumvirate.
	Governance governance.Genesis `json:"governance"`
}

// Params are the core chain parameters.
type Params struct {
	// ExistentialDeposit is the minimum non-zero balance in rao (reference: 500).
	ExistentialDeposit uint64 `json:"existential_deposit"`
	// BaseFee is the fee every transaction pays before its tip, in rao.
	BaseFee uint64 `json:"base_fee"`
}

// GenesisAccount is one funded account.
type GenesisAccount struct {
	// Address is the SS58 address.
	Address string `json:"address"`
	// Balance is the free balance in rao.
	Balance uint64 `json:"balance"`
	// Nonce is the account's next nonce (non-zero only in an export).
	Nonce uint64 `json:"nonce,omitempty"`
}

// Errors returned by Genesis.Validate.
var (
	// ErrGenesisInvalid is returned for a genesis that cannot start a chain.
	ErrGenesisInvalid = errors.New("chain: invalid genesis")
)

// DefaultParams returns the reference's parameters.
func DefaultParams() Params {
	return Params{ExistentialDeposit: bank.DefaultExistentialDeposit, BaseFee: auth.DefaultBaseFee}
}

// DefaultGenesis returns a genesis with default parameters and no accounts.
func DefaultGenesis(chainID string) *Genesis {
	return &Genesis{ChainID: chainID, Params: DefaultParams(), Subtensor: subtensor.DefaultGenesis()}
}

// FairLaunchDifficulty is the PoW difficulty of a fair launch's subnet 1,
// and its floor: the reference's pow-faucet difficulty (specs/chain.md
// §3.3), a million hashes on average, about a second on two CPU cores, a
// tenth of the reference's MinDifficulty. The classic adjustment raises it
// when more than TargetRegsPerInterval registrations come in an interval.
const FairLaunchDifficulty uint64 = 1_000_000

// FairLaunchGenesis returns a fair-launch genesis: no balances, no stake,
// no sudo and no triumvirate, so total issuance starts at zero; subnet 1
// exists from genesis without an owner, with the given tempo, PoW and burn
// registration open, PoW at FairLaunchDifficulty, and an emission value of
// the whole block emission, so that it receives all emission (from the
// block after its first registration) until root validators set weights.
// TAO comes only from working: the first UIDs register by proof of work and
// are paid at subnet 1's epochs (see subtensor.GenesisSubnet).
func FairLaunchGenesis(chainID string, tempo uint16) *Genesis {
	g := DefaultGenesis(chainID)
	p := subtensor.DefaultSubnetParams(tempo)
	p.MinDifficulty, p.Difficulty = FairLaunchDifficulty, FairLaunchDifficulty
	g.Subtensor.Subnets = []subtensor.GenesisSubnet{{Netuid: 1, Params: &p, EmissionValue: coinbase.DefaultBlockEmission}}
	return g
}

// Validate checks the genesis without touching state.
func (g *Genesis) Validate() error {
	if g.ChainID == "" || len(g.ChainID) > tx.MaxChainIDBytes {
		return fmt.Errorf("%w: chain_id must be 1..%d bytes", ErrGenesisInvalid, tx.MaxChainIDBytes)
	}
	if g.Sudo != "" {
		if _, err := keys.ParseSS58(g.Sudo); err != nil {
			return fmt.Errorf("%w: sudo: %v", ErrGenesisInvalid, err)
		}
	}
	staked, err := g.Subtensor.Validate()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrGenesisInvalid, err)
	}
	if err := g.Governance.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrGenesisInvalid, err)
	}
	seen := make(map[keys.PublicKey]bool, len(g.Accounts))
	total := g.PendingEmission
	if total+staked < total || total+staked > bank.TotalSupply {
		return fmt.Errorf("%w: stake exceeds the total supply", ErrGenesisInvalid)
	}
	total += staked
	for i, a := range g.Accounts {
		pk, err := keys.ParseSS58(a.Address)
		if err != nil {
			return fmt.Errorf("%w: accounts[%d]: %v", ErrGenesisInvalid, i, err)
		}
		if seen[pk] {
			return fmt.Errorf("%w: accounts[%d]: duplicate address %s", ErrGenesisInvalid, i, a.Address)
		}
		seen[pk] = true
		if a.Balance != 0 && a.Balance < g.Params.ExistentialDeposit {
			return fmt.Errorf("%w: accounts[%d]: balance %d below existential deposit %d", ErrGenesisInvalid, i, a.Balance, g.Params.ExistentialDeposit)
		}
		if total+a.Balance < total || total+a.Balance > bank.TotalSupply {
			return fmt.Errorf("%w: balances exceed the total supply", ErrGenesisInvalid)
		}
		total += a.Balance
	}
	return nil
}

// InitGenesis validates g and writes it into kv. Accounts are written in
// address order whatever their order in g.
func InitGenesis(kv store.KV, g *Genesis) error {
	if err := g.Validate(); err != nil {
		return err
	}
	bank.SetExistentialDeposit(kv, g.Params.ExistentialDeposit)
	auth.SetBaseFee(kv, g.Params.BaseFee)
	accts := append([]GenesisAccount(nil), g.Accounts...)
	sort.Slice(accts, func(i, j int) bool { return accts[i].Address < accts[j].Address })
	total := g.PendingEmission
	for _, a := range accts {
		pk, _ := keys.ParseSS58(a.Address) // validated above
		if a.Balance > 0 {
			if err := bank.Credit(kv, pk, a.Balance); err != nil {
				return fmt.Errorf("chain: genesis account %s: %w", a.Address, err)
			}
		}
		auth.SetNonce(kv, pk, a.Nonce)
		total += a.Balance
	}
	coinbase.SetPendingEmission(kv, g.PendingEmission)
	var sudo keys.PublicKey
	if g.Sudo != "" {
		sudo, _ = keys.ParseSS58(g.Sudo) // validated above
	}
	staked, err := subtensor.InitGenesis(kv, &g.Subtensor, sudo, g.Sudo != "")
	if err != nil {
		return fmt.Errorf("chain: genesis: %w", err)
	}
	if err := governance.InitGenesis(kv, &g.Governance); err != nil {
		return fmt.Errorf("chain: genesis: %w", err)
	}
	bank.SetTotalIssuance(kv, total+staked)
	return nil
}

// ExportGenesis reads the core state back as a Genesis.
func ExportGenesis(kv store.Reader, chainID string) *Genesis {
	g := &Genesis{
		ChainID:         chainID,
		Params:          Params{ExistentialDeposit: bank.ExistentialDeposit(kv), BaseFee: auth.BaseFee(kv)},
		PendingEmission: coinbase.PendingEmission(kv),
		Subtensor:       subtensor.ExportGenesis(kv),
		Governance:      governance.ExportGenesis(kv),
	}
	if sudo, ok := subtensor.Sudo(kv); ok {
		g.Sudo = sudo.SS58()
	}
	seen := map[keys.PublicKey]int{}
	bank.Accounts(kv, func(acct keys.PublicKey, free uint64) bool {
		seen[acct] = len(g.Accounts)
		g.Accounts = append(g.Accounts, GenesisAccount{Address: acct.SS58(), Balance: free, Nonce: auth.Nonce(kv, acct)})
		return true
	})
	auth.Nonces(kv, func(acct keys.PublicKey, nonce uint64) bool {
		if _, ok := seen[acct]; !ok {
			g.Accounts = append(g.Accounts, GenesisAccount{Address: acct.SS58(), Nonce: nonce})
		}
		return true
	})
	sort.Slice(g.Accounts, func(i, j int) bool { return g.Accounts[i].Address < g.Accounts[j].Address })
	return g
}
