package axon

import (
	"container/heap"
	"context"
	"errors"
	"sync"
)

// errPoolFull is returned by workerPool.acquire when no worker is free and
// the wait queue is full.
var errPoolFull = errors.New("axon: worker queue full")

// workerPool hands out MaxWorkers slots. When none is free, callers wait in
// a queue ordered by priority (higher first, then arrival), like the
// reference's PriorityThreadPoolExecutor.
type workerPool struct {
	mu         sync.Mutex
	free       int
	maxPending int
	seq        uint64
	queue      waitQueue
}

type waiter struct {
	prio    float64
	seq     uint64
	index   int
	granted bool
	ch      chan struct{}
}

func newWorkerPool(workers, maxPending int) *workerPool {
	return &workerPool{free: workers, maxPending: maxPending}
}

// acquire takes a slot, waiting in priority order until ctx is done. It
// returns errPoolFull at once when the queue is full, or ctx.Err().
func (p *workerPool) acquire(ctx context.Context, prio float64) error {
	p.mu.Lock()
	if p.free > 0 && len(p.queue) == 0 {
		p.free--
		p.mu.Unlock()
		return nil
	}
	if len(p.queue) >= p.maxPending {
		p.mu.Unlock()
		return errPoolFull
	}
	p.seq++
	w := &waiter{prio: prio, seq: p.seq, ch: make(chan struct{})}
	heap.Push(&p.queue, w)
	p.mu.Unlock()

	select {
	case <-w.ch:
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		if w.granted {
			// The slot arrived as we gave up: pass it on.
			p.releaseLocked()
		} else {
			heap.Remove(&p.queue, w.index)
		}
		p.mu.Unlock()
		return ctx.Err()
	}
}

// release returns a slot, handing it to the best waiter if any.
func (p *workerPool) release() {
	p.mu.Lock()
	p.releaseLocked()
	p.mu.Unlock()
}

func (p *workerPool) releaseLocked() {
	if len(p.queue) > 0 {
		w := heap.Pop(&p.queue).(*waiter)
		w.granted = true
		close(w.ch)
		return
	}
	p.free++
}

// waitQueue is a max-heap on (prio, -seq); its methods implement
// heap.Interface.
type waitQueue []*waiter

// Len is the number of waiters.
func (q waitQueue) Len() int { return len(q) }

// Less orders higher priority first, then earlier arrival.
func (q waitQueue) Less(i, j int) bool {
	if q[i].prio != q[j].prio {
		return q[i].prio > q[j].prio
	}
	return q[i].seq < q[j].seq
}

// Swap swaps two waiters and their recorded indexes.
func (q waitQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

// Push appends a *waiter.
func (q *waitQueue) Push(x any) {
	w := x.(*waiter)
	w.index = len(*q)
	*q = append(*q, w)
}

// Pop removes the last waiter.
func (q *waitQueue) Pop() any {
	old := *q
	n := len(old)
	w := old[n-1]
	old[n-1] = nil
	*q = old[:n-1]
	w.index = -1
	return w
}
