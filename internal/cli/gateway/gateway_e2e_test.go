package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/client"
	gw "github.com/taonet/taonet/gateway"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	gatewaycmd "github.com/taonet/taonet/internal/cli/gateway"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/tx"
)

func key(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestGatewayEndToEnd: on an in-process chain, two miners serve real
// forecast models; the gateway (its hotkey registered with a validator
// permit) opens an account, credits a real transfer once committed and
// answers a forecast with the mixture, charging the price.
func TestGatewayEndToEnd(t *testing.T) {
	n := testnode.Start(t, "gateway-e2e", 50*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := client.New(n.APIURL())
	alice := key(t, "//Alice")
	calls := []tx.Call{tx.RegisterNetwork{Hotkey: key(t, "//Alice//owner").Public()}}
	for name, v := range map[string]uint64{"sudo_set_tempo": 3, "sudo_set_target_registrations_per_interval": 20, "sudo_set_max_registrations_per_block": 20} {
		p, _ := tx.AdminParamByName(name)
		calls = append(calls, tx.AdminSet{Call: p.Index, Netuid: 1, Value: v})
	}
	// Four misbehaving miners register first (lower UIDs: with no incentive
	// yet they are asked first): wrong length, huge values, empty, slow.
	bad := []string{"//Alice//wrong", "//Alice//huge", "//Alice//empty", "//Alice//slow"}
	for _, uri := range append([]string{"//Alice//gw"}, append(bad, "//Alice//m1", "//Alice//m2")...) {
		calls = append(calls, tx.BurnedRegister{Netuid: 1, Hotkey: key(t, uri).Public()})
	}
	calls = append(calls, tx.AddStake{Hotkey: key(t, "//Alice//gw").Public(), Amount: 10_000_000_000}) // stake earns the permit
	for _, call := range calls {
		if _, err := c.SignAndSubmit(ctx, alice, call, 0, true); err != nil {
			t.Fatalf("%s: %v", call.Name(), err)
		}
	}
	for i, name := range []string{"ensemble", "ar"} {
		model, err := miner.ModelByName(name)
		if err != nil {
			t.Fatal(err)
		}
		cfg := template.DefaultMinerConfig()
		cfg.Axon.Port = 0
		m, err := template.NewMiner(cfg, template.NewChain(c), key(t, []string{"//Alice//m1", "//Alice//m2"}[i]))
		if err != nil {
			t.Fatal(err)
		}
		if err := miner.Attach(m, model, forecast.DefaultLimits()); err != nil {
			t.Fatal(err)
		}
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Axon().Shutdown(context.Background())
	}
	for i, uri := range bad {
		cfg := template.DefaultMinerConfig()
		cfg.Axon.Port = 0
		m, err := template.NewMiner(cfg, template.NewChain(c), key(t, uri))
		if err != nil {
			t.Fatal(err)
		}
		behave := []func(*forecast.Forecast){
			func(f *forecast.Forecast) { f.Prediction = []float64{1, 2} },
			func(f *forecast.Forecast) { f.Prediction = make([]float64, f.Horizon); f.Prediction[0] = 1e300 },
			func(f *forecast.Forecast) { f.Prediction = nil },
			func(f *forecast.Forecast) { time.Sleep(3 * time.Second); f.Prediction = make([]float64, f.Horizon) },
		}[i]
		if err := template.Attach(m, axon.Handler[*forecast.Forecast]{Forward: func(_ context.Context, f *forecast.Forecast) error {
			behave(f)
			return nil
		}}); err != nil {
			t.Fatal(err)
		}
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Axon().Shutdown(context.Background())
	}
	// Wait for an epoch: permits, and every axon on chain.
	mg := metagraph.New(c, 1)
	gwKey := key(t, "//Alice//gw").Public()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if err := mg.Sync(ctx, true); err == nil {
			s := mg.Snapshot()
			uid, ok := s.UIDOf(gwKey)
			serving := 0
			for _, a := range s.Axons {
				if a.Port != 0 {
					serving++
				}
			}
			if ok && s.ValidatorPermit[uid] && serving == 6 {
				break
			}
		}
		if time.Now().After(deadline) {
			s := mg.Snapshot()
			t.Fatalf("no validator permit or axons within 30 s: permits %v axons %+v", s.ValidatorPermit, s.Axons)
		}
	}

	// Refusals by name: a hotkey that is not registered, a bad policy.
	refused := &gatewaycmd.Options{IO: &cmdutil.IOStreams{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: io.Discard},
		Wallet: &walletflags.Flags{URI: "//Charlie//nobody"}, Netuid: 1, Listen: "127.0.0.1:0", Price: "0.001",
		Policy: gw.PolicyMoE, Node: n.APIURL(), Data: t.TempDir(), K: 2, Timeout: time.Second, Rate: 1, Burst: 1, LogLevel: "warn"}
	if err := gatewaycmd.Run(ctx, refused); !errors.Is(err, gatewaycmd.ErrNotRegistered) {
		t.Fatalf("unregistered hotkey: %v", err)
	}
	refused.Policy = "best"
	if err := gatewaycmd.Run(ctx, refused); cmdutil.ExitCode(err) != 2 {
		t.Fatalf("bad policy: %v (exit %d)", err, cmdutil.ExitCode(err))
	}

	ready := make(chan string, 1)
	var errOut bytes.Buffer
	opts := &gatewaycmd.Options{
		IO: &cmdutil.IOStreams{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: &errOut}, Wallet: &walletflags.Flags{URI: "//Alice//gw"},
		Netuid: 1, Listen: "127.0.0.1:0", Price: "0.001", Policy: gw.PolicyMoE, Node: n.APIURL(), Data: t.TempDir(),
		K: 2, Timeout: time.Second, Rate: 50, Burst: 50, LogLevel: "warn", Ready: func(a string) { ready <- a },
	}
	gctx, stopGateway := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- gatewaycmd.Run(gctx, opts) }()
	var url string
	select {
	case a := <-ready:
		url = "http://" + a
	case err := <-done:
		t.Fatalf("gateway stopped: %v\n%s", err, errOut.String())
	case <-time.After(30 * time.Second):
		t.Fatal("gateway did not start")
	}
	defer func() { stopGateway(); <-done }()

	call := func(method, path, apiKey string, body, out any) int {
		t.Helper()
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
		req, _ := http.NewRequestWithContext(ctx, method, url+path, rd)
		if apiKey != "" {
			req.Header.Set("Authorization", "Bearer "+apiKey)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	var acct gw.NewAccountResponse
	if code := call("POST", "/v1/accounts", "", nil, &acct); code != 201 {
		t.Fatalf("open account: %d", code)
	}
	series := make([]float64, 96)
	for i := range series {
		series[i] = 20 + 4*math.Sin(float64(i)/5) + 0.05*float64(i)
	}
	if code := call("POST", "/v1/forecast", acct.APIKey, gw.ForecastRequest{Series: series, Horizon: 8}, nil); code != http.StatusPaymentRequired {
		t.Fatalf("query before paying: %d, want 402", code)
	}
	dest, _ := keys.ParsePublicKey(acct.DepositAddress)
	if _, err := c.SignAndSubmit(ctx, key(t, "//Bob"), tx.Transfer{Dest: dest, Value: 10_000_000}, 0, true); err != nil {
		t.Fatal(err)
	}
	var me gw.AccountResponse
	for deadline := time.Now().Add(20 * time.Second); me.CreditRao != 10_000_000; time.Sleep(20 * time.Millisecond) {
		call("GET", "/v1/accounts/me", acct.APIKey, nil, &me)
		if time.Now().After(deadline) {
			t.Fatalf("credit %d after the transfer", me.CreditRao)
		}
	}
	var ans gw.Answer
	if code := call("POST", "/v1/forecast", acct.APIKey, gw.ForecastRequest{Series: series, Horizon: 8}, &ans); code != 200 {
		t.Fatalf("forecast: %d", code)
	}
	if len(ans.Prediction) != 8 || ans.Policy != gw.PolicyMoE || ans.PriceRao != 1_000_000 {
		t.Fatalf("answer %+v", ans)
	}
	okCount := 0
	for _, m := range ans.Miners {
		switch m.Hotkey {
		case key(t, "//Alice//m1").SS58(), key(t, "//Alice//m2").SS58():
			if m.Status != gw.StatusOK || len(m.Prediction) != 8 || m.LatencyMs <= 0 {
				t.Fatalf("honest miner %+v", m)
			}
			okCount++
		default:
			if m.Status == gw.StatusOK || m.Prediction != nil || m.Weight != 0 {
				t.Fatalf("a misbehaving miner's answer was used: %+v", m)
			}
		}
	}
	if okCount != 2 || len(ans.Miners) != 6 {
		t.Fatalf("answer %+v: want the 4 misbehaving miners replaced by the 2 honest ones", ans.Miners)
	}
	for _, v := range ans.Prediction {
		if math.IsNaN(v) || math.Abs(v) > 1e3 {
			t.Fatalf("prediction %v", ans.Prediction)
		}
	}
	call("GET", "/v1/accounts/me", acct.APIKey, nil, &me)
	if me.CreditRao != 9_000_000 || me.Queries != 1 || len(me.Deposits) != 1 {
		t.Fatalf("account after one query: %+v", me)
	}
	// The generic route forwards any synapse of the subnet.
	var qa gw.QueryAnswer
	if code := call("POST", "/v1/query/Forecast", acct.APIKey, map[string]any{"round_id": 1, "series": series, "horizon": 4}, &qa); code != 200 {
		t.Fatalf("generic query: %d", code)
	}
	var f forecast.Forecast
	if err := json.Unmarshal(qa.Prediction, &f); err != nil || len(f.Prediction) != 4 || qa.PriceRao != 1_000_000 || len(qa.Miners) == 0 {
		t.Fatalf("generic answer %+v (%v): %s", qa, err, qa.Prediction)
	}
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	if code := call("POST", "/v1/query/Nope", acct.APIKey, map[string]any{}, &e); code != 404 || e.Error.Code != gw.CodeUnknownSynapse {
		t.Fatalf("unknown synapse: %d %+v", code, e)
	}
}
