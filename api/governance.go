package api

import (
	"encoding/hex"
	"net/http"

	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

func ss58s(ks []keys.PublicKey) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.SS58()
	}
	return out
}

func (s *Server) governance(w http.ResponseWriter, _ *http.Request, v *store.View) {
	out := Governance{Height: v.Version(), Triumvirate: ss58s(governance.Triumvirate(v)),
		Senate: []Senator{}, Params: GovernanceParams(governance.GetParams(v)), Proposals: []Proposal{}}
	if sudo, ok := subtensor.Sudo(v); ok {
		out.Sudo = sudo.SS58()
	}
	for _, hk := range governance.Senate(v) {
		owner, _ := subtensor.Owner(v, hk)
		out.Senate = append(out.Senate, Senator{Hotkey: hk.SS58(), Owner: owner.SS58(), Stake: subtensor.TotalHotkeyStake(v, hk)})
	}
	for _, m := range governance.Motions(v) {
		out.Proposals = append(out.Proposals, Proposal{Hash: "0x" + hex.EncodeToString(m.Hash[:]), Index: m.Index,
			Proposer: m.Proposer.SS58(), Call: m.Call.Name(), CallHex: "0x" + hex.EncodeToString(tx.EncodeCall(m.Call)),
			Threshold: m.Threshold, End: m.End, Ayes: ss58s(m.Ayes), Nays: ss58s(m.Nays)})
	}
	WriteJSON(w, http.StatusOK, out)
}
