// Package mem is an in-memory store.Backend for tests and tooling: a
// copy-on-write B-tree whose published versions are immutable, so readers and
// snapshots never block and never see a half-applied batch.
package mem
