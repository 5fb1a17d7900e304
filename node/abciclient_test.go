package node

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
)

// orderApp accepts every CheckTx with a sequence number taken under its own
// lock (as app.App orders an account's nonces) and counts PreVerify calls
// made while another is running (parallel prechecks).
type orderApp struct {
	abci.BaseApplication
	mu     sync.Mutex
	seq    int
	second chan struct{} // closed when the second tx is accepted

	running, overlap atomic.Int32
	prechecks        atomic.Int32
}

func (a *orderApp) PreVerify([]byte) {
	a.prechecks.Add(1)
	if a.running.Add(1) > 1 {
		a.overlap.Add(1)
	}
	for i := 0; i < 50; i++ {
		runtime.Gosched()
	}
	a.running.Add(-1)
}

func (a *orderApp) CheckTx(context.Context, *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	a.mu.Lock()
	a.seq++
	n := a.seq
	a.mu.Unlock()
	switch n {
	case 1: // answer the first tx only once the second is accepted, if it can be
		select {
		case <-a.second:
		case <-time.After(200 * time.Millisecond):
		}
	case 2:
		close(a.second)
	}
	return &abci.ResponseCheckTx{Data: []byte(strconv.Itoa(n))}, nil
}

// TestParallelCheckKeepsAcceptanceOrder drives the mempool connection's
// client from many goroutines at once: prechecks overlap, and the mempool's
// callback sees the responses in the order the app accepted them, even when
// the app's answer to the first tx is delayed until a second could be
// accepted (else an
// account's consecutive nonces could enter the mempool swapped, and the
// later one would fail in the block as Future).
func TestParallelCheckKeepsAcceptanceOrder(t *testing.T) {
	app := &orderApp{second: make(chan struct{})}
	cl, err := parallelCheckCreator{app: app}.NewABCIClient()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []int
	cl.SetResponseCallback(func(_ *abci.Request, res *abci.Response) {
		n, err := strconv.Atoi(string(res.GetCheckTx().Data))
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		seen = append(seen, n)
		mu.Unlock()
	})
	const workers, each = 8, 200
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if _, err := cl.CheckTxAsync(context.Background(), &abci.RequestCheckTx{Tx: []byte{byte(i)}}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(seen) != workers*each || int(app.prechecks.Load()) != workers*each {
		t.Fatalf("%d callbacks, %d prechecks; want %d", len(seen), app.prechecks.Load(), workers*each)
	}
	for i, n := range seen {
		if n != i+1 {
			t.Fatalf("callback %d saw the app's answer #%d: the mempool would hold txs out of acceptance order", i, n)
		}
	}
	if runtime.GOMAXPROCS(0) > 1 && app.overlap.Load() == 0 {
		t.Fatal("no two pre-verifications ever ran at once")
	}
}
