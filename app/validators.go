package app

import (
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	cryptoenc "github.com/cometbft/cometbft/crypto/encoding"

	"github.com/taonet/taonet/chain/authority"
	"github.com/taonet/taonet/chain/module"
)

// genesisAuthorities converts CometBFT's genesis validators (InitChain) into
// the authority module's set. Only ed25519 keys are supported.
func genesisAuthorities(vs []abci.ValidatorUpdate) ([]authority.Authority, error) {
	out := make([]authority.Authority, 0, len(vs))
	for i, v := range vs {
		k := v.PubKey.GetEd25519()
		if len(k) != ed25519.PubKeySize || v.Power <= 0 {
			return nil, fmt.Errorf("app: genesis validator %d: want an ed25519 key and a positive power", i)
		}
		var a authority.Authority
		copy(a.Key[:], k)
		a.Power = uint64(v.Power)
		out = append(out, a)
	}
	return out, nil
}

// validatorUpdates turns the end-of-block ValidatorUpdate events into
// CometBFT's validator updates (nil when the set did not change). A
// malformed event halts the node: CometBFT must never run a set that
// differs from the chain state.
func validatorUpdates(end []module.Event) []abci.ValidatorUpdate {
	ups, err := authority.Updates(end)
	if err != nil {
		panic(fmt.Sprintf("app: %v", err))
	}
	var out []abci.ValidatorUpdate
	for _, u := range ups {
		pk, err := cryptoenc.PubKeyToProto(ed25519.PubKey(u.Key[:]))
		if err != nil {
			panic(fmt.Sprintf("app: validator key: %v", err)) // a 32-byte ed25519 key always converts
		}
		out = append(out, abci.ValidatorUpdate{PubKey: pk, Power: u.Power})
	}
	return out
}
