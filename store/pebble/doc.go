// Package pebble is the on-disk store.Backend, built on CockroachDB's Pebble.
//
// Apply writes a Pebble batch with Sync, so a batch is durable when Apply
// returns and a crash leaves either all of it or none of it. Snapshots are
// Pebble snapshots. Reads and iterators copy keys and values out of Pebble,
// so returned slices stay valid after the iterator moves or closes. I/O
// errors during reads panic (see package store).
package pebble
