package module

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// Env is the block environment a transition runs in. It is a value taken
// from the block header, never from the local clock.
type Env struct {
	// ChainID names the network.
	ChainID string
	// Height is the height of the block being executed.
	Height int64
	// Time is the block header's time in Unix seconds.
	Time int64
	// Hash is the hash of the previous block (last_block_id), when known.
	PrevHash []byte
	// Check is set while the app prepares the mempool's check state for
	// the next block: the block hooks skip the epochs (root and subnets),
	// which no transaction check needs and which cost most of a block. As
	// in the reference's transaction pool, which validates against the last
	// block's state, CheckTx sees an epoch's results once its block is
	// committed. Never set while executing a block.
	Check bool
}

// Context is what a call handler or block hook receives.
type Context struct {
	Env
	// KV is the state branch the transition writes to.
	KV store.KV
	// Events collects the events the transition emits.
	Events *EventLog
	// Signer is the account that signed the transaction (zero in block hooks).
	Signer keys.PublicKey
	// Root is set while a passed governance motion dispatches its call: the
	// call has root origin, as if the sudo key had signed it.
	Root bool
}

// Branch returns a copy of c whose KV is a fresh cache over c.KV and whose
// events go to a fresh log; commit writes both back into c.
func (c *Context) Branch() (branch *Context, commit func()) {
	cache := store.NewCache(c.KV)
	log := &EventLog{}
	b := *c
	b.KV = cache
	b.Events = log
	return &b, func() {
		cache.Write()
		c.Events.Append(log.Events()...)
	}
}

// GetU64 reads a little-endian uint64 stored at key (0 when absent).
func GetU64(kv store.Reader, key []byte) uint64 {
	return DecodeU64(key, kv.Get(key))
}

// DecodeU64 decodes the value v stored at key by SetU64 (nil: 0). Any other
// length is corrupt state and panics with the key named.
func DecodeU64(key, v []byte) uint64 {
	if v == nil {
		return 0
	}
	if len(v) != 8 {
		Corrupt(key, fmt.Errorf("u64 record of %d bytes", len(v)))
	}
	return binary.LittleEndian.Uint64(v)
}

// Corrupt stops the node: the record at key does not decode. A corrupt
// record never reads as absent; the panic names the key so an operator
// can find it.
func Corrupt(key []byte, err error) {
	panic(fmt.Sprintf("state: corrupt record at key 0x%s: %v", hex.EncodeToString(key), err))
}

// KeySuffix returns the n bytes of key after prefix (a record's key that
// carries an account or an id). A key of any other length under prefix is
// corrupt state and panics with the key named.
func KeySuffix(key []byte, prefix []byte, n int) []byte {
	if len(key) != len(prefix)+n {
		Corrupt(key, fmt.Errorf("key of %d bytes under a %d-byte prefix, want %d after it", len(key), len(prefix), n))
	}
	return key[len(prefix):]
}

// SetU64 stores v at key; a zero value deletes the key, so state holds no zero entries.
func SetU64(kv store.KV, key []byte, v uint64) {
	if v == 0 {
		kv.Delete(key)
		return
	}
	kv.Set(key, binary.LittleEndian.AppendUint64(nil, v))
}

// Key builds a state key: the one-byte module prefix followed by the parts,
// each 32-byte account key raw and other parts as given. Callers must only
// use fixed-width parts, or put a variable part last.
func Key(prefix byte, parts ...[]byte) []byte {
	n := 1
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	k = append(k, prefix)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

// AccountU64s calls fn, in key order, for every record under prefix whose
// key is prefix ‖ account(32) and whose value was written by SetU64; it
// stops when fn returns false.
func AccountU64s(kv store.Reader, prefix []byte, fn func(acct keys.PublicKey, v uint64) bool) {
	it := kv.Iterator(prefix, store.PrefixEnd(prefix))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		var acct keys.PublicKey
		copy(acct[:], KeySuffix(it.Key(), prefix, len(acct)))
		if !fn(acct, DecodeU64(it.Key(), it.Value())) {
			return
		}
	}
}
