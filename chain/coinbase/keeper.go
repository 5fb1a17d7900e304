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

// PendingEmission returns minted emission not yet paid out to subnets.
func PendingEmission(kv store.Reader) uint64 { return module.GetU64(kv, pendingEmissionKey()) }

// SetPendingEmission overwrites the pending pool (used by the module that drains it).
func SetPendingEmission(kv store.KV, v uint64) { module.SetU64(kv, pendingEmissionKey(), v) }

// BeginBlock mints this block's emission into the pending pool and returns it.
func BeginBlock(ctx *module.Context) (uint64, error) {
	em := BlockEmissionForIssuance(bank.TotalIssuance(ctx.KV))
	module.SetU64(ctx.KV, blockEmissionKey(), em)
	if em == 0 {
		return 0, nil
	}
	if err := bank.AddIssuance(ctx.KV, em); err != nil {
		return 0, err
	}
	SetPendingEmission(ctx.KV, PendingEmission(ctx.KV)+em)
	ctx.Events.Emit("BlockEmission", "amount", strconv.FormatUint(em, 10))
	return em, nil
}
