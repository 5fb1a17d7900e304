package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/taonet/taonet/synapse"
)

// CodeUnknownSynapse answers a query for a synapse the subnet does not serve.
const CodeUnknownSynapse = "UnknownSynapse"

// PolicyFirst is the generic query's policy: candidates in incentive
// order, the first that answers wins.
const PolicyFirst = "first"

// Caller forwards any synapse to one miner and returns its answer.
type Caller interface {
	Call(ctx context.Context, m Miner, s synapse.Synapse) (synapse.Synapse, error)
}

// Call implements Caller with the forecaster's dendrites.
func (f *DendriteForecaster) Call(ctx context.Context, m Miner, s synapse.Synapse) (synapse.Synapse, error) {
	var d = f.acquire(ctx)
	if d == nil {
		return nil, ctx.Err()
	}
	defer f.release(d)
	resp := d.Call(ctx, m.Axon, s, f.Timeout)
	return resp.Synapse, resp.Err
}

// QueryAnswer is the body of POST /v1/query/{synapse}: the miner's
// synapse as JSON in prediction, with the provenance.
type QueryAnswer struct {
	Prediction json.RawMessage `json:"prediction"`
	Policy     string          `json:"policy"`
	PriceRao   uint64          `json:"price_rao"`
	Miners     []MinerAnswer   `json:"miners"`
}

// SynapseKind is a synapse the generic route forwards: New makes an empty
// request; Valid, if set, checks a miner's answer to req (an invalid
// answer is scored down and the next miner asked).
type SynapseKind struct {
	New   func() synapse.Synapse
	Valid func(req, resp synapse.Synapse) bool
}

// EnableGenericQueries adds POST /v1/query/{synapse} for the synapse
// kinds in synapses (by name), forwarded through call.
func (s *Server) EnableGenericQueries(call Caller, synapses map[string]SynapseKind) {
	s.caller, s.synapses = call, synapses
	s.mux.HandleFunc("POST /v1/query/{synapse}", s.query)
}

func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	key, body, ok := s.admit(w, r)
	if !ok {
		return
	}
	name := r.PathValue("synapse")
	kind, ok := s.synapses[name]
	if !ok {
		writeError(w, http.StatusNotFound, CodeUnknownSynapse, fmt.Sprintf("the subnet serves no synapse %q", name))
		return
	}
	req := kind.New()
	if err := synapse.Unmarshal(body, req); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "body: "+err.Error())
		return
	}
	if err := s.Ledger.CanPay(key, s.sales.PriceRao); err != nil {
		writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
		return
	}
	pool := s.sales.Router.Pool
	ans := QueryAnswer{Policy: PolicyFirst}
	for _, m := range pool.Candidates() {
		t0 := time.Now()
		got, err := s.caller.Call(r.Context(), m, req)
		lat := time.Since(t0)
		var out []byte
		if err == nil {
			out, err = synapse.Marshal(got)
		}
		valid := err == nil && (kind.Valid == nil || kind.Valid(req, got))
		pool.Report(m.Hotkey, valid, lat)
		ma := MinerAnswer{UID: m.UID, Hotkey: m.Hotkey, LatencyMs: float64(lat.Microseconds()) / 1000}
		if !valid {
			ma.Status = StatusInvalid
			if err != nil {
				ma.Status = StatusFailed
			}
			ans.Miners = append(ans.Miners, ma)
			if errors.Is(r.Context().Err(), context.Canceled) {
				return
			}
			continue
		}
		ma.Status, ma.Weight = StatusOK, 1
		ans.Miners = append(ans.Miners, ma)
		ans.Prediction = out
		if err := s.Ledger.Charge(key, s.sales.PriceRao); err != nil {
			writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
			return
		}
		ans.PriceRao = s.sales.PriceRao
		writeJSON(w, http.StatusOK, ans)
		return
	}
	writeError(w, http.StatusServiceUnavailable, CodeNoMiner, "no miner answered the query; nothing was charged")
}
