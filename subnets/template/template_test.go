package template_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/synapse"
	"github.com/taonet/taonet/tx"
)

var quiet = slog.New(slog.DiscardHandler)

// dummyTask asks for step*2 and rewards exact answers with 1.
type dummyTask struct{}

type dummyRound struct{ input int }

func (dummyTask) NewRound(_ context.Context, step uint64) (template.Round, error) {
	return dummyRound{input: int(step) + 1}, nil
}

func (r dummyRound) Requests() []synapse.Synapse {
	s := synapse.New(&Dummy{}).(*Dummy)
	s.DummyInput = r.input
	return []synapse.Synapse{s}
}

func (r dummyRound) Rewards(uids []uint16, responses [][]dendrite.Response) []float64 {
	out := make([]float64, len(uids))
	for i, row := range responses {
		if d, ok := row[0].Synapse.(*Dummy); ok && row[0].Err == nil && d.DummyOutput != nil && *d.DummyOutput == 2*r.input {
			out[i] = 1
		}
	}
	return out
}

func startMiner(t *testing.T, c template.Chain, uri string, factor int) *template.Miner {
	t.Helper()
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port = 0
	cfg.SyncInterval, cfg.Logger = time.Hour, quiet
	m, err := template.NewMiner(cfg, c, mustKey(uri))
	if err != nil {
		t.Fatal(err)
	}
	err = template.Attach(m, axon.Handler[*Dummy]{Forward: func(_ context.Context, s *Dummy) error {
		out := s.DummyInput * factor
		s.DummyOutput = &out
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Axon().Shutdown(context.Background()) })
	return m
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*template.ValidatorConfig)
		ok   bool
	}{
		{"default", func(*template.ValidatorConfig) {}, true},
		{"zero sample", func(c *template.ValidatorConfig) { c.SampleSize = 0 }, false},
		{"zero timeout", func(c *template.ValidatorConfig) { c.Timeout = 0 }, false},
		{"alpha zero", func(c *template.ValidatorConfig) { c.Alpha = 0 }, false},
		{"alpha above one", func(c *template.ValidatorConfig) { c.Alpha = 1.5 }, false},
		{"alpha NaN", func(c *template.ValidatorConfig) { c.Alpha = math.NaN() }, false},
		{"alpha one", func(c *template.ValidatorConfig) { c.Alpha = 1 }, true},
		{"negative interval", func(c *template.ValidatorConfig) { c.StepInterval = -1 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := template.DefaultValidatorConfig()
			tt.edit(&c)
			err := c.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, template.ErrInvalidConfig) {
				t.Fatalf("error %v does not wrap ErrInvalidConfig", err)
			}
		})
	}
	mc := template.DefaultMinerConfig()
	mc.Axon.IP, mc.Axon.ExternalIP = "0.0.0.0", ""
	if err := mc.Validate(); !errors.Is(err, template.ErrInvalidConfig) {
		t.Fatalf("miner announcing 0.0.0.0: %v", err)
	}
	mc.Axon.ExternalIP = "127.0.0.1"
	if err := mc.Validate(); err != nil {
		t.Fatalf("miner with external ip: %v", err)
	}
}

