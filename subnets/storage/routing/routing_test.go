package routing

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	st "github.com/taonet/taonet/storage"
)

func newNode(t *testing.T, server bool) *Node {
	t.Helper()
	n, err := New(Config{Server: server})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// TestProvideAndFind: six miners bootstrapped from one peer each (as from
// the axon list) announce chunks; a client that knows only two of them
// finds every holder of every chunk.
func TestProvideAndFind(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	miners := make([]*Node, 6)
	for i := range miners {
		miners[i] = newNode(t, true)
		if i > 0 { // a chain: each knows only the one before it
			if err := miners[i].Connect(ctx, miners[i-1].ID(), miners[i-1].Addrs()); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range miners {
		if err := m.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	chunks := []st.CID{st.Sum([]byte("a")), st.Sum([]byte("b")), st.Sum([]byte("c"))}
	holders := map[st.CID][]string{}
	for i, c := range chunks {
		for _, m := range []*Node{miners[i], miners[(i+3)%6]} {
			if err := m.Provide(ctx, c); err != nil {
				t.Fatal(err)
			}
			holders[c] = append(holders[c], m.ID())
		}
	}
	client := newNode(t, false)
	for _, m := range miners[4:] {
		if err := client.Connect(ctx, m.ID(), m.Addrs()); err != nil {
			t.Fatal(err)
		}
	}
	if err := client.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range chunks {
		got := client.FindHolders(ctx, c, 10)
		slices.Sort(got)
		want := slices.Clone(holders[c])
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("holders of %s: got %v, want %v", c, got, want)
		}
	}
	if got := client.FindHolders(ctx, st.Sum([]byte("nobody")), 10); len(got) != 0 {
		t.Errorf("holders of an unannounced chunk: %v", got)
	}
}

func TestBadInput(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n := newNode(t, true)
	if err := n.Connect(ctx, "not-a-peer", nil); !errors.Is(err, ErrBadPeer) {
		t.Errorf("bad id: %v", err)
	}
	if err := n.Connect(ctx, n.ID(), []string{"/nonsense"}); err != nil {
		t.Errorf("self is skipped: %v", err)
	}
	other := newNode(t, true)
	if err := n.Connect(ctx, other.ID(), []string{"/nonsense"}); !errors.Is(err, ErrBadPeer) {
		t.Errorf("bad address: %v", err)
	}
	if err := n.Provide(ctx, st.Sum(nil)); !errors.Is(err, ErrNoPeers) {
		t.Errorf("announce without peers: %v", err)
	}
}
