package node

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	cmtcfg "github.com/cometbft/cometbft/config"
	sm "github.com/cometbft/cometbft/state"
	cmtstore "github.com/cometbft/cometbft/store"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/pebble"
)

// ErrStateSyncInterrupted is logged when a node finds a state sync that was
// cut short and starts it over.
var ErrStateSyncInterrupted = errors.New("node: state sync was interrupted")

// syncProgress is how far a node got: the app store's version, CometBFT's
// state height and its block store height.
type syncProgress struct {
	app, state, blocks int64
}

// interrupted reports whether p is a state sync cut short: the node holds
// no block, yet the app restored a snapshot or CometBFT recorded the
// snapshot's state. CometBFT cannot start from either (its block sync
// reactor panics on a state without blocks, and the app refuses a second
// restore over a restored store); nothing of value exists yet either.
func (p syncProgress) interrupted() bool {
	return p.blocks == 0 && (p.app > 0 || p.state > 0)
}

// readSyncProgress reads p from the home's stores without changing them.
func readSyncProgress(home string, cfg *cmtcfg.Config) (syncProgress, error) {
	var p syncProgress
	if _, err := os.Stat(filepath.Join(home, "data", "app")); err == nil {
		b, err := pebble.Open(filepath.Join(home, "data", "app"))
		if err != nil {
			return p, fmt.Errorf("node: open app state: %w", err)
		}
		c, err := store.Open(b)
		if err == nil {
			p.app = c.Version()
			c.Close()
		}
		b.Close()
		if err != nil {
			return p, fmt.Errorf("node: open app state: %w", err)
		}
	}
	for _, id := range []string{"state", "blockstore"} {
		if _, err := os.Stat(filepath.Join(cfg.DBDir(), id+".db")); err != nil {
			continue // never opened: height 0
		}
		db, err := cmtcfg.DefaultDBProvider(&cmtcfg.DBContext{ID: id, Config: cfg})
		if err != nil {
			return p, fmt.Errorf("node: open %s: %w", id, err)
		}
		if id == "state" {
			s, err := sm.NewStore(db, sm.StoreOptions{}).Load()
			if err == nil {
				p.state = s.LastBlockHeight
			}
		} else {
			p.blocks = cmtstore.LoadBlockStoreState(db).Height
		}
		db.Close()
	}
	return p, nil
}

// wipeForStateSync removes everything under data/ but the validator's
// signing state (priv_validator_state.json, which guards against double
// signing), so that the node state-syncs from scratch.
func wipeForStateSync(home string) error {
	data := filepath.Join(home, "data")
	entries, err := os.ReadDir(data)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == "priv_validator_state.json" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(data, e.Name())); err != nil {
			return fmt.Errorf("node: wipe interrupted state sync: %w", err)
		}
	}
	return nil
}

// repairInterruptedStateSync starts a cut-short state sync over (see
// syncProgress.interrupted); it does nothing unless state sync is enabled.
func (n *Node) repairInterruptedStateSync() error {
	if n.settings.StateSync == nil || !n.settings.StateSync.Enable {
		return nil
	}
	cfg, err := n.cometConfig()
	if err != nil {
		return err
	}
	p, err := readSyncProgress(n.home, cfg)
	if err != nil {
		return err
	}
	if !p.interrupted() {
		return nil
	}
	n.log.Warn("starting state sync over", "err", ErrStateSyncInterrupted, "app_version", p.app, "state_height", p.state, "block_height", p.blocks)
	return wipeForStateSync(n.home)
}
