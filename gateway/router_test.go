package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/gateway/mixture"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/models"
)

// fakeMiners answer by UID: real models, and miners that are slow,
// failing, empty and malicious.
type fakeMiners map[uint16]func(series []float64, h int) ([]float64, error)

func (f fakeMiners) Forecast(_ context.Context, m Miner, series []float64, h int) ([]float64, error) {
	return f[m.UID](series, h)
}

func model(m models.Model) func([]float64, int) ([]float64, error) {
	return func(s []float64, h int) ([]float64, error) { return m.Predict(s, h), nil }
}

var errMinerDown = errors.New("connection refused")

func testMiners() (fakeMiners, []Miner) {
	f := fakeMiners{
		0: func(_ []float64, h int) ([]float64, error) { return fill(math.NaN(), h), nil }, // malicious: NaN
		1: func(_ []float64, h int) ([]float64, error) { return fill(1, h+3), nil },        // wrong length
		2: func(_ []float64, _ int) ([]float64, error) { return nil, errMinerDown },        // failing
		3: func(_ []float64, h int) ([]float64, error) { return fill(1e300, h), nil },      // huge values
		4: func(_ []float64, _ int) ([]float64, error) { return []float64{}, nil },         // empty
		5: model(models.DefaultEnsemble()),                                                 // honest
		6: func(s []float64, h int) ([]float64, error) {
			time.Sleep(30 * time.Millisecond)
			return models.AR{Order: 8}.Predict(s, h), nil
		}, // slow, honest
		7: model(models.LastValue{}), // honest, weak
	}
	ms := []Miner{{UID: 0, Incentive: 0.99}, {UID: 1, Incentive: 0.98}, {UID: 2, Incentive: 0.97}, {UID: 3, Incentive: 0.96},
		{UID: 4, Incentive: 0.95}, {UID: 5, Incentive: 0.5}, {UID: 6, Incentive: 0.4}, {UID: 7, Incentive: 0.1}}
	for i := range ms {
		ms[i].Hotkey = string(rune('a' + i))
	}
	return f, ms
}

func fill(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func series(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 10 + 3*math.Sin(float64(i)/3) + 0.01*float64(i)
	}
	return s
}

type harness struct {
	t    *testing.T
	url  string
	key  string
	l    *Ledger
	pool *Pool
}

func newHarness(t *testing.T, policy string, credit uint64) *harness {
	t.Helper()
	l, err := OpenLedger(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key, a, err := l.NewAccount()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Credit(Deposit{TxHash: "seed", Amount: credit}, a.DepositAddress); err != nil {
		t.Fatal(err)
	}
	f, ms := testMiners()
	pool := NewPool()
	pool.SetMiners(ms)
	s := NewServer(l, nil)
	s.EnableQueries(Sales{Router: &Router{Pool: pool, Ask: f, Policy: policy, K: 2, Rule: mixture.DefaultRule(), MaxAbs: 1e12},
		PriceRao: 100, Limits: forecast.DefaultLimits(), Rate: 1000, Burst: 1000})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &harness{t: t, url: "http://" + ln.Addr().String(), key: key, l: l, pool: pool}
}

func (h *harness) post(body any, out any) int {
	h.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", h.url+"/v1/forecast", bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+h.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			h.t.Fatalf("%s: %v", data, err)
		}
	}
	return resp.StatusCode
}

