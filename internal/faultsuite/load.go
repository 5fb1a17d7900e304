package faultsuite

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// Submitter is how the load reaches the network: submit raw to the node
// named by index, and ask a node whether a tx is committed.
type Submitter interface {
	// Nodes is the number of nodes to spread submissions over.
	Nodes() int
	// Submit posts raw to node i. nil: the node accepted it into its mempool.
	Submit(ctx context.Context, i int, raw []byte) error
	// Committed reports whether node i has the tx with hash in a block.
	Committed(ctx context.Context, i int, hash string) (bool, error)
}

// Outcomes of a submission that are not plain errors.
var (
	// errStale: the nonce is used; as the load never signs two txs with
	// one nonce, this very tx was committed.
	errStale = errors.New("stale")
	// errKnown: the node already holds this tx.
	errKnown = errors.New("known")
)

// Load sends signed transfers from its senders, one in flight per sender,
// spread round robin over the nodes.
type Load struct {
	ChainID   string
	Senders   []*keys.Keypair
	Receivers []keys.PublicKey
	// Value is the rao each transfer moves.
	Value uint64
	// CommitTimeout is how long an accepted tx may stay uncommitted
	// before its same bytes are submitted again elsewhere.
	CommitTimeout time.Duration

	mu       sync.Mutex
	nonces   map[keys.PublicKey]uint64
	accepted map[string]bool
	order    []string
	// Resubmissions counts submissions of bytes already submitted once.
	Resubmissions atomic.Int64
	next          atomic.Int64
}

// Accepted returns the hashes of the txs some node accepted, in order.
func (l *Load) Accepted() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.order...)
}

func (l *Load) accept(hash string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.accepted[hash] {
		l.accepted[hash] = true
		l.order = append(l.order, hash)
	}
}

// Run sends until count txs are committed or ctx ends (each sender stops
// after finishing its tx in flight, within drain). It returns the number
// committed in this run.
func (l *Load) Run(ctx context.Context, s Submitter, count int, drain time.Duration) (int, error) {
	l.mu.Lock()
	if l.nonces == nil {
		l.nonces, l.accepted = map[keys.PublicKey]uint64{}, map[string]bool{}
	}
	l.mu.Unlock()
	var committed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, len(l.Senders))
	for si, kp := range l.Senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && committed.Load() < int64(count); i++ {
				l.mu.Lock()
				nonce := l.nonces[kp.Public()]
				l.mu.Unlock()
				t := &tx.Tx{ChainID: l.ChainID, Nonce: nonce, Call: tx.Transfer{Dest: l.Receivers[(si+i)%len(l.Receivers)], Value: l.Value}}
				if err := t.Sign(kp); err != nil {
					errs <- err
					return
				}
				// Finish this tx even if ctx ends: a sender never leaves one in doubt.
				dctx, cancel := context.WithTimeout(context.Background(), drain)
				err := l.deliver(dctx, s, t.Encode())
				cancel()
				if err != nil {
					errs <- fmt.Errorf("sender %d nonce %d: %w", si, nonce, err)
					return
				}
				l.mu.Lock()
				l.nonces[kp.Public()] = nonce + 1
				l.mu.Unlock()
				committed.Add(1)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return int(committed.Load()), err
	}
	return int(committed.Load()), nil
}

// deliver submits raw until some node accepted it and then until it is
// committed, resubmitting the same bytes to the next node when a node
// fails or the tx stays uncommitted for CommitTimeout.
func (l *Load) deliver(ctx context.Context, s Submitter, raw []byte) error {
	hash := hashOf(raw)
	submissions := 0
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("tx %s not committed in time: %w", short(hash), err)
		}
		i := int(l.next.Add(1)) % s.Nodes()
		if submissions++; submissions > 1 {
			l.Resubmissions.Add(1)
		}
		err := s.Submit(ctx, i, raw)
		switch {
		case errors.Is(err, errStale):
			l.accept(hash) // committed by an earlier submission
			return nil
		case err == nil || errors.Is(err, errKnown):
			l.accept(hash)
		default:
			sleep(ctx, 100*time.Millisecond) // node down or busy: the next one
			continue
		}
		deadline := time.Now().Add(l.CommitTimeout)
		for time.Now().Before(deadline) && ctx.Err() == nil {
			if ok, err := s.Committed(ctx, i, hash); err == nil && ok {
				return nil
			}
			sleep(ctx, 100*time.Millisecond)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// httpSubmitter reaches the cluster's nodes over their APIs.
type httpSubmitter struct {
	clients []*client.Client
}

func newHTTPSubmitter(c *Cluster) *httpSubmitter {
	s := &httpSubmitter{}
	for _, n := range c.Nodes {
		s.clients = append(s.clients, n.Client())
	}
	return s
}

func (s *httpSubmitter) Nodes() int { return len(s.clients) }

func (s *httpSubmitter) Submit(ctx context.Context, i int, raw []byte) error {
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	_, err := s.clients[i].Submit(cctx, raw, false)
	var te *client.TxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && te.Name == "Stale":
		return errStale
	case strings.Contains(err.Error(), "already exists in cache"):
		return errKnown
	}
	return err
}

func (s *httpSubmitter) Committed(ctx context.Context, i int, hash string) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	t, err := s.clients[i].Tx(cctx, hash)
	if err != nil {
		var ae *client.APIError
		if errors.As(err, &ae) && ae.Status == 404 {
			return false, nil
		}
		return false, err
	}
	return t.Height > 0, nil
}

// hashOf is a tx's hash as the API names it.
func hashOf(raw []byte) string {
	h := tx.Hash(raw)
	return hex.EncodeToString(h[:])
}
