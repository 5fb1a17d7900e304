package governance

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"

	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// ErrGenesisInvalid is returned by Genesis.Validate.
var ErrGenesisInvalid = errors.New("governance: invalid genesis")

// Genesis is the committees' initial state.
type Genesis struct {
	// Params are the committee parameters (nil: DefaultParams).
	Params *Params `json:"params,omitempty"`
	// Triumvirate are the SS58 accounts that may propose (localnet: //Alice).
	Triumvirate []string `json:"triumvirate,omitempty"`
	// Records are the senate, open motions and proposal count as
	// ExportGenesis writes them (hex); hand-written geneses leave it empty.
	Records []subtensor.Record `json:"records,omitempty"`
}

// Validate checks the genesis without touching state.
func (g *Genesis) Validate() error {
	p := DefaultParams()
	if g.Params != nil {
		p = *g.Params
	}
	if p.MaxTriumvirate == 0 || p.MaxSenate == 0 || p.MaxProposals == 0 {
		return fmt.Errorf("%w: params: committee sizes and max_proposals must be positive", ErrGenesisInvalid)
	}
	if uint32(len(g.Triumvirate)) > p.MaxTriumvirate {
		return fmt.Errorf("%w: triumvirate: %d members > %d", ErrGenesisInvalid, len(g.Triumvirate), p.MaxTriumvirate)
	}
	seen := map[keys.PublicKey]bool{}
	for i, a := range g.Triumvirate {
		k, err := keys.ParseSS58(a)
		if err != nil {
			return fmt.Errorf("%w: triumvirate[%d]: %v", ErrGenesisInvalid, i, err)
		}
		if seen[k] {
			return fmt.Errorf("%w: triumvirate[%d]: duplicate %s", ErrGenesisInvalid, i, a)
		}
		seen[k] = true
	}
	_, err := g.records()
	return err
}

func (g *Genesis) records() ([][2][]byte, error) {
	out := make([][2][]byte, len(g.Records))
	for i, r := range g.Records {
		k, err1 := hex.DecodeString(r.Key)
		v, err2 := hex.DecodeString(r.Value)
		if err1 != nil || err2 != nil || len(k) < 2 || k[0] != Prefix || k[1] == subParams || k[1] == subTriumvirate {
			return nil, fmt.Errorf("%w: records[%d]: bad key or value", ErrGenesisInvalid, i)
		}
		if i > 0 && bytes.Compare(out[i-1][0], k) >= 0 {
			return nil, fmt.Errorf("%w: records[%d]: keys must be sorted and unique", ErrGenesisInvalid, i)
		}
		out[i] = [2][]byte{k, v}
	}
	return out, nil
}

// InitGenesis validates g and writes it into kv.
func InitGenesis(kv store.KV, g *Genesis) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if g.Params != nil && *g.Params != DefaultParams() {
		SetParams(kv, *g.Params) // absent params read as the defaults
	}
	for _, a := range g.Triumvirate {
		k, _ := keys.ParseSS58(a) // validated above
		kv.Set(triumvirateKey(k), []byte{})
	}
	recs, _ := g.records() // validated above
	for _, r := range recs {
		kv.Set(r[0], r[1])
	}
	return nil
}

// ExportGenesis reads the module's state back as a Genesis.
func ExportGenesis(kv store.Reader) Genesis {
	p := GetParams(kv)
	g := Genesis{Params: &p}
	for _, k := range Triumvirate(kv) {
		g.Triumvirate = append(g.Triumvirate, k.SS58())
	}
	sort.Strings(g.Triumvirate)
	for _, sub := range []byte{subSenate, subMotion, subCount} {
		pre := []byte{Prefix, sub}
		it := kv.Iterator(pre, store.PrefixEnd(pre))
		for ; it.Valid(); it.Next() {
			g.Records = append(g.Records, subtensor.Record{Key: hex.EncodeToString(it.Key()), Value: hex.EncodeToString(it.Value())})
		}
		it.Close()
	}
	return g
}
