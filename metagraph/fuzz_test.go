package metagraph_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/metagraph"
)

// rawSource answers every Metagraph call with one decoded body.
type rawSource struct{ m *apitypes.Metagraph }

func (r rawSource) Metagraph(context.Context, uint16, bool) (*apitypes.Metagraph, error) {
	return r.m, nil
}
func (r rawSource) Subscribe(context.Context) (<-chan apitypes.Block, error) {
	return make(chan apitypes.Block), nil
}

// FuzzSync feeds arbitrary node responses to Sync: it must never panic, and
// a snapshot it accepts must be internally consistent (every column N long,
// every hotkey found at its UID).
func FuzzSync(f *testing.F) {
	valid, _ := json.Marshal(validMetagraph(3))
	f.Add(valid, false)
	f.Add(valid, true)
	f.Add([]byte(`{"netuid":1,"n":1,"uids":[0]}`), true)
	f.Add([]byte(`{"netuid":1,"n":0}`), false)
	f.Fuzz(func(t *testing.T, body []byte, lite bool) {
		var m apitypes.Metagraph
		if json.Unmarshal(body, &m) != nil {
			return
		}
		mg := metagraph.New(rawSource{&m}, 1)
		if err := mg.Sync(context.Background(), lite); err != nil {
			if mg.Snapshot() != nil {
				t.Fatal("a failed first sync left a snapshot")
			}
			return
		}
		s := mg.Snapshot()
		if len(s.Hotkeys) != s.N || len(s.Stake) != s.N || len(s.Axons) != s.N || len(s.Addresses) != s.N || len(s.Incentive) != s.N {
			t.Fatalf("columns disagree with n %d", s.N)
		}
		for i, hk := range s.Hotkeys {
			if uid, ok := s.UIDOf(hk); !ok || int(uid) != i || mg.Stake(hk) != s.Stake[i] {
				t.Fatalf("hotkey %d: uid %d %v", i, uid, ok)
			}
		}
		if !lite {
			_ = s.WeightMatrix()
			_ = s.BondMatrix()
		}
	})
}
