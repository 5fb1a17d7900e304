package history

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/keys"
)

// MaxLimit caps ?limit= on every history endpoint; DefaultLimit is used without it.
const (
	MaxLimit     = 1000
	DefaultLimit = 100
)

// Register adds the history endpoints to srv:
//
//	GET /v1/history                                  index status
//	GET /v1/subnets/{netuid}/history                 per-epoch snapshots
//	GET /v1/subnets/{netuid}/neurons/{uid}/history   one UID per epoch
//	GET /v1/accounts/{ss58}/txs                      txs touching an account
//	GET /v1/events/{kind}                            events of one kind
func (ix *Index) Register(srv *api.Server) {
	srv.Handle("GET /v1/history", func(w http.ResponseWriter, _ *http.Request) {
		api.WriteJSON(w, http.StatusOK, Status{Indexed: ix.Indexed(), RetainBlocks: ix.retain})
	})
	srv.Handle("GET /v1/subnets/{netuid}/history", ix.subnetHistory)
	srv.Handle("GET /v1/subnets/{netuid}/neurons/{uid}/history", ix.neuronHistory)
	srv.Handle("GET /v1/accounts/{ss58}/txs", ix.accountTxs)
	srv.Handle("GET /v1/events/{kind}", ix.events)
}

func limitParam(w http.ResponseWriter, r *http.Request) (int, bool) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return DefaultLimit, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > MaxLimit {
		api.WriteError(w, http.StatusBadRequest, "InvalidLimit", fmt.Sprintf("limit must be 1..%d, got %q", MaxLimit, s))
		return 0, false
	}
	return n, true
}

func u16Param(w http.ResponseWriter, r *http.Request, name, code string) (uint16, bool) {
	s := r.PathValue(name)
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil {
		api.WriteError(w, http.StatusBadRequest, code, fmt.Sprintf("%s must be an integer 0..65535, got %q", name, s))
		return 0, false
	}
	return uint16(n), true
}

func writeResult(w http.ResponseWriter, body any, err error) {
	switch {
	case errors.Is(err, ErrClosed):
		api.WriteError(w, http.StatusServiceUnavailable, "NotReady", err.Error())
	case err != nil:
		api.WriteError(w, http.StatusInternalServerError, "Internal", err.Error())
	default:
		api.WriteJSON(w, http.StatusOK, body)
	}
}

func (ix *Index) subnetHistory(w http.ResponseWriter, r *http.Request) {
	netuid, ok := u16Param(w, r, "netuid", "InvalidNetuid")
	if !ok {
		return
	}
	limit, ok := limitParam(w, r)
	if !ok {
		return
	}
	eps, err := ix.Epochs(netuid, limit)
	if eps == nil {
		eps = []Snapshot{}
	}
	writeResult(w, SubnetHistory{Netuid: netuid, Epochs: eps}, err)
}

func (ix *Index) neuronHistory(w http.ResponseWriter, r *http.Request) {
	netuid, ok := u16Param(w, r, "netuid", "InvalidNetuid")
	if !ok {
		return
	}
	uid, ok := u16Param(w, r, "uid", "InvalidUID")
	if !ok {
		return
	}
	limit, ok := limitParam(w, r)
	if !ok {
		return
	}
	eps, err := ix.Neuron(netuid, uid, limit)
	writeResult(w, NeuronHistory{Netuid: netuid, UID: uid, Epochs: eps}, err)
}

func (ix *Index) accountTxs(w http.ResponseWriter, r *http.Request) {
	pk, err := keys.ParsePublicKey(r.PathValue("ss58"))
	if err != nil {
		api.WriteError(w, http.StatusBadRequest, "InvalidAddress", err.Error())
		return
	}
	limit, ok := limitParam(w, r)
	if !ok {
		return
	}
	txs, err := ix.Txs(pk, limit)
	writeResult(w, AccountTxs{Address: pk.SS58(), Txs: txs}, err)
}

func (ix *Index) events(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	limit, ok := limitParam(w, r)
	if !ok {
		return
	}
	es, err := ix.Events(kind, limit)
	writeResult(w, Events{Kind: kind, Events: es}, err)
}
