// Package purity holds the test that keeps the state machine pure: the
// packages chain/..., yuma, fixed and tx may not depend on I/O, the clock,
// randomness, concurrency, reflection, floats or CometBFT (design.md rule 6).
package purity
