package node

import (
	"sync"

	dbm "github.com/cometbft/cometbft-db"
)

// closableDB wraps a CometBFT database so that reads after Close find
// nothing instead of failing. CometBFT's consensus reactor keeps per-peer
// goroutines (queryMaj23Routine) that can load a commit from the block
// store after the node stopped and closed it; the block store panics on a
// read error ("leveldb: closed"), while a missing record is simply skipped.
// Writes after Close still fail.
type closableDB struct {
	dbm.DB

	mu     sync.RWMutex
	closed bool
}

// Get implements dbm.DB: nil after Close.
func (d *closableDB) Get(key []byte) ([]byte, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return nil, nil
	}
	return d.DB.Get(key)
}

// Has implements dbm.DB: false after Close.
func (d *closableDB) Has(key []byte) (bool, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return false, nil
	}
	return d.DB.Has(key)
}

// Close implements dbm.DB; it closes the database once.
func (d *closableDB) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	return d.DB.Close()
}

// Compact implements dbm.DB: it compacts [start, end) unless the database
// is closed; Close waits for it. Pruned blocks free their disk only once
// compacted.
func (d *closableDB) Compact(start, end []byte) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return nil
	}
	return d.DB.Compact(start, end)
}
