package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	st "github.com/taonet/taonet/storage"
)

// TestTaskRanksMiners: over rounds of the validator's task, an honest miner
// earns the most, a slow one less, and a lazy one that drops half of the
// chunks falls to the bottom.
func TestTaskRanksMiners(t *testing.T) {
	ctx := context.Background()
	behaviour := func(i int, a *axon.Axon, s *Store) error {
		switch i {
		case 1: // lazy: keeps every other chunk
			n := 0
			s.Keep = func(st.CID) bool { n++; return n%2 == 1 }
		case 2: // slow: answers after 150 ms
			return (&Miner{Store: s, Delay: 150 * time.Millisecond}).Attach(a)
		}
		return Attach(a, s)
	}
	ms := startMiners(t, 3, identity, behaviour)
	c := client(t, ms)
	task := NewTask()
	total := make([]float64, len(ms))
	for step := range 8 {
		r, err := task.NewRound(ctx, uint64(step))
		if err != nil {
			t.Fatal(err)
		}
		responses := make([][]dendrite.Response, len(ms))
		for i := range ms {
			for _, req := range r.Requests() {
				responses[i] = append(responses[i], c.call(ctx, i, req))
			}
		}
		for i, v := range r.Rewards([]uint16{0, 1, 2}, responses) {
			total[i] += v
		}
	}
	if !(total[0] > total[2] && total[2] > total[1]) {
		t.Fatalf("rewards honest %.3f, slow %.3f, lazy %.3f: want honest > slow > lazy", total[0], total[2], total[1])
	}
	// Test chunks out of the audit window were released: the honest
	// miner keeps only the window's.
	if n := len(ms[0].store.CIDs()); n != 2*auditDepth {
		t.Fatalf("the honest miner holds %d test chunks after 8 rounds, want %d", n, 2*auditDepth)
	}
	// Only their storer may release chunks.
	if err := ms[0].store.Release(ms[0].store.CIDs()[0], "someone else"); !errors.Is(err, ErrNotStorer) {
		t.Fatalf("release by another: %v", err)
	}
}

// TestFullStoreRecordsNoStorer: a store refused as full changes nothing,
// not even who stored what.
func TestFullStoreRecordsNoStorer(t *testing.T) {
	s := NewStore(4)
	big := []byte("too big")
	if err := s.PutFor(st.Sum(big), big, "alice"); !errors.Is(err, ErrFull) {
		t.Fatalf("put over capacity: %v", err)
	}
	if err := s.Release(st.Sum(big), "alice"); !errors.Is(err, ErrNotStorer) {
		t.Fatalf("release after a refused put: %v", err)
	}
	if len(s.CIDs()) != 0 || len(s.storers) != 0 {
		t.Fatalf("a refused put left %d chunks and %d storer records", len(s.CIDs()), len(s.storers))
	}
}
