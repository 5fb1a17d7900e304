package miner_test

import (
	"net/netip"

	"context"
	"github.com/taonet/taonet/axon"
	"math"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/subnets/forecast"
	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
	"github.com/taonet/taonet/tx"
)

func uriKey(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestStreamingForecastOnLocalnet: a forecast miner on an in-process
// localnet streams its horizon one value per line to a registered client's
// dendrite dialling the axon address the chain announces; the values are
// the model's forecast.
func TestStreamingForecastOnLocalnet(t *testing.T) {
	n := testnode.Start(t, "forecast-stream", 100*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := client.New(n.APIURL())
	alice := uriKey(t, "//Alice")
	minerKey, clientKey := uriKey(t, "//Alice//fminer"), uriKey(t, "//Alice//fclient")
	for _, call := range []tx.Call{
		tx.RegisterNetwork{Hotkey: uriKey(t, "//Alice//owner").Public()},
		tx.BurnedRegister{Netuid: 1, Hotkey: minerKey.Public()},
		tx.BurnedRegister{Netuid: 1, Hotkey: clientKey.Public()},
	} {
		if _, err := c.SignAndSubmit(ctx, alice, call, 0, true); err != nil {
			t.Fatalf("%s: %v", call.Name(), err)
		}
	}
	model, err := miner.ModelByName("ar")
	if err != nil {
		t.Fatal(err)
	}
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port = 0
	m, err := template.NewMiner(cfg, template.NewChain(c), minerKey)
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

	mg := metagraph.New(c, 1)
	if err := mg.Sync(ctx, true); err != nil {
		t.Fatal(err)
	}
	snap := mg.Snapshot()
	uid, ok := snap.UIDOf(minerKey.Public())
	if !ok {
		t.Fatal("miner not in the metagraph")
	}
	a := snap.Axons[uid]
	target := axon.Info{IP: netip.MustParseAddr(a.IP), Port: a.Port, Protocol: a.Protocol, Hotkey: minerKey.Public()}
	if target.IP.String() != template.LoopbackAlias {
		t.Fatalf("miner announces %v", target.IP)
	}
	d, err := dendrite.New(clientKey, dendrite.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	series := make([]float64, 64)
	for i := range series {
		series[i] = 10 + math.Sin(float64(i)/4)
	}
	req := synapse.New(&forecast.ForecastStream{}).(*forecast.ForecastStream)
	req.RoundID, req.Series, req.Horizon = 7, series, 8
	var got forecast.StreamReader
	r := d.Stream(ctx, target, req, 10*time.Second, got.Write)
	if r.Err != nil || !r.AxonSigned {
		t.Fatalf("stream: %+v", r)
	}
	want := model.Predict(series, 8)
	if len(got.Values) != 8 {
		t.Fatalf("streamed %v, want 8 values", got.Values)
	}
	for i := range want {
		if got.Values[i] != want[i] {
			t.Fatalf("value %d: streamed %v, model %v", i, got.Values[i], want[i])
		}
	}
	if r.FirstChunk <= 0 || r.FirstChunk > r.Latency {
		t.Fatalf("first chunk %v of %v", r.FirstChunk, r.Latency)
	}
}
