package node

import (
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtcfg "github.com/cometbft/cometbft/config"
	sm "github.com/cometbft/cometbft/state"
	"github.com/cometbft/cometbft/state/indexer/block/kv"
	"github.com/cometbft/cometbft/state/txindex"
	txkv "github.com/cometbft/cometbft/state/txindex/kv"
	cmtstore "github.com/cometbft/cometbft/store"
	"github.com/cometbft/cometbft/types"

	dbm "github.com/cometbft/cometbft-db"
)

// maxTxIndexRepair bounds how many recent blocks repairTxIndex looks at.
const maxTxIndexRepair = 10_000

// repairTxIndex indexes the transactions of the latest blocks that the
// transaction index missed. CometBFT indexes a block asynchronously after
// committing it, so a node killed in between serves those transactions as
// unknown (GET /v1/tx/{hash}) for ever. Blocks are indexed in order, so the
// scan goes down from the tip until a block whose transactions are all
// indexed. Blocks saved but not yet executed (no stored results) are left
// to CometBFT's handshake, which replays and indexes them. It returns the
// number of blocks it indexed.
func repairTxIndex(cfg *cmtcfg.Config) (int, error) {
	open := func(id string) (dbm.DB, error) {
		return cmtcfg.DefaultDBProvider(&cmtcfg.DBContext{ID: id, Config: cfg})
	}
	bdb, err := open("blockstore")
	if err != nil {
		return 0, fmt.Errorf("node: tx index repair: %w", err)
	}
	defer bdb.Close()
	bs := cmtstore.NewBlockStore(bdb)
	top, base := bs.Height(), bs.Base()
	if top == 0 {
		return 0, nil
	}
	idb, err := open("tx_index")
	if err != nil {
		return 0, fmt.Errorf("node: tx index repair: %w", err)
	}
	defer idb.Close()
	txIdx := txkv.NewTxIndex(idb)
	var missing []int64
	for h := top; h >= base && h > top-maxTxIndexRepair; h-- {
		blk := bs.LoadBlock(h)
		if blk == nil {
			break
		}
		if len(blk.Txs) == 0 {
			continue
		}
		if indexed(txIdx, blk.Txs) {
			break
		}
		missing = append(missing, h)
	}
	if len(missing) == 0 {
		return 0, nil
	}
	sdb, err := open("state")
	if err != nil {
		return 0, fmt.Errorf("node: tx index repair: %w", err)
	}
	defer sdb.Close()
	ss := sm.NewStore(sdb, sm.StoreOptions{})
	blkIdx := kv.New(dbm.NewPrefixDB(idb, []byte("block_events")))
	for i := len(missing) - 1; i >= 0; i-- {
		h := missing[i]
		blk := bs.LoadBlock(h)
		resp, err := ss.LoadFinalizeBlockResponse(h)
		if err != nil {
			// The node stopped after saving the block and before executing
			// it: CometBFT's handshake replays it (and the blocks after it),
			// indexing them as it goes.
			return len(missing) - 1 - i, nil
		}
		batch := txindex.NewBatch(int64(len(resp.TxResults)))
		for j, r := range resp.TxResults {
			if err := batch.Add(&abci.TxResult{Height: h, Index: uint32(j), Tx: blk.Txs[j], Result: *r}); err != nil {
				return len(missing) - 1 - i, fmt.Errorf("node: tx index repair: %w", err)
			}
		}
		if err := txIdx.AddBatch(batch); err != nil {
			return len(missing) - 1 - i, fmt.Errorf("node: tx index repair: block %d: %w", h, err)
		}
		if err := blkIdx.Index(types.EventDataNewBlockEvents{Height: h, Events: resp.Events, NumTxs: int64(len(resp.TxResults))}); err != nil {
			return len(missing) - 1 - i, fmt.Errorf("node: tx index repair: block %d events: %w", h, err)
		}
	}
	return len(missing), nil
}

// indexed reports whether every tx of txs is in the index.
func indexed(idx *txkv.TxIndex, txs types.Txs) bool {
	for _, tx := range txs {
		if r, err := idx.Get(tx.Hash()); err != nil || r == nil {
			return false
		}
	}
	return true
}
