package api

// The key-swap endpoints (registered by registerSubnetRoutes):
//
//	GET /v1/coldkey-swaps          every pending coldkey swap (schedule_swap_coldkey)
//	GET /v1/coldkey-swaps/{ss58}   one coldkey's pending swap (404 NotFound when none)

import (
	"net/http"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

func coldkeySwapOut(v *store.View, ck keys.PublicKey, sw subtensor.ColdkeySwap) apitypes.ColdkeySwap {
	out := apitypes.ColdkeySwap{Coldkey: ck.SS58(), ExecutionBlock: sw.ExecutionBlock, Arbitration: sw.InArbitration()}
	for _, d := range sw.Destinations {
		out.Destinations = append(out.Destinations, d.SS58())
	}
	if h := uint64(max(v.Version(), 0)); sw.ExecutionBlock > h {
		out.BlocksLeft = sw.ExecutionBlock - h
	}
	return out
}

func (s *Server) coldkeySwaps(w http.ResponseWriter, _ *http.Request, v *store.View) {
	out := apitypes.ColdkeySwaps{Height: v.Version(), Swaps: []apitypes.ColdkeySwap{},
		ScheduleDuration: subtensor.Network(v).ColdkeySwapScheduleDuration}
	for _, p := range subtensor.PendingColdkeySwaps(v) {
		out.Swaps = append(out.Swaps, coldkeySwapOut(v, p.Coldkey, p.Swap))
	}
	WriteJSON(w, http.StatusOK, out)
}

func (s *Server) coldkeySwap(w http.ResponseWriter, r *http.Request, v *store.View) {
	ck, err := keys.ParsePublicKey(r.PathValue("ss58"))
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeInvalidAddress, err.Error())
		return
	}
	sw, ok := subtensor.PendingColdkeySwap(v, ck)
	if !ok {
		WriteError(w, http.StatusNotFound, CodeNotFound, ck.SS58()+" has no pending coldkey swap")
		return
	}
	WriteJSON(w, http.StatusOK, apitypes.ColdkeySwapInfo{Height: v.Version(), ColdkeySwap: coldkeySwapOut(v, ck, sw)})
}
