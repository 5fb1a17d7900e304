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

// BlockEmission returns the last block's scheduled emission (minted only
// where subnets receive it).
func BlockEmission(kv store.Reader) uint64 { return module.GetU64(kv, blockEmissionKey()) }

// PendingEmission returns issued emission not yet credited to subnets
// (non-zero only from a genesis export of an older chain).
func PendingEmission(kv store.Reader) uint64 { return module.GetU64(kv, pendingEmissionKey()) }

// SetPendingEmission overwrites the pending pool (used by the module that drains it).
func SetPendingEmission(kv store.KV, v uint64) { module.SetU64(kv, pendingEmissionKey(), v) }

// BeginBlock records this block's scheduled emission (by the halving
// schedule at the current issuance) and returns it. It mints nothing: the
// subtensor block step mints only what it credits to subnets, so emission
// that no subnet can receive is never issued.
func BeginBlock(ctx *module.Context) (uint64, error) {
	em := BlockEmissionForIssuance(bank.TotalIssuance(ctx.KV))
	module.SetU64(ctx.KV, blockEmissionKey(), em)
	return em, nil
}

// Mint issues amount of this block's emission (credited by the caller to
// subnets' pending emission) and emits BlockEmission.
func Mint(ctx *module.Context, amount uint64) error {
	if amount == 0 {
		return nil
	}
	if err := bank.AddIssuance(ctx.KV, amount); err != nil {
		return err
	}
	ctx.Events.Emit("BlockEmission", "amount", strconv.FormatUint(amount, 10))
	return nil
}
