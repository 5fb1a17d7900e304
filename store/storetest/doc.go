// Package storetest is the conformance suite for store.Backend
// implementations and the store.KV layers over them. Each backend's tests
// call RunBackend (and RunCommitter) with a constructor; the suite checks the
// backend against a simple sorted-map model, including under rapid-generated
// operation sequences.
package storetest