// TestPolicies: each policy answers from valid miners only, after the
// malicious, failing and empty ones were tried and replaced, with the
// provenance, and charges the price.
func TestPolicies(t *testing.T) {
	for _, policy := range []string{PolicyTopK, PolicyMoE, PolicyRace} {
		t.Run(policy, func(t *testing.T) {
			h := newHarness(t, policy, 1000)
			var ans Answer
			if code := h.post(ForecastRequest{Series: series(96), Horizon: 8}, &ans); code != 200 {
				t.Fatalf("status %d", code)
			}
			if ans.Policy != policy || ans.PriceRao != 100 || len(ans.Prediction) != 8 {
				t.Fatalf("answer %+v", ans)
			}
			total, used := 0.0, 0
			for _, m := range ans.Miners {
				switch m.UID {
				case 0, 1, 3, 4:
					if m.Status != StatusInvalid || m.Prediction != nil || m.Weight != 0 {
						t.Fatalf("malicious miner %d passed: %+v", m.UID, m)
					}
				case 2:
					if m.Status != StatusFailed {
						t.Fatalf("failing miner: %+v", m)
					}
				default:
					if m.Status != StatusOK || len(m.Prediction) != 8 {
						t.Fatalf("honest miner %d: %+v", m.UID, m)
					}
					used++
					total += m.Weight
				}
			}
			want := 2
			if policy == PolicyRace {
				want = 1
			}
			if used != want || math.Abs(total-1) > 1e-9 {
				t.Fatalf("%d honest answers used (want %d), weights sum %v", used, want, total)
			}
			for _, v := range ans.Prediction {
				if math.IsNaN(v) || math.Abs(v) > 100 {
					t.Fatalf("prediction %v", ans.Prediction)
				}
			}
			a, _ := h.l.Lookup(h.key)
			if a.CreditRao != 900 || a.Queries != 1 {
				t.Fatalf("account after one query: %+v", a)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	h := newHarness(t, PolicyTopK, 150)
	nan := series(32)
	nan[5] = math.NaN()
	for _, tc := range []struct {
		body  any
		field string
	}{
		{ForecastRequest{Series: series(3), Horizon: 8}, "series"},
		{ForecastRequest{Series: series(32), Horizon: 0}, "horizon"},
		{ForecastRequest{Series: series(32), Horizon: 1000}, "horizon"},
		{map[string]any{"series": "x", "horizon": 2}, "body"},
	} {
		var e apitypes.ErrorBody
		if code := h.post(tc.body, &e); code != 400 || e.Error.Code != CodeBadRequest || !strings.HasPrefix(e.Error.Message, tc.field) {
			t.Fatalf("%+v: %d %+v", tc.body, code, e)
		}
	}
	// JSON cannot carry NaN; a huge value is refused by name.
	big := series(32)
	big[3] = 1e300
	var e apitypes.ErrorBody
	if code := h.post(ForecastRequest{Series: big, Horizon: 4}, &e); code != 400 || !strings.HasPrefix(e.Error.Message, "series[3]") {
		t.Fatalf("huge value: %d %+v", code, e)
	}
	// One query paid (150 → 50), the next cannot be: 402, nothing charged.
	if code := h.post(ForecastRequest{Series: series(64), Horizon: 4}, nil); code != 200 {
		t.Fatalf("first query %d", code)
	}
	if code := h.post(ForecastRequest{Series: series(64), Horizon: 4}, &e); code != 402 || e.Error.Code != CodeInsufficientCredit {
		t.Fatalf("unpaid query: %d %+v", code, e)
	}
	h.key = "tao_" + strings.Repeat("1", 64)
	if code := h.post(ForecastRequest{Series: series(64), Horizon: 4}, &e); code != 401 {
		t.Fatalf("unknown key: %d", code)
	}
}

func TestRateLimitAndNoMiner(t *testing.T) {
	h := newHarness(t, PolicyTopK, 1_000_000)
	s := NewServer(h.l, nil)
	f := fakeMiners{2: func([]float64, int) ([]float64, error) { return nil, errMinerDown }}
	pool := NewPool()
	pool.SetMiners([]Miner{{UID: 2, Hotkey: "c", Incentive: 1}})
	s.EnableQueries(Sales{Router: &Router{Pool: pool, Ask: f, Policy: PolicyTopK, K: 2, Rule: mixture.DefaultRule(), MaxAbs: 1e12},
		PriceRao: 100, Limits: forecast.DefaultLimits(), Rate: 0.001, Burst: 2})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	h.url = "http://" + ln.Addr().String()
	var e apitypes.ErrorBody
	if code := h.post(ForecastRequest{Series: series(64), Horizon: 4}, &e); code != 503 || e.Error.Code != CodeNoMiner {
		t.Fatalf("no miner: %d %+v", code, e)
	}
	if a, _ := h.l.Lookup(h.key); a.CreditRao != 1_000_000 {
		t.Fatal("a query nobody answered was charged")
	}
	h.post(ForecastRequest{Series: series(64), Horizon: 4}, nil)
	if code := h.post(ForecastRequest{Series: series(64), Horizon: 4}, &e); code != 429 || e.Error.Code != CodeRateLimited {
		t.Fatalf("flood: %d %+v", code, e)
	}
}

// TestBenchAndRecover: repeated failures bench a miner; time heals.
func TestBenchAndRecover(t *testing.T) {
	p := NewPool()
	now := time.Unix(1000, 0)
	p.Now = func() time.Time { return now }
	p.SetMiners([]Miner{{UID: 1, Hotkey: "a", Incentive: 1}, {UID: 2, Hotkey: "b"}})
	for range BenchAfter {
		p.Report("a", false, time.Millisecond)
	}
	if c := p.Candidates(); len(c) != 1 || c[0].Hotkey != "b" {
		t.Fatalf("after %d failures: %v", BenchAfter, c)
	}
	now = now.Add(BenchBase + time.Second)
	if c := p.Candidates(); len(c) != 2 {
		t.Fatalf("after the bench: %v", c)
	}
	p.Report("a", true, time.Millisecond)
	st := p.Stats()
	if st[0].Streak != 0 || st[0].Successes != 1 || st[0].Failures != BenchAfter {
		t.Fatalf("stats %+v", st[0])
	}
}

func TestMinersAndMetrics(t *testing.T) {
	h := newHarness(t, PolicyMoE, 1000)
	h.post(ForecastRequest{Series: series(96), Horizon: 8}, nil)
	resp, err := http.Get(h.url + "/v1/gateway/miners")
	if err != nil {
		t.Fatal(err)
	}
	var mr MinersResponse
	json.NewDecoder(resp.Body).Decode(&mr)
	resp.Body.Close()
	if mr.Policy != PolicyMoE || len(mr.Miners) != 8 {
		t.Fatalf("miners %+v", mr)
	}
	resp, err = http.Get(h.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, name := range []string{"taonet_gateway_miner_latency_ms", "taonet_gateway_miner_success_rate", "taonet_gateway_miner_weight"} {
		if !strings.Contains(string(body), name) {
			t.Fatalf("/metrics lacks %s", name)
		}
	}
}
