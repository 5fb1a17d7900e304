package storage

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Errors of audits.
var (
	// ErrLate is returned for an answer after the challenge's deadline.
	ErrLate = errors.New("storage: audit answered after its deadline")
	// ErrWrongChunk is returned when an answer is about another chunk.
	ErrWrongChunk = errors.New("storage: audit answer is for another chunk")
)

// Challenge asks a miner to prove it holds chunk CID: the leaf the seed
// picks, before Deadline (a block height or a unix time, as the auditor
// counts).
type Challenge struct {
	CID      CID      `json:"cid"`
	Seed     [32]byte `json:"seed"`
	Deadline int64    `json:"deadline"`
}

// LeafIndex is the leaf the challenge asks for in a chunk of size bytes:
// SHA-256(seed ‖ cid) mod leaves. The seed is fresh and secret until the
// challenge is sent, so the miner cannot know the leaf in advance.
func (c Challenge) LeafIndex(size int) int {
	h := sha256.Sum256(append(append([]byte(nil), c.Seed[:]...), c.CID[:]...))
	return int(binary.BigEndian.Uint64(h[:8]) % uint64(Leaves(size)))
}

// Proof is a miner's answer: the leaf and its Merkle path.
type Proof struct {
	CID  CID    `json:"cid"`
	Leaf []byte `json:"leaf"`
	Path []Hash `json:"path"`
}

// Answer builds the proof for c from the chunk's bytes (the miner's side).
func Answer(c Challenge, chunk []byte) (Proof, error) {
	i := c.LeafIndex(len(chunk))
	path, err := Prove(chunk, i)
	if err != nil {
		return Proof{}, err
	}
	return Proof{CID: c.CID, Leaf: append([]byte(nil), Leaf(chunk, i)...), Path: path}, nil
}

// Check verifies an answer to c against the chunk's manifest entry, at
// time now. Errors: ErrLate, ErrWrongChunk, ErrBadLeaf, ErrWrongProof.
func (c Challenge) Check(ch Chunk, p Proof, now int64) error {
	if now > c.Deadline {
		return fmt.Errorf("%w: at %d, deadline %d", ErrLate, now, c.Deadline)
	}
	if p.CID != c.CID || ch.CID != c.CID {
		return fmt.Errorf("%w: asked %s, answered %s", ErrWrongChunk, c.CID, p.CID)
	}
	return VerifyLeaf(ch.Root, ch.Size, c.LeafIndex(ch.Size), p.Leaf, p.Path)
}

// FalseAcceptRate is the probability that a miner holding a fraction f of
// a chunk's leaves (and unable to rebuild the rest) passes c independent
// challenges: f^c.
func FalseAcceptRate(f float64, c int) float64 { return math.Pow(f, float64(c)) }

// ChallengesFor is the fewest challenges that bring the false-accept rate
// of a miner keeping fraction f under rate.
func ChallengesFor(f, rate float64) int {
	if f <= 0 {
		return 1
	}
	if f >= 1 {
		return math.MaxInt32
	}
	return int(math.Ceil(math.Log(rate) / math.Log(f)))
}

// AuditScore is the lower end of the Wilson score interval (95%, z = 1.96)
// of passed out of total audits: a confidence bound, so a miner is not
// ranked on a lucky few audits (0 when it has none).
func AuditScore(passed, total int) float64 {
	if total == 0 {
		return 0
	}
	const z = 1.96
	n := float64(total)
	p := float64(passed) / n
	d := 1 + z*z/n
	centre := p + z*z/(2*n)
	spread := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n))
	return math.Max(0, (centre-spread)/d)
}

// MinerScore combines a miner's audit bound with its retrieval latency and
// served bytes, each in [0, 1]: audits dominate (a miner that does not
// keep data earns nothing), speed and service share the rest.
//
//	score = audit × (0.7 + 0.15 × latencyScore + 0.15 × servedScore)
//
// latencyScore = 1 / (1 + latency/target) and servedScore = served / maxServed.
func MinerScore(audit float64, latencyMs, targetMs float64, served, maxServed uint64) float64 {
	lat := 1 / (1 + math.Max(latencyMs, 0)/math.Max(targetMs, 1e-9))
	srv := 0.0
	if maxServed > 0 {
		srv = float64(served) / float64(maxServed)
	}
	return audit * (0.7 + 0.15*lat + 0.15*srv)
}
