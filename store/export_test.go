package store

// Exported for the external tests.

// PairVector exposes pairVector.
func PairVector(key, value []byte) []byte {
	v := newPairHasher().vector(key, value)
	return v[:]
}

// AccumulatorHash returns the app hash of the multiset of pairs, computed
// from scratch with the unexported accumulator.
func AccumulatorHash(pairs [][2][]byte) []byte {
	var h ltHash
	ph := newPairHasher()
	for _, p := range pairs {
		h.add(ph, p[0], p[1])
	}
	return h.sum()
}

// PairHasher is a reusable pair hasher, for the allocation-free benchmark.
type PairHasher struct{ p *pairHasher }

// NewPairHasher returns a reusable pair hasher.
func NewPairHasher() PairHasher { return PairHasher{newPairHasher()} }

// Vector returns the pair vector (overwritten by the next call).
func (h PairHasher) Vector(key, value []byte) []byte { return h.p.vector(key, value)[:] }
