package subtensor

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// ErrGenesisInvalid is returned by Genesis.Validate.
var ErrGenesisInvalid = errors.New("subtensor: invalid genesis")

// Genesis is the subtensor module's genesis: network parameters, initial
// stake and subnets. The root network (netuid 0) is always created.
type Genesis struct {
	// Params are the network parameters (nil: DefaultNetworkParams).
	Params *NetworkParams `json:"params,omitempty"`
	// Subnets are ownerless subnets that exist from genesis (a fair launch's
	// subnet 1); an export carries every subnet in Records instead.
	Subnets []GenesisSubnet `json:"subnets,omitempty"`
	// Childkeys are the childkey parameters (nil: the reference's; a
	// localnet uses LocalnetChildkeyParams).
	Childkeys *ChildkeyParams `json:"childkeys,omitempty"`
	// Stakes are initial stakes; each hotkey is owned by the first coldkey
	// (in key order) staking on it.
	Stakes []GenesisStake `json:"stakes,omitempty"`
	// Records are raw module state (subnets, neurons, weights, stake, ...)
	// as ExportGenesis writes it; hand-written geneses leave it empty. The
	// block-hash ring, used PoW work and the sudo key are never records.
	Records []Record `json:"records,omitempty"`
}

// Record is one raw state entry of the module, hex-encoded.
type Record struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// exportable reports whether a module key belongs in a genesis export.
func exportable(k []byte) bool {
	if len(k) < 2 || k[0] != Prefix {
		return false
	}
	switch k[1] {
	case subSudo, subBlockHash, subUsedWork:
		return false
	}
	return true
}

// GenesisStake is one initial (hotkey, coldkey) stake in rao.
type GenesisStake struct {
	Hotkey  string `json:"hotkey"`
	Coldkey string `json:"coldkey"`
	Amount  uint64 `json:"amount"`
}

// GenesisSubnet is a subnet that exists from genesis without an owner, as
// a fair launch's subnet 1 does: no lock is taken and none is returned, no
// owner cut is paid (the whole emission goes through Yuma), only sudo or a
// passed motion may change its hyperparameters, and while none of its UIDs
// holds stake its epoch weighs them equally (see EpochInput). It starts
// with no UIDs and receives no emission until one registers.
type GenesisSubnet struct {
	// Netuid is the subnet's id: non-zero, unique among the genesis subnets.
	Netuid uint16 `json:"netuid"`
	// Params are its hyperparameters (nil: DefaultSubnetParams with the
	// network's DefaultTempo).
	Params *SubnetParams `json:"params,omitempty"`
	// EmissionValue is its share of each block's emission in rao, as the
	// 2023 chain's sudo-set emission values (specs/chain.md §1.4), until a
	// root epoch with stake-backed root weights sets another. Subnets share
	// a block's emission in proportion to their values, so one subnet with
	// any non-zero value receives all of it.
	EmissionValue uint64 `json:"emission_value"`
}

// validate checks s's netuid and the bounds the registration and epoch
// code rely on.
func (s *GenesisSubnet) validate(np *NetworkParams) error {
	if s.Netuid == RootNetUID {
		return errors.New("netuid 0 is the root network")
	}
	p := s.params(np)
	switch {
	case p.MaxAllowedUIDs == 0 || p.MaxAllowedUIDs > MaxUIDs:
		return fmt.Errorf("max_allowed_uids %d not in 1..%d", p.MaxAllowedUIDs, MaxUIDs)
	case p.MaxAllowedValidators > p.MaxAllowedUIDs:
		return fmt.Errorf("max_validators %d above max_allowed_uids %d", p.MaxAllowedValidators, p.MaxAllowedUIDs)
	case p.Difficulty < p.MinDifficulty || p.Difficulty > p.MaxDifficulty:
		return fmt.Errorf("difficulty %d not in [min_difficulty %d, max_difficulty %d]", p.Difficulty, p.MinDifficulty, p.MaxDifficulty)
	case p.Burn < p.MinBurn || p.Burn > p.MaxBurn:
		return fmt.Errorf("burn %d not in [min_burn %d, max_burn %d]", p.Burn, p.MinBurn, p.MaxBurn)
	}
	return nil
}

// params returns s's hyperparameters, the defaults when it names none.
func (s *GenesisSubnet) params(np *NetworkParams) SubnetParams {
	if s.Params != nil {
		return *s.Params
	}
	return DefaultSubnetParams(np.DefaultTempo)
}

// network returns g's network parameters, the defaults when it names none.
func (g *Genesis) network() NetworkParams {
	if g.Params != nil {
		return *g.Params
	}
	return DefaultNetworkParams()
}

