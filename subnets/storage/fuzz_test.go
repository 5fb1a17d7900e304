package storage

import (
	"context"
	"encoding/hex"
	"sync"
	"testing"

	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
	"github.com/taonet/taonet/synapse"
)

// FuzzAuditFromNetwork feeds a miner arbitrary challenges and a validator
// arbitrary answers: neither may panic, and only the true leaf passes.
func FuzzAuditFromNetwork(f *testing.F) {
	data := make([]byte, 8<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	cid := st.Sum(data)
	chunk := st.Chunk{CID: cid, Size: len(data), Root: st.Root(data)}
	f.Add(cid.String(), hex.EncodeToString(make([]byte, 32)), int64(1<<40), "AAAA", "00")
	f.Add("bafkrei", "zz", int64(-1), "", "")
	f.Fuzz(func(t *testing.T, c, seed string, deadline int64, leaf, path string) {
		s := NewStore(1 << 20)
		if err := s.Put(cid, data); err != nil {
			t.Fatal(err)
		}
		m := &Miner{Store: s}
		q := synapse.New(&AuditChunk{}).(*AuditChunk)
		q.CID, q.Seed, q.Deadline = c, seed, deadline
		_ = m.auditForward(context.Background(), q) // must not panic

		ans := synapse.New(&AuditChunk{}).(*AuditChunk)
		ans.Leaf, ans.Path = leaf, []string{path}
		p, err := proofOf(ans, cid)
		if err != nil {
			return
		}
		var sd [32]byte
		copy(sd[:], seed)
		ch := st.Challenge{CID: cid, Seed: sd, Deadline: 1 << 40}
		if ch.Check(chunk, p, 0) == nil {
			want, err := st.Answer(ch, data)
			if err != nil || string(want.Leaf) != string(p.Leaf) {
				t.Fatal("a forged answer passed the audit")
			}
		}
	})
}

// FuzzDHTPeerFromNetwork: whatever a miner's DHTPeer answer holds,
// Connect refuses it by name or dials; it never panics.
func FuzzDHTPeerFromNetwork(f *testing.F) {
	f.Add("12D3KooWAbc", "/ip4/127.0.0.1/tcp/1")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, id, addr string) {
		r := fuzzRouting(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // parsing only: no dialling
		_ = r.Connect(ctx, id, []string{addr})
	})
}

var fuzzNode struct {
	once sync.Once
	node *routing.Node
	err  error
}

// fuzzRouting is one DHT node shared by a fuzz run's inputs.
func fuzzRouting(t *testing.T) *routing.Node {
	fuzzNode.once.Do(func() { fuzzNode.node, fuzzNode.err = routing.New(routing.Config{}) })
	if fuzzNode.err != nil {
		t.Fatal(fuzzNode.err)
	}
	return fuzzNode.node
}
