// Package ordered is a sorted byte-key map with copy-on-write snapshots and
// pull iterators, shared by the store cache layer and the in-memory backend.
//
// A Map is not safe for concurrent use. A Map returned by Clone is an
// independent copy (O(1), copy-on-write): once Clone returns, the original and
// the clone may be used from different goroutines, and a clone that is never
// written may be read by any number of goroutines at once.
package ordered
