package bank

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/tx"
)

// Handle executes the Balances calls. It reports false for calls of other modules.
func Handle(ctx *module.Context, call tx.Call) (bool, error) {
	switch c := call.(type) {
	case tx.Transfer:
		return true, Transfer(ctx, ctx.Signer, c.Dest, c.Value, c.KeepAlive)
	}
	return false, nil
}
