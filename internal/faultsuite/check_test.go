package faultsuite

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taonet/taonet/keys"
)

// healthy returns two nodes that agree, with txs a and b committed once.
func healthy() []NodeView {
	mk := func(name string) NodeView {
		return NodeView{
			Name: name, Base: 1,
			Blocks: map[int64]BlockView{
				1: {Hash: "h1", AppHash: "a1", Txs: []string{"a"}},
				2: {Hash: "h2", AppHash: "a2", Txs: []string{"b"}},
			},
			Balances:      map[string]uint64{"x": 60, "y": 40},
			TotalIssuance: 100,
		}
	}
	return []NodeView{mk("n0"), mk("n1")}
}

// TestCheckFindsFaults: each broken promise is reported, naming it.
func TestCheckFindsFaults(t *testing.T) {
	if err := Check([]string{"a", "b"}, healthy()); err != nil {
		t.Fatalf("healthy network: %v", err)
	}
	tests := []struct {
		name    string
		corrupt func(v []NodeView)
		want    string
	}{
		{"double commit", func(v []NodeView) {
			b := v[1].Blocks[2]
			b.Txs = append(b.Txs, "a")
			v[1].Blocks[2] = b
		}, "committed 2 times"},
		{"missing tx", func(v []NodeView) { v[1].Blocks[2] = BlockView{Hash: "h2", AppHash: "a2"} }, "is not committed"},
		{"app hash mismatch", func(v []NodeView) {
			b := v[1].Blocks[1]
			b.AppHash = "other"
			v[1].Blocks[1] = b
		}, "height 1"},
		{"balances do not add up", func(v []NodeView) { v[0].Balances["x"] = 61 }, "add up"},
		{"balances differ", func(v []NodeView) { v[1].Balances["x"], v[1].Balances["y"] = 50, 50 }, "balance of"},
		{"unindexed", func(v []NodeView) { v[0].Unindexed = []string{"b"} }, "GET /v1/tx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := healthy()
			tt.corrupt(v)
			err := Check([]string{"a", "b"}, v)
			if !errors.Is(err, ErrFault) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want ErrFault mentioning %q", err, tt.want)
			}
		})
	}
	// A state-synced node without the early blocks still passes.
	v := healthy()
	v[1].Base = 2
	delete(v[1].Blocks, 1)
	if err := Check([]string{"a", "b"}, v); err != nil {
		t.Fatalf("state-synced node: %v", err)
	}
}

// fakeNet is a Submitter whose node 0 loses everything it accepts (a node
// killed before gossiping) and whose node 1 commits what it gets.
type fakeNet struct {
	mu        sync.Mutex
	submitted map[int][][]byte
	committed map[string]int
}

func (f *fakeNet) Nodes() int { return 2 }

func (f *fakeNet) Submit(_ context.Context, i int, raw []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.submitted[i] = append(f.submitted[i], raw)
	h := hashOf(raw)
	if f.committed[h] > 0 {
		return errStale
	}
	if i == 1 {
		f.committed[h]++
	}
	return nil
}

func (f *fakeNet) Committed(_ context.Context, i int, hash string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i == 0 {
		return false, errors.New("node down")
	}
	return f.committed[hash] > 0, nil
}

// TestLoadResubmitsTheSameBytes: a tx lost with a node is submitted again
// as the same bytes (never re-signed), and counted once.
func TestLoadResubmitsTheSameBytes(t *testing.T) {
	alice, err := keys.FromURI("//Alice")
	if err != nil {
		t.Fatal(err)
	}
	l := &Load{ChainID: "fake", Senders: []*keys.Keypair{alice}, Receivers: []keys.PublicKey{{1}}, Value: 1, CommitTimeout: 50 * time.Millisecond}
	f := &fakeNet{submitted: map[int][][]byte{}, committed: map[string]int{}}
	n, err := l.Run(context.Background(), f, 4, 10*time.Second)
	if err != nil || n != 4 {
		t.Fatalf("Run = %d, %v", n, err)
	}
	if len(l.Accepted()) != 4 || l.Resubmissions.Load() == 0 {
		t.Fatalf("accepted %d, resubmissions %d", len(l.Accepted()), l.Resubmissions.Load())
	}
	// Every tx node 0 lost reached node 1 as the very same bytes.
	for _, raw := range f.submitted[0] {
		if f.committed[hashOf(raw)] != 1 {
			t.Fatalf("tx %s lost by node 0 was not committed exactly once", hashOf(raw)[:8])
		}
	}
	if len(f.committed) != 4 {
		t.Fatalf("%d distinct txs committed, want 4 (one per nonce)", len(f.committed))
	}
}
