package store_test

import (
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/mem"
)

func TestCommitterSmoke(t *testing.T) {
	c, err := store.Open(mem.New())
	if err != nil {
		t.Fatal(err)
	}
	empty := c.AppHash()
	blk := c.Begin()
	tx := store.NewCache(blk)
	tx.Set([]byte("a"), []byte("1"))
	tx.Write()
	p, err := c.Prepare(blk, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Reader().Has([]byte("a")) {
		t.Fatal("prepare wrote")
	}
	if err := c.Commit(p); err != nil {
		t.Fatal(err)
	}
	if c.Version() != 1 || string(c.Reader().Get([]byte("a"))) != "1" || string(c.AppHash()) == string(empty) {
		t.Fatal("commit lost")
	}
}
