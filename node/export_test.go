package node

import (
	"fmt"

	cmtcfg "github.com/cometbft/cometbft/config"
)

// DropResultsForTest deletes the stored results of block height in the
// home's CometBFT state store, as a node killed between saving a block and
// executing it leaves that block.
func DropResultsForTest(home string, height int64) error {
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(home)
	db, err := cmtcfg.DefaultDBProvider(&cmtcfg.DBContext{ID: "state", Config: cfg})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.DeleteSync([]byte(fmt.Sprintf("abciResponsesKey:%v", height)))
}