// subnets checks the genesis subnets and returns them in netuid order.
func (g *Genesis) subnets() ([]GenesisSubnet, error) {
	np := g.network()
	if len(g.Subnets) > int(np.SubnetLimit) {
		return nil, fmt.Errorf("%w: %d subnets, limit %d", ErrGenesisInvalid, len(g.Subnets), np.SubnetLimit)
	}
	out := append([]GenesisSubnet(nil), g.Subnets...)
	for i := range out {
		if err := out[i].validate(&np); err != nil {
			return nil, fmt.Errorf("%w: subnets[%d]: %v", ErrGenesisInvalid, i, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Netuid < out[j].Netuid })
	for i := 1; i < len(out); i++ {
		if out[i].Netuid == out[i-1].Netuid {
			return nil, fmt.Errorf("%w: subnets: netuid %d twice", ErrGenesisInvalid, out[i].Netuid)
		}
	}
	return out, nil
}

// DefaultGenesis returns a genesis with the default network parameters.
func DefaultGenesis() Genesis {
	p := DefaultNetworkParams()
	return Genesis{Params: &p}
}

type parsedStake struct {
	hot, cold keys.PublicKey
	amount    uint64
}

func (g *Genesis) records() ([][2][]byte, error) {
	out := make([][2][]byte, len(g.Records))
	for i, r := range g.Records {
		k, err1 := hex.DecodeString(r.Key)
		v, err2 := hex.DecodeString(r.Value)
		if err1 != nil || err2 != nil || !exportable(k) {
			return nil, fmt.Errorf("%w: records[%d]: bad key or value", ErrGenesisInvalid, i)
		}
		if i > 0 && bytes.Compare(out[i-1][0], k) >= 0 {
			return nil, fmt.Errorf("%w: records[%d]: keys must be sorted and unique", ErrGenesisInvalid, i)
		}
		out[i] = [2][]byte{k, v}
	}
	return out, nil
}

func (g *Genesis) parse() ([]parsedStake, uint64, error) {
	out := make([]parsedStake, 0, len(g.Stakes))
	seen := map[[64]byte]bool{}
	var total uint64
	for i, s := range g.Stakes {
		hk, err := keys.ParseSS58(s.Hotkey)
		if err != nil {
			return nil, 0, fmt.Errorf("%w: stakes[%d].hotkey: %v", ErrGenesisInvalid, i, err)
		}
		ck, err := keys.ParseSS58(s.Coldkey)
		if err != nil {
			return nil, 0, fmt.Errorf("%w: stakes[%d].coldkey: %v", ErrGenesisInvalid, i, err)
		}
		var pair [64]byte
		copy(pair[:32], hk[:])
		copy(pair[32:], ck[:])
		if seen[pair] {
			return nil, 0, fmt.Errorf("%w: stakes[%d]: duplicate (hotkey, coldkey)", ErrGenesisInvalid, i)
		}
		seen[pair] = true
		if s.Amount == 0 || total+s.Amount < total {
			return nil, 0, fmt.Errorf("%w: stakes[%d]: amount must be positive and the sum fit in u64", ErrGenesisInvalid, i)
		}
		total += s.Amount
		out = append(out, parsedStake{hk, ck, s.Amount})
	}
	sort.Slice(out, func(i, j int) bool {
		if c := bytes.Compare(out[i].hot[:], out[j].hot[:]); c != 0 {
			return c < 0
		}
		return bytes.Compare(out[i].cold[:], out[j].cold[:]) < 0
	})
	return out, total, nil
}

// Validate checks g without touching state. It returns the total stake its
// Stakes create (Records carry their own amounts, counted by InitGenesis).
func (g *Genesis) Validate() (uint64, error) {
	if _, err := g.records(); err != nil {
		return 0, err
	}
	if _, err := g.subnets(); err != nil {
		return 0, err
	}
	_, total, err := g.parse()
	return total, err
}

// InitGenesis writes g (and the root network, unless Records hold it) into
// kv and returns the rao it placed on the module's books: stake, subnets'
// pending emission and locks. sudo is set when hasSudo.
func InitGenesis(kv store.KV, g *Genesis, sudo keys.PublicKey, hasSudo bool) (uint64, error) {
	stakes, _, err := g.parse()
	if err != nil {
		return 0, err
	}
	recs, err := g.records()
	if err != nil {
		return 0, err
	}
	subnets, err := g.subnets()
	if err != nil {
		return 0, err
	}
	for _, r := range recs {
		kv.Set(r[0], r[1])
	}
	np := g.network()
	SetNetwork(kv, np)
	SetSudo(kv, sudo, hasSudo)
	if g.Childkeys != nil {
		setChildkeys(kv, *g.Childkeys)
	}
	if !SubnetExists(kv, RootNetUID) {
		rp := DefaultRootParams()
		setParams(kv, RootNetUID, &rp)
		setState(kv, RootNetUID, &SubnetState{})
	}
	for _, s := range subnets {
		if SubnetExists(kv, s.Netuid) {
			return 0, fmt.Errorf("%w: subnet %d is also in records", ErrGenesisInvalid, s.Netuid)
		}
		p := s.params(&np)
		setParams(kv, s.Netuid, &p)
		setState(kv, s.Netuid, &SubnetState{EmissionValue: s.EmissionValue})
	}
	for _, s := range stakes {
		createAccountIfNonExistent(kv, s.cold, s.hot)
		if err := increaseStake(kv, s.hot, s.cold, s.amount); err != nil {
			return 0, err
		}
	}
	held := TotalStake(kv)
	for _, id := range Netuids(kv) {
		st := State(kv, id)
		if held+st.PendingEmission+st.Locked < held {
			return 0, fmt.Errorf("%w: holdings overflow", ErrGenesisInvalid)
		}
		held += st.PendingEmission + st.Locked
	}
	return held, nil
}

// ExportGenesis reads the module's state back as a genesis: the network
// parameters and every other record (subnets, neurons, weights, bonds,
// stake, delegates, ...) in key order, except the block-hash ring, used PoW
// work and the sudo key (chain.Genesis carries sudo).
func ExportGenesis(kv store.Reader) Genesis {
	np := Network(kv)
	g := Genesis{Params: &np}
	p := []byte{Prefix}
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		k := it.Key()
		if !exportable(k) || k[1] == subNetworkParams {
			continue
		}
		g.Records = append(g.Records, Record{Key: hex.EncodeToString(k), Value: hex.EncodeToString(it.Value())})
	}
	return g
}
