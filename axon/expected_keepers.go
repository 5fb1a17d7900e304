package axon

import "github.com/taonet/taonet/keys"

// Registry is what the default blacklist and priority need to know about the
// axon's subnet. The metagraph satisfies it; tests use StaticRegistry.
// Implementations must be safe for concurrent use and fast: they run on every
// request.
type Registry interface {
	// IsRegistered reports whether hotkey holds a UID on the subnet.
	IsRegistered(hotkey keys.PublicKey) bool
	// Stake returns the stake behind hotkey in rao.
	Stake(hotkey keys.PublicKey) uint64
}

// StaticRegistry is a fixed Registry: a map from registered hotkey to stake.
// It must not be modified while an axon uses it.
type StaticRegistry map[keys.PublicKey]uint64

// IsRegistered reports whether hotkey is a key of r.
func (r StaticRegistry) IsRegistered(hotkey keys.PublicKey) bool {
	_, ok := r[hotkey]
	return ok
}

// Stake returns r[hotkey].
func (r StaticRegistry) Stake(hotkey keys.PublicKey) uint64 { return r[hotkey] }

var _ Registry = StaticRegistry(nil)
