package history

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble"

	"github.com/taonet/taonet/keys"
)

// scan decodes up to limit values under prefix into fn, newest (highest
// key) first when reverse, else oldest first.
func (ix *Index) scan(prefix []byte, limit int, reverse bool, fn func(v []byte) error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	upper := append(append([]byte(nil), prefix...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upper})
	if err != nil {
		return fmt.Errorf("history: scan: %w", err)
	}
	defer it.Close()
	n := 0
	step := it.Next
	ok := it.First()
	if reverse {
		ok, step = it.Last(), it.Prev
	}
	for ; ok && n < limit; ok = step() {
		if err := fn(it.Value()); err != nil {
			return err
		}
		n++
	}
	return it.Error()
}

func decode(v []byte, into any) error {
	if err := json.Unmarshal(v, into); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// Epochs returns up to limit most recent snapshots of netuid, oldest first.
func (ix *Index) Epochs(netuid uint16, limit int) ([]Snapshot, error) {
	var out []Snapshot
	err := ix.scan(binary.BigEndian.AppendUint16([]byte{prefixSnap}, netuid), limit, true, func(v []byte) error {
		var s Snapshot
		if err := decode(v, &s); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, err
}

// Neuron returns uid's figures over the most recent limit epochs of netuid, oldest first.
func (ix *Index) Neuron(netuid, uid uint16, limit int) ([]NeuronEpoch, error) {
	snaps, err := ix.Epochs(netuid, limit)
	if err != nil {
		return nil, err
	}
	out := []NeuronEpoch{}
	for _, s := range snaps {
		i := int(uid)
		if i >= len(s.UIDs) || i >= len(s.Hotkeys) || i >= len(s.Stake) || i >= len(s.Trust) ||
			i >= len(s.Incentive) || i >= len(s.Dividends) || i >= len(s.Emission) {
			continue
		}
		out = append(out, NeuronEpoch{Epoch: s.Epoch, Block: s.Block, Hotkey: s.Hotkeys[i], Stake: s.Stake[i],
			Trust: s.Trust[i], Incentive: s.Incentive[i], Dividends: s.Dividends[i], Emission: s.Emission[i]})
	}
	return out, nil
}

// Txs returns up to limit most recent transactions touching pk, newest first.
func (ix *Index) Txs(pk keys.PublicKey, limit int) ([]TxRef, error) {
	out := []TxRef{}
	err := ix.scan(append([]byte{prefixTx}, pk[:]...), limit, true, func(v []byte) error {
		var t TxRef
		if err := decode(v, &t); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// Events returns up to limit most recent events of kind, newest first.
func (ix *Index) Events(kind string, limit int) ([]EventRef, error) {
	out := []EventRef{}
	err := ix.scan(eventPrefix(kind), limit, true, func(v []byte) error {
		var e EventRef
		if err := decode(v, &e); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// BlockHeight finds an indexed block by hash (ok false if unknown).
func (ix *Index) BlockHeight(hash []byte) (int64, bool, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return 0, false, ErrClosed
	}
	v, c, err := ix.db.Get(append([]byte{prefixBlock}, hash...))
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("history: block hash: %w", err)
	}
	defer c.Close()
	if len(v) != 8 {
		return 0, false, fmt.Errorf("%w: block hash record", ErrCorrupt)
	}
	return int64(binary.BigEndian.Uint64(v)), true, nil
}
