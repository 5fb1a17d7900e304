// Package module holds what every chain module shares: the call context
// (block environment, state, event log), events, stable chain errors and
// small helpers for state encoding.
//
// Everything here is deterministic: no wall clock, randomness, goroutines,
// floats or I/O. Time comes from the block header via Env.
package module
