package storage

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	mrand "math/rand/v2"
	"sync"
	"time"

	"github.com/taonet/taonet/dendrite"
	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
)

// TestChunkSize is the size of the chunks a validator stores to audit.
const TestChunkSize = 64 << 10

// auditDepth is how many of the validator's past chunks each round audits,
// drawn at random from the last 2×auditDepth it stored.
const auditDepth = 3

// Task is the storage subnet's validator task: every round it stores a
// fresh random chunk on every miner, audits the chunks of earlier rounds
// with fresh seeds, and retrieves one of them, timing it. Rewards combine
// the audits (a miner must answer with the right leaf and Merkle path),
// the retrieval's latency and whether the miner served the bytes
// (st.MinerScore). The audit part is not the round's raw pass ratio but the
// lower Wilson bound (st.AuditScore) over the miner's last 60 audits, so a
// few lucky answers do not rank a miner. The template's moving average and
// weights do the rest, so a lazy miner that drops chunks falls to the bottom.
type Task struct {
	// LatencyTarget is the retrieval latency that halves the latency score.
	LatencyTarget time.Duration

	mu     sync.Mutex
	chunks []testChunk // the validator's stored test chunks, newest last
	// tallies are each UID's recent audits (passed, total), the last
	// auditWindow of them, for the confidence bound.
	tallies map[uint16]*tally
}

// auditWindow is how many recent audits of a miner its score bounds.
const auditWindow = 60

// tally is a UID's recent audit outcomes, oldest first.
type tally struct{ outcomes []bool }

func (t *tally) add(ok bool) {
	t.outcomes = append(t.outcomes, ok)
	if len(t.outcomes) > auditWindow {
		t.outcomes = t.outcomes[len(t.outcomes)-auditWindow:]
	}
}

func (t *tally) score() float64 {
	passed := 0
	for _, ok := range t.outcomes {
		if ok {
			passed++
		}
	}
	return st.AuditScore(passed, len(t.outcomes))
}

// auditScore records a UID's audits of this round and returns the lower
// Wilson bound over its recent ones.
func (t *Task) auditScore(uid uint16, outcomes []bool) float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tallies == nil {
		t.tallies = map[uint16]*tally{}
	}
	tl := t.tallies[uid]
	if tl == nil {
		tl = &tally{}
		t.tallies[uid] = tl
	}
	for _, ok := range outcomes {
		tl.add(ok)
	}
	return tl.score()
}

var _ template.Task = (*Task)(nil)

type testChunk struct {
	data  []byte
	chunk st.Chunk
}

// NewTask returns a validator task.
func NewTask() *Task { return &Task{LatencyTarget: 50 * time.Millisecond} }

// NewRound implements template.Task.
func (t *Task) NewRound(_ context.Context, _ uint64) (template.Round, error) {
	data := make([]byte, TestChunkSize)
	if _, err := rand.Read(data); err != nil {
		return nil, err
	}
	fresh := testChunk{data: data, chunk: st.Chunk{CID: st.Sum(data), Size: len(data), Root: st.Root(data)}}
	t.mu.Lock()
	past := append([]testChunk(nil), t.chunks...)
	mrand.Shuffle(len(past), func(i, j int) { past[i], past[j] = past[j], past[i] })
	past = past[:min(len(past), auditDepth)]
	t.chunks = append(t.chunks, fresh)
	var released []testChunk
	if len(t.chunks) > 2*auditDepth { // out of the audit window: miners may forget them
		released = append(released, t.chunks[:len(t.chunks)-2*auditDepth]...)
		t.chunks = t.chunks[len(t.chunks)-2*auditDepth:]
	}
	t.mu.Unlock()
	r := &round{task: t, fresh: fresh, released: released, deadline: time.Now().Add(time.Minute).Unix()}
	for _, c := range past {
		var seed [32]byte
		if _, err := rand.Read(seed[:]); err != nil {
			return nil, err
		}
		r.audits = append(r.audits, audit{chunk: c, seed: seed})
	}
	return r, nil
}

type audit struct {
	chunk testChunk
	seed  [32]byte
}

type round struct {
	task     *Task
	fresh    testChunk
	released []testChunk
	audits   []audit
	deadline int64
}

// Requests implements template.Round: store the fresh chunk, one audit
// per past chunk, a retrieval of one of them, and releases of the
// chunks that left the audit window (so that miners' stores stay bounded).
func (r *round) Requests() []synapse.Synapse {
	store := synapse.New(&StoreChunk{}).(*StoreChunk)
	store.CID, store.Data = r.fresh.chunk.CID.String(), encode(r.fresh.data)
	out := []synapse.Synapse{store}
	for _, a := range r.audits {
		q := synapse.New(&AuditChunk{}).(*AuditChunk)
		q.CID, q.Seed, q.Deadline = a.chunk.chunk.CID.String(), hex.EncodeToString(a.seed[:]), r.deadline
		out = append(out, q)
	}
	if len(r.audits) > 0 {
		q := synapse.New(&RetrieveChunk{}).(*RetrieveChunk)
		q.CID = r.audits[0].chunk.chunk.CID.String()
		out = append(out, q)
	}
	for _, c := range r.released {
		q := synapse.New(&ReleaseChunk{}).(*ReleaseChunk)
		q.CID = c.chunk.CID.String()
		out = append(out, q)
	}
	return out
}

// Rewards implements template.Round.
func (r *round) Rewards(uids []uint16, responses [][]dendrite.Response) []float64 {
	rewards := make([]float64, len(uids))
	for i, resp := range responses {
		if len(r.audits) == 0 { // the first round only stores
			if resp[0].Err == nil {
				rewards[i] = 1
			}
			continue
		}
		outcomes := make([]bool, len(r.audits))
		for j, a := range r.audits {
			rep := resp[1+j]
			ans, ok := rep.Synapse.(*AuditChunk)
			if rep.Err != nil || !ok {
				continue
			}
			p, err := proofOf(ans, a.chunk.chunk.CID)
			c := st.Challenge{CID: a.chunk.chunk.CID, Seed: a.seed, Deadline: r.deadline}
			outcomes[j] = err == nil && c.Check(a.chunk.chunk, p, time.Now().Unix()) == nil
		}
		get := resp[1+len(r.audits)]
		var served uint64
		latency := r.task.LatencyTarget * 10
		if g, ok := get.Synapse.(*RetrieveChunk); ok && get.Err == nil {
			if d, err := base64.StdEncoding.DecodeString(g.Data); err == nil && r.audits[0].chunk.chunk.CID.Verify(d) {
				served, latency = uint64(len(d)), get.Latency
			}
		}
		rewards[i] = st.MinerScore(r.task.auditScore(uids[i], outcomes), float64(latency.Milliseconds()), float64(r.task.LatencyTarget.Milliseconds()), served, TestChunkSize)
	}
	return rewards
}
