package governance

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

// SwapSenator is governance's subtensor.HotkeyMover: swap_hotkey hands old's
// senate seat to new (the reference's SenateMembers::swap_member). As
// pallet_collective does for an outgoing member, old's votes on open
// motions are dropped; new may vote on them afresh.
func SwapSenator(ctx *module.Context, old, new keys.PublicKey) error {
	if !IsSenator(ctx.KV, old) {
		return nil
	}
	removeSenator(ctx, old)
	ctx.KV.Set(senateKey(new), []byte{})
	ctx.Events.Emit("MemberAdded", "committee", "senate", "who", new.SS58())
	return nil
}
