package coinbase

import (
	"strconv"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/store"
)

const prefix byte = 0x03

func blockEmissionKey() []byte   { return []byte{prefix, 0x01} }
func pendingEmissionKey() []byte { return []byte{prefix, 0x02} }

// BlockEmission returns the emission minted by the last block.
func BlockEmission(kv store.Reader) uint64 { return module.GetU64(kv, blockEmissionKey()) }

// PendingEmission returns minted emission not yet paid out to subnets
// (only a genesis file can put rao here: block emission is minted only as
// it is credited to subnets).
func PendingEmission(kv store.Reader) uint64 { return module.GetU64(kv, pendingEmissionKey()) }

// SetPendingEmission overwrites the pending pool (used by the module that drains it).
func SetPendingEmission(kv store.KV, v uint64) { module.SetU64(kv, pendingEmissionKey(), v) }

// BeginBlock records this block's emission and returns it. Nothing is
// minted here: the module that credits subnets mints exactly what it
// credits (MintCredited), so emission no subnet can receive never exists.
func BeginBlock(ctx *module.Context) (uint64, error) {
	em := BlockEmissionForIssuance(bank.TotalIssuance(ctx.KV))
	module.SetU64(ctx.KV, blockEmissionKey(), em)
	return em, nil
}

// MintCredited raises the total issuance by amount rao that the caller has
// just credited to subnets' pending emission, and emits BlockEmission.
func MintCredited(ctx *module.Context, amount uint64) error {
	if amount == 0 {
		return nil
	}
	if err := bank.AddIssuance(ctx.KV, amount); err != nil {
		return err
	}
	ctx.Events.Emit("BlockEmission", "amount", strconv.FormatUint(amount, 10))
	return nil
}
