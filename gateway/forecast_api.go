package gateway

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/synapse"
)

// More error codes of the API.
const (
	CodeBadRequest  = "BadRequest"
	CodeRateLimited = "RateLimited"
	CodeNoMiner     = "NoMinerAnswered"
)

// MaxRequestBytes bounds a query's body.
const MaxRequestBytes = 1 << 20

// ForecastRequest is the body of POST /v1/forecast.
type ForecastRequest struct {
	Series  []float64 `json:"series"`
	Horizon int       `json:"horizon"`
}

// Sales are the gateway's query settings.
type Sales struct {
	Router *Router
	// PriceRao is debited per answered query.
	PriceRao uint64
	// Limits bound a query's series and horizon.
	Limits forecast.Limits
	// Rate and Burst are each API key's token bucket (queries per second).
	Rate  float64
	Burst int
}

// EnableQueries adds POST /v1/forecast, GET /v1/gateway/miners and
// GET /metrics to s.
func (s *Server) EnableQueries(sales Sales) {
	s.sales = sales
	s.buckets = map[string]*bucket{}
	s.metrics = newMetrics(sales.Router.Pool)
	s.mux.HandleFunc("POST /v1/forecast", s.forecast)
	s.mux.HandleFunc("GET /v1/gateway/miners", s.miners)
	s.mux.Handle("GET /metrics", s.metrics.handler())
}

// bucket is one key's token bucket.
type bucket struct {
	tokens float64
	last   time.Time
}

// allow takes a token from key's bucket.
func (s *Server) allow(key string) bool {
	s.bmu.Lock()
	defer s.bmu.Unlock()
	now := time.Now()
	b, ok := s.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(s.sales.Burst), last: now}
		s.buckets[key] = b
	}
	b.tokens = math.Min(float64(s.sales.Burst), b.tokens+now.Sub(b.last).Seconds()*s.sales.Rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// checkRequest validates a forecast request, naming the bad field.
func checkRequest(req *ForecastRequest, l forecast.Limits) error {
	if len(req.Series) < l.MinSeries || len(req.Series) > l.MaxSeries {
		return fmt.Errorf("series: %d values, want %d to %d", len(req.Series), l.MinSeries, l.MaxSeries)
	}
	for i, v := range req.Series {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > l.MaxAbs {
			return fmt.Errorf("series[%d]: %v is not a finite value within ±%g", i, v, l.MaxAbs)
		}
	}
	if req.Horizon < l.MinHorizon || req.Horizon > l.MaxHorizon {
		return fmt.Errorf("horizon: %d, want %d to %d", req.Horizon, l.MinHorizon, l.MaxHorizon)
	}
	return nil
}

// admit checks a query's API key (401) and rate (429) and reads its body
// (413 over MaxRequestBytes); ok false means it answered already.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) (key string, body []byte, ok bool) {
	key = bearer(r)
	if _, err := s.Ledger.Lookup(key); err != nil {
		authError(w, err)
		return "", nil, false
	}
	if !s.allow(hashKey(key)) {
		writeError(w, http.StatusTooManyRequests, CodeRateLimited, fmt.Sprintf("more than %g queries a second (burst %d) for this key", s.sales.Rate, s.sales.Burst))
		return "", nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, CodeBadRequest, "body over 1 MiB")
		return "", nil, false
	}
	return key, body, true
}

func (s *Server) forecast(w http.ResponseWriter, r *http.Request) {
	key, body, ok := s.admit(w, r)
	if !ok {
		return
	}
	var req ForecastRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "body: "+err.Error())
		return
	}
	if err := checkRequest(&req, s.sales.Limits); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	if err := s.Ledger.CanPay(key, s.sales.PriceRao); err != nil {
		writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
		return
	}
	ans, err := s.sales.Router.Forecast(r.Context(), req.Series, req.Horizon)
	s.metrics.observe(s.sales.Router.Pool)
	if errors.Is(err, ErrNoMiner) {
		writeError(w, http.StatusServiceUnavailable, CodeNoMiner, "no miner answered the query; nothing was charged")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	if err := s.Ledger.Charge(key, s.sales.PriceRao); err != nil {
		if errors.Is(err, ErrInsufficientCredit) {
			writeError(w, http.StatusPaymentRequired, CodeInsufficientCredit, err.Error())
			return
		}
		writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	ans.PriceRao = s.sales.PriceRao
	writeJSON(w, http.StatusOK, ans)
}

// MinersResponse is the body of GET /v1/gateway/miners.
type MinersResponse struct {
	Policy string       `json:"policy"`
	Miners []MinerStats `json:"miners"`
}

func (s *Server) miners(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, MinersResponse{Policy: s.sales.Router.Policy, Miners: s.sales.Router.Pool.Stats()})
}

// metrics exports per-miner latency, success rate and weight.
type metrics struct {
	reg                      *prometheus.Registry
	latency, success, weight *prometheus.GaugeVec
	mu                       sync.Mutex
}

func newMetrics(p *Pool) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	labels := []string{"uid", "hotkey"}
	m.latency = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "taonet_gateway_miner_latency_ms", Help: "Moving average of the miner's answer latency."}, labels)
	m.success = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "taonet_gateway_miner_success_rate", Help: "Share of the miner's answers that were valid."}, labels)
	m.weight = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "taonet_gateway_miner_weight", Help: "Weight of the miner's answer in the last answer it was part of."}, labels)
	m.reg.MustRegister(m.latency, m.success, m.weight)
	m.observe(p)
	return m
}

func (m *metrics) observe(p *Pool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, st := range p.Stats() {
		l := prometheus.Labels{"uid": fmt.Sprint(st.UID), "hotkey": st.Hotkey}
		m.latency.With(l).Set(st.LatencyMs)
		m.success.With(l).Set(st.SuccessRate)
		m.weight.With(l).Set(st.Weight)
	}
}

func (m *metrics) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}).ServeHTTP(w, r)
	})
}

// ForecastKind is the forecasting subnet's Forecast synapse for the generic
// route: an answer is valid when its prediction is a finite forecast of the
// requested horizon within limits.
func ForecastKind(r *Router) SynapseKind {
	return SynapseKind{
		New: func() synapse.Synapse { return synapse.New(&forecast.Forecast{}) },
		Valid: func(req, resp synapse.Synapse) bool {
			q, ok1 := req.(*forecast.Forecast)
			a, ok2 := resp.(*forecast.Forecast)
			return ok1 && ok2 && r.valid(a.Prediction, q.Horizon)
		},
	}
}
