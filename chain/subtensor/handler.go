package subtensor

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/tx"
)

// Handle executes the SubtensorModule calls; it reports false for calls of
// other modules.
func Handle(ctx *module.Context, call tx.Call) (bool, error) {
	s := ctx.Signer
	switch c := call.(type) {
	case tx.SetWeights:
		if p, ok := Params(ctx.KV, c.Netuid); ok && p.CommitRevealEnabled {
			return true, ErrCommitRevealEnabled
		}
		return true, SetWeights(ctx, s, c.Netuid, c.Dests, c.Weights, c.VersionKey)
	case tx.BecomeDelegate:
		return true, BecomeDelegate(ctx, s, c.Hotkey)
	case tx.AddStake:
		return true, AddStake(ctx, s, c.Hotkey, c.Amount)
	case tx.RemoveStake:
		return true, RemoveStake(ctx, s, c.Hotkey, c.Amount)
	case tx.ServeAxon:
		return true, ServeAxon(ctx, s, c.Netuid, AxonInfo{Version: c.Version, IPHigh: c.IPHigh, IPLow: c.IPLow, Port: c.Port,
			IPType: c.IPType, Protocol: c.Protocol, Placeholder1: c.Placeholder1, Placeholder2: c.Placeholder2})
	case tx.ServePrometheus:
		return true, ServePrometheus(ctx, s, c.Netuid, PrometheusInfo{Version: c.Version, IPHigh: c.IPHigh, IPLow: c.IPLow, Port: c.Port, IPType: c.IPType})
	case tx.PowRegister:
		_, err := PowRegister(ctx, s, c.Netuid, c.BlockNumber, c.Nonce, c.Work, c.Hotkey, c.Coldkey)
		return true, err
	case tx.BurnedRegister:
		_, err := BurnedRegister(ctx, s, c.Netuid, c.Hotkey)
		return true, err
	case tx.SetRootWeights:
		return true, SetRootWeights(ctx, s, c.Netuid, c.Hotkey, c.Dests, c.Weights, c.VersionKey)
	case tx.RegisterNetwork:
		_, err := RegisterNetwork(ctx, s, c.Hotkey)
		return true, err
	case tx.DissolveNetwork:
		return true, DissolveNetwork(ctx, s, c.Coldkey, c.Netuid)
	case tx.ScheduleDissolveNetwork:
		return true, ScheduleDissolveNetwork(ctx, s, c.Netuid)
	case tx.RootRegister:
		_, err := RootRegister(ctx, s, c.Hotkey)
		return true, err
	case tx.DecreaseTake:
		return true, DecreaseTake(ctx, s, c.Hotkey, c.Take)
	case tx.IncreaseTake:
		return true, IncreaseTake(ctx, s, c.Hotkey, c.Take)
	case tx.CommitWeights:
		return true, CommitWeights(ctx, s, c.Netuid, c.Hash)
	case tx.RevealWeights:
		return true, RevealWeights(ctx, s, c.Netuid, c.Uids, c.Values, c.Salt, c.VersionKey)
	case tx.SetIdentity:
		return true, SetIdentity(ctx, s, c)
	case tx.SetSubnetIdentity:
		return true, SetSubnetIdentity(ctx, s, c)
	case tx.SetChildren:
		return true, SetChildren(ctx, s, c.Hotkey, c.Netuid, c.Children)
	case tx.SetChildkeyTake:
		return true, SetChildkeyTake(ctx, s, c.Hotkey, c.Netuid, c.Take)
	case tx.ChildkeySudo:
		return true, SudoChildkey(ctx, s, c)
	case tx.AdminSet:
		return true, AdminSet(ctx, s, c)
	}
	return false, nil
}
