package subtensor

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// ErrGenesisInvalid is returned by Genesis.Validate.
var ErrGenesisInvalid = errors.New("subtensor: invalid genesis")

// Genesis is the subtensor module's genesis: network parameters and
// initial stake. The root network (netuid 0) is always created.
type Genesis struct {
	// Params are the network parameters (nil: DefaultNetworkParams).
	Params *NetworkParams `json:"params,omitempty"`
	// Stakes are initial stakes; each hotkey is owned by the first coldkey
	// (in key order) staking on it.
	Stakes []GenesisStake `json:"stakes,omitempty"`
}

// GenesisStake is one initial (hotkey, coldkey) stake in rao.
type GenesisStake struct {
	Hotkey  string `json:"hotkey"`
	Coldkey string `json:"coldkey"`
	Amount  uint64 `json:"amount"`
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

// Validate checks g without touching state and returns the total stake it creates.
func (g *Genesis) Validate() (uint64, error) {
	_, total, err := g.parse()
	return total, err
}

// InitGenesis writes g (and the root network) into kv and returns the rao
// it placed on the books as stake. sudo is set when hasSudo.
func InitGenesis(kv store.KV, g *Genesis, sudo keys.PublicKey, hasSudo bool) (uint64, error) {
	stakes, total, err := g.parse()
	if err != nil {
		return 0, err
	}
	np := DefaultNetworkParams()
	if g.Params != nil {
		np = *g.Params
	}
	SetNetwork(kv, np)
	SetSudo(kv, sudo, hasSudo)
	rp := DefaultRootParams()
	setParams(kv, RootNetUID, &rp)
	setState(kv, RootNetUID, &SubnetState{})
	for _, s := range stakes {
		createAccountIfNonExistent(kv, s.cold, s.hot)
		if err := increaseStake(kv, s.hot, s.cold, s.amount); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// ExportGenesis reads the module's genesis back: the network parameters and
// every stake, in key order. (Subnets, neurons and pending emission are not
// exported.)
func ExportGenesis(kv store.Reader) Genesis {
	np := Network(kv)
	g := Genesis{Params: &np}
	p := key(subStake)
	it := kv.Iterator(p, store.PrefixEnd(p))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		var hk, ck keys.PublicKey
		copy(hk[:], it.Key()[len(p):])
		copy(ck[:], it.Key()[len(p)+32:])
		amount := getU64(kv, it.Key())
		g.Stakes = append(g.Stakes, GenesisStake{Hotkey: hk.SS58(), Coldkey: ck.SS58(), Amount: amount})
	}
	return g
}
