package store_test

import (
	"fmt"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

// The block lifecycle as the ABCI app drives it: a branch per block, a
// branch per transaction (kept on success, dropped on failure), Prepare at
// the end of FinalizeBlock, Commit at Commit.
func ExampleCommitter() {
	c, err := store.Open(mem.New()) // store/pebble in a node
	if err != nil {
		panic(err)
	}
	defer c.Close()

	blk := c.Begin()
	for i, ok := range []bool{true, false} {
		tx := store.NewCache(blk)
		tx.Set(fmt.Appendf(nil, "balance/%d", i), []byte("100"))
		if ok {
			tx.Write() // the transaction succeeded
		} // else: dropped, blk is unchanged
	}
	p, err := c.Prepare(blk, 1) // FinalizeBlock: the app hash, nothing written
	if err != nil {
		panic(err)
	}
	fmt.Println("committed before Commit:", c.Reader().Has([]byte("balance/0")))
	if err := c.Commit(p); err != nil { // Commit: one atomic batch
		panic(err)
	}
	fmt.Println("version:", c.Version())
	fmt.Printf("app hash: %x\n", c.AppHash()[:8])

	it := c.Reader().Iterator([]byte("balance/"), store.PrefixEnd([]byte("balance/")))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		fmt.Printf("%s=%s\n", it.Key(), it.Value())
	}
	// Output:
	// committed before Commit: false
	// version: 1
	// app hash: 276d8f1773068d52
	// balance/0=100
}