func TestMinerServesAxon(t *testing.T) {
	c := newFakeChain(1, mustKey("//Owner").Public(), mustKey("//M1").Public())
	m := startMiner(t, c, "//M1", 2)
	if m.UID() != 1 {
		t.Fatalf("uid %d, want 1", m.UID())
	}
	calls := c.submitted()
	if len(calls) != 1 {
		t.Fatalf("calls %v, want one serve_axon", calls)
	}
	sa, ok := calls[0].(tx.ServeAxon)
	if !ok || sa.IPLow != 0x7f000002 || sa.IPHigh != 0 || sa.IPType != 4 || sa.Protocol != axon.ProtocolTCP || sa.Netuid != 1 {
		t.Fatalf("serve_axon %+v", calls[0])
	}
	if want := m.Axon().Info().Port; sa.Port != want || want == 0 {
		t.Fatalf("announced port %d, listening on %d", sa.Port, want)
	}
	// Any client dialling what serve_axon put on chain reaches the axon
	// (here an unsigned request, which the axon itself refuses).
	announced := fmt.Sprintf("http://%s:%d/Synapse", template.LoopbackAlias, sa.Port)
	resp, err := http.Post(announced, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatalf("dial the announced address: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 || resp.Header.Get("bt_header_axon_status_code") == "" {
		t.Fatalf("announced address answered %d without the axon's status header %v", resp.StatusCode, resp.Header)
	}

	// A restart with the same address does not announce again.
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port, cfg.Axon.ExternalPort, cfg.Logger = 0, int(sa.Port), quiet
	m2, err := template.NewMiner(cfg, c, mustKey("//M1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := template.Attach(m2, axon.Handler[*Dummy]{Forward: func(context.Context, *Dummy) error { return nil }}); err != nil {
		t.Fatal(err)
	}
	if err := m2.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m2.Axon().Shutdown(context.Background())
	if n := len(c.submitted()); n != 1 {
		t.Fatalf("restart announced again: %d calls", n)
	}
	if err := m2.Start(context.Background()); !errors.Is(err, template.ErrStarted) {
		t.Fatalf("second Start: %v", err)
	}
	if err := template.Attach(m2, axon.Handler[*Dummy]{Forward: func(context.Context, *Dummy) error { return nil }}); !errors.Is(err, template.ErrStarted) {
		t.Fatalf("Attach after Start: %v", err)
	}
}

func TestMinerNotRegistered(t *testing.T) {
	c := newFakeChain(1, mustKey("//Owner").Public())
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port, cfg.Logger = 0, quiet
	m, err := template.NewMiner(cfg, c, mustKey("//Stranger"))
	if err != nil {
		t.Fatal(err)
	}
	if err := template.Attach(m, axon.Handler[*Dummy]{Forward: func(context.Context, *Dummy) error { return nil }}); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(context.Background()); !errors.Is(err, template.ErrNotRegistered) {
		t.Fatalf("Start: %v, want ErrNotRegistered", err)
	}
	if len(c.submitted()) != 0 {
		t.Fatal("an unregistered miner submitted a call")
	}
}

// TestValidatorLoop runs the validator's steps against two honest miners
// and one that answers wrong, then checks the scores and the weights it
// sets, and every reason it declines to set them.
func TestValidatorLoop(t *testing.T) {
	owner, val := mustKey("//Owner"), mustKey("//Val")
	c := newFakeChain(1, owner.Public(), val.Public(), mustKey("//M2").Public(), mustKey("//M3").Public(), mustKey("//M4").Public())
	startMiner(t, c, "//M2", 2)
	startMiner(t, c, "//M3", 3) // wrong answers
	startMiner(t, c, "//M4", 2)
	cfg := template.DefaultValidatorConfig()
	cfg.Timeout, cfg.StepInterval, cfg.EpochLength, cfg.Logger = 5*time.Second, 0, 10, quiet
	v, err := template.NewValidator(cfg, c, val, dummyTask{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ctx := context.Background()
	if err := v.SetWeights(ctx); !errors.Is(err, template.ErrNoScores) {
		t.Fatalf("SetWeights before any step: %v, want ErrNoScores", err)
	}
	for range 3 {
		uids, rewards, err := v.Forward(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := []uint16{2, 3, 4}; !equal(uids, want) {
			t.Fatalf("queried %v, want %v (serving miners only)", uids, want)
		}
		if rewards[0] != 1 || rewards[1] != 0 || rewards[2] != 1 {
			t.Fatalf("rewards %v, want [1 0 1]", rewards)
		}
	}
	scores := v.Scores()
	if want := 1 - math.Pow(0.9, 3); math.Abs(scores[2]-want) > 1e-12 || scores[3] != 0 || scores[0] != 0 || scores[1] != 0 {
		t.Fatalf("scores %v, want uid 2 and 4 at %v, others 0", scores, want)
	}

	if err := v.SetWeights(ctx); !errors.Is(err, template.ErrNoPermit) {
		t.Fatalf("SetWeights without permit: %v", err)
	}
	c.setPermit(1, true, 1000)
	if set, err := v.Sync(ctx); err != nil || set {
		t.Fatalf("Sync before epoch_length blocks: set=%v err=%v", set, err)
	}
	c.advance(cfg.EpochLength)
	set, err := v.Sync(ctx)
	if err != nil || !set {
		t.Fatalf("Sync after epoch_length blocks: set=%v err=%v", set, err)
	}
	calls := c.submitted()
	sw, ok := calls[len(calls)-1].(tx.SetWeights)
	if !ok {
		t.Fatalf("last call %T, want set_weights", calls[len(calls)-1])
	}
	if !equal(sw.Dests, []uint16{2, 4}) || !equal(sw.Weights, []uint16{65535, 65535}) || sw.VersionKey != template.SpecVersion || sw.Netuid != 1 {
		t.Fatalf("set_weights %+v", sw)
	}
	if set, err := v.Sync(ctx); err != nil || set {
		t.Fatalf("Sync right after setting: set=%v err=%v", set, err)
	}

	c.mu.Lock()
	c.m.Subnet.Hyperparameters.WeightsRateLimit = 100
	c.mu.Unlock()
	if err := v.SetWeights(ctx); !errors.Is(err, template.ErrRateLimited) {
		t.Fatalf("SetWeights within the rate limit: %v", err)
	}
	c.mu.Lock()
	c.m.Subnet.Hyperparameters.WeightsRateLimit = 0
	c.m.Subnet.Hyperparameters.WeightsVersionKey = template.SpecVersion + 1
	c.mu.Unlock()
	if err := v.SetWeights(ctx); !errors.Is(err, template.ErrVersionKey) {
		t.Fatalf("SetWeights with an old version key: %v", err)
	}
	c.mu.Lock()
	c.m.Subnet.Hyperparameters.WeightsVersionKey = 0
	c.refuse = errors.New("refused")
	c.mu.Unlock()
	if err := v.SetWeights(ctx); err == nil {
		t.Fatal("SetWeights succeeded although the chain refused")
	}
	if v.WeightsSet() != 1 {
		t.Fatalf("WeightsSet %d, want 1", v.WeightsSet())
	}
}

// TestValidatorResetsReplacedUID checks that a uid whose hotkey changed
// starts from a zero score and that new uids are tracked.
func TestValidatorResetsReplacedUID(t *testing.T) {
	val := mustKey("//Val")
	c := newFakeChain(1, val.Public(), mustKey("//M1").Public())
	startMiner(t, c, "//M1", 2)
	cfg := template.DefaultValidatorConfig()
	cfg.StepInterval, cfg.Logger = 0, quiet
	v, err := template.NewValidator(cfg, c, val, dummyTask{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ctx := context.Background()
	if _, _, err := v.Forward(ctx); err != nil {
		t.Fatal(err)
	}
	if v.Scores()[1] == 0 {
		t.Fatal("honest miner scored 0")
	}
	c.mu.Lock()
	c.m.Hotkeys[1] = mustKey("//Other").Public().SS58()
	c.m.Axons[1].IP = "0.0.0.0"
	c.addNeuron(mustKey("//M2").Public())
	c.mu.Unlock()
	if err := v.Resync(ctx); err != nil {
		t.Fatal(err)
	}
	if s := v.Scores(); len(s) != 3 || s[1] != 0 || s[2] != 0 {
		t.Fatalf("scores after replacement %v, want 3 zeros", s)
	}
}

func TestValidatorNotRegistered(t *testing.T) {
	c := newFakeChain(1, mustKey("//Owner").Public())
	cfg := template.DefaultValidatorConfig()
	cfg.Logger = quiet
	v, err := template.NewValidator(cfg, c, mustKey("//Val"), dummyTask{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Run(context.Background()); !errors.Is(err, template.ErrNotRegistered) {
		t.Fatalf("Run: %v, want ErrNotRegistered", err)
	}
}

func equal(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMinerBlacklist checks the template's blacklist: unregistered callers
// and, with ForceValidatorPermit, callers without a permit get nothing.
func TestMinerBlacklist(t *testing.T) {
	val := mustKey("//Val")
	c := newFakeChain(1, val.Public(), mustKey("//M1").Public())
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port, cfg.SyncInterval, cfg.Logger, cfg.ForceValidatorPermit = 0, time.Hour, quiet, true
	m, err := template.NewMiner(cfg, c, mustKey("//M1"))
	if err != nil {
		t.Fatal(err)
	}
	err = template.Attach(m, axon.Handler[*Dummy]{Forward: func(_ context.Context, s *Dummy) error {
		out := 2 * s.DummyInput
		s.DummyOutput = &out
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer m.Axon().Shutdown(ctx)

	vcfg := template.DefaultValidatorConfig()
	vcfg.Logger = quiet
	v, err := template.NewValidator(vcfg, c, val, dummyTask{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, rewards, err := v.Forward(ctx); err != nil || len(rewards) != 1 || rewards[0] != 0 {
		t.Fatalf("caller without permit: rewards %v, err %v; want [0]", rewards, err)
	}
	c.setPermit(0, true, 1)
	if err := m.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, rewards, err := v.Forward(ctx); err != nil || len(rewards) != 1 || rewards[0] != 1 {
		t.Fatalf("caller with permit: rewards %v, err %v; want [1]", rewards, err)
	}
	tests := []struct {
		hotkey, reason string
	}{
		{mustKey("//Stranger").Public().SS58(), "Unrecognized hotkey"},
		{mustKey("//M1").Public().SS58(), "Non-validator hotkey"},
		{val.Public().SS58(), ""},
		{"not-a-key", ""},
	}
	for _, tt := range tests {
		s := &Dummy{}
		s.Dendrite.Hotkey = tt.hotkey
		if bl, reason := m.Blacklist(s); bl != (tt.reason != "") || reason != tt.reason {
			t.Errorf("%s: blacklisted %v %q, want %q", tt.hotkey, bl, reason, tt.reason)
		}
	}
}

// TestValidatorRun runs the whole loop on a chain whose height moves with
// every step: it scores the miner and sets weights, and stops when its
// context ends.
func TestValidatorRun(t *testing.T) {
	val := mustKey("//Val")
	c := newFakeChain(1, val.Public(), mustKey("//M1").Public(), mustKey("//M2").Public())
	c.tick = true
	c.setPermit(0, true, 1)
	startMiner(t, c, "//M1", 2)
	startMiner(t, c, "//M2", 5)
	cfg := template.DefaultValidatorConfig()
	cfg.StepInterval, cfg.EpochLength, cfg.Logger = 0, 3, quiet
	v, err := template.NewValidator(cfg, c, val, dummyTask{})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- v.Run(ctx) }()
	deadline := time.After(20 * time.Second)
	for v.WeightsSet() < 2 {
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		case <-deadline:
			t.Fatalf("weights set %d times within the bound", v.WeightsSet())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	var last tx.SetWeights
	for _, call := range c.submitted() {
		if sw, ok := call.(tx.SetWeights); ok {
			last = sw
		}
	}
	if !equal(last.Dests, []uint16{1}) || !equal(last.Weights, []uint16{65535}) {
		t.Fatalf("last set_weights %+v, want all weight on uid 1", last)
	}
	if err := v.Run(context.Background()); !errors.Is(err, template.ErrStarted) {
		t.Fatalf("second Run: %v", err)
	}
}

// TestMinerRunDeregistered checks that Run keeps syncing and stops with
// ErrNotRegistered once the miner's UID goes to another hotkey.
func TestMinerRunDeregistered(t *testing.T) {
	c := newFakeChain(1, mustKey("//Owner").Public(), mustKey("//M1").Public())
	cfg := template.DefaultMinerConfig()
	cfg.Axon.Port, cfg.SyncInterval, cfg.Logger = 0, 5*time.Millisecond, quiet
	m, err := template.NewMiner(cfg, c, mustKey("//M1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := template.Attach(m, axon.Handler[*Dummy]{Forward: func(context.Context, *Dummy) error { return nil }}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(context.Background()) }()
	for m.UID() < 0 {
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	c.mu.Lock()
	c.m.Hotkeys[1] = mustKey("//Replacement").Public().SS58()
	c.mu.Unlock()
	select {
	case err := <-done:
		if !errors.Is(err, template.ErrNotRegistered) {
			t.Fatalf("Run: %v, want ErrNotRegistered", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not notice the deregistration")
	}
}
