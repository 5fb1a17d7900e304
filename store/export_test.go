package store

// Exported for the external tests.

// PairVector exposes pairVector.
func PairVector(key, value []byte) []byte {
	var v [ltBytes]byte
	pairVector(key, value, &v)
	return v[:]
}

// AccumulatorHash returns the app hash of the multiset of pairs, computed
// from scratch with the unexported accumulator.
func AccumulatorHash(pairs [][2][]byte) []byte {
	var h ltHash
	for _, p := range pairs {
		h.add(p[0], p[1])
	}
	return h.sum()
}
