package axon

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWorkerPoolPriorityOrder(t *testing.T) {
	p := newWorkerPool(1, 10)
	ctx := context.Background()
	if err := p.acquire(ctx, 0); err != nil {
		t.Fatal(err)
	}
	order := make(chan float64, 4)
	for i, prio := range []float64{1, 5, 3, 5} {
		go func() {
			if err := p.acquire(ctx, prio); err != nil {
				t.Error(err)
				return
			}
			order <- prio
			p.release()
		}()
		// Wait until this waiter is queued so that arrival order is fixed.
		deadline := time.Now().Add(2 * time.Second)
		for queuedSoFar(p) != i+1 {
			if time.Now().After(deadline) {
				t.Fatal("waiter never queued")
			}
			time.Sleep(time.Millisecond)
		}
	}
	p.release()
	var got []float64
	for range 4 {
		got = append(got, <-order)
	}
	want := []float64{5, 5, 3, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("grant order %v, want %v", got, want)
		}
	}
}

// queuedSoFar is the queue length, read under the lock.
func queuedSoFar(p *workerPool) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue)
}

func TestWorkerPoolFullAndTimeout(t *testing.T) {
	p := newWorkerPool(1, 1)
	if err := p.acquire(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.acquire(ctx, 0) }()
	for queuedSoFar(p) == 0 {
		time.Sleep(time.Millisecond)
	}
	if err := p.acquire(context.Background(), 9); !errors.Is(err, errPoolFull) {
		t.Fatalf("full queue: err = %v", err)
	}
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("queued: err = %v", err)
	}
	if queuedSoFar(p) != 0 {
		t.Fatal("timed-out waiter left in the queue")
	}
	p.release()
	if err := p.acquire(context.Background(), 0); err != nil {
		t.Fatalf("slot lost after timeout: %v", err)
	}
}

func TestNonceStoreSweeps(t *testing.T) {
	n := newNonceStore()
	if !n.commit("a", 10, 0, 0, time.Hour) || n.commit("a", 10, 0, 0, time.Hour) || n.commit("a", 9, 0, 0, time.Hour) {
		t.Fatal("commit must accept only increasing nonces")
	}
	if !n.commit("b", 100, 0, 0, time.Hour) {
		t.Fatal("commit b")
	}
	// Not yet time to sweep.
	if !n.commit("c", 200, 10, 150, time.Hour) || n.len() != 3 {
		t.Fatalf("len = %d before the sweep time", n.len())
	}
	// Sweep: entries at or below the floor go.
	if !n.commit("d", 300, int64(2*time.Hour), 150, time.Hour) {
		t.Fatal("commit d")
	}
	if n.len() != 2 {
		t.Fatalf("len = %d after sweep, want 2 (c, d)", n.len())
	}
	if _, ok := n.get("a"); ok {
		t.Fatal("a survived the sweep")
	}
}

func TestClampTimeout(t *testing.T) {
	a := &Axon{cfg: DefaultConfig()}
	tests := []struct {
		in   float64
		want time.Duration
	}{
		{12, 12 * time.Second}, {0.5, 500 * time.Millisecond}, {0, 12 * time.Second}, {-3, 12 * time.Second},
		{1e12, 60 * time.Second}, {61, 60 * time.Second},
	}
	for _, tt := range tests {
		if got := a.clampTimeout(tt.in); got != tt.want {
			t.Errorf("clampTimeout(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
