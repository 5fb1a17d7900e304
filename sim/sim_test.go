package sim_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/cli/yuma/scenario"
	"github.com/taonet/taonet/sim"
)

var update = flag.Bool("update", false, "rewrite testdata golden summaries")

func runBuiltin(t *testing.T, name string) *sim.Result {
	t.Helper()
	s, err := sim.LoadBuiltin(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// TestBuiltinsGolden runs every built-in scenario and compares its
// summary.json with testdata/golden/<name>.json (rewrite with -update).
func TestBuiltinsGolden(t *testing.T) {
	infos, err := sim.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) < 20 {
		t.Fatalf("%d built-in scenarios, want at least 20", len(infos))
	}
	for _, in := range infos {
		t.Run(in.Name, func(t *testing.T) {
			got, err := json.MarshalIndent(runBuiltin(t, in.Name).Summarize(), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", in.Name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Fatalf("summary differs from %s:\n%s", path, got)
			}
		})
	}
}

// TestEmittedYumaScenarioReplaysExactly: for every built-in scenario and
// every epoch K, the emitted `taonet yuma run` file replays through the
// scenario runner to epoch K's outputs, row for row and field for field
// (block, active, permits, stake weight, consensus, incentive, dividends,
// validator trust, server/validator/total emission, dense bonds).
func TestEmittedYumaScenarioReplaysExactly(t *testing.T) {
	infos, err := sim.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range infos {
		r := runBuiltin(t, in.Name)
		for k := range r.Epochs {
			file, err := r.YumaScenario(k)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := scenario.Parse(bytes.NewReader(file))
			if err != nil {
				t.Fatalf("%s epoch %d: emitted file does not parse: %v", in.Name, k, err)
			}
			res, err := sc.Run()
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Steps) != 1 {
				t.Fatalf("%s epoch %d: %d steps replayed, want 1", in.Name, k, len(res.Steps))
			}
			out := r.Epochs[k].Output
			n := int(r.Epochs[k].Input.N)
			dense := make([][]uint16, n)
			for i := range dense {
				dense[i] = make([]uint16, n)
				for _, b := range out.Bonds[i] {
					dense[i][b.UID] = b.Bond
				}
			}
			want := scenario.StepResult{
				Block: r.Epochs[k].Input.Block, Active: out.Active, ValidatorPermit: out.ValidatorPermit,
				StakeWeight: out.StakeWeight, Consensus: out.Consensus, Incentive: out.Incentive,
				Dividends: out.Dividends, ValidatorTrust: out.ValidatorTrust, ServerEmission: out.ServerEmission,
				ValidatorEmission: out.ValidatorEmission, Emission: out.Emission, Bonds: dense,
			}
			if got := res.Steps[0]; !reflect.DeepEqual(got, want) {
				t.Fatalf("%s epoch %d: replays as\n%+v\nsimulated\n%+v", in.Name, k, got, want)
			}
		}
	}
}

func TestRunIsDeterministic(t *testing.T) {
	a, b := runBuiltin(t, "copier-lag1").Summarize(), runBuiltin(t, "copier-lag1").Summarize()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs of one scenario differ")
	}
}

// The scenarios tell the stories they name.
func TestScenarioOutcomes(t *testing.T) {
	metric := func(name, m string) float64 {
		v, err := runBuiltin(t, name).Summarize().Metric(m)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if m1, m2 := metric("bond-reset", "m1.total_incentive"), metric("bond-reset", "m2.total_incentive"); m1 <= 0 || m2 <= 0 {
		t.Fatalf("bond-reset: both miners should earn (m1 %v, m2 %v)", m1, m2)
	}
	// No permit after the first epoch (permits start empty): a 20% stake earns
	// at most that one epoch's share.
	if small := metric("max-validators-cut", "small.dividend_share"); small > 0.02 {
		t.Fatalf("a validator without a permit earned a dividend share of %v", small)
	}
	if w, o := metric("winner-takes-all", "best.mean_incentive"), metric("winner-takes-all", "m2.mean_incentive"); w < 0.5 || o > 0.2 {
		t.Fatalf("winner-takes-all: best %v, m2 %v", w, o)
	}
	if c := metric("cabal", "friend.total_incentive"); c > metric("cabal", "m1.total_incentive") {
		t.Fatal("a minority cabal out-earned the honest consensus")
	}
}

func TestOutputsWritten(t *testing.T) {
	dir := t.TempDir()
	r := runBuiltin(t, "copier-lag1")
	if err := r.WriteDir(dir, 3); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"epochs.csv", "summary.json", "yuma-epoch-3.json", "dividends.svg", "dividends.png",
		"relative_dividends.svg", "relative_dividends.png", "incentive.svg", "incentive.png", "bonds_heatmap.svg", "bonds_heatmap.png"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() == 0 {
			t.Fatalf("%s: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "epochs.csv"))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if lines[0] != "epoch,block,uid,name,role,stake,weights,consensus,incentive,dividends,bonds,emission" || len(lines) != 1+40*8 {
		t.Fatalf("epochs.csv: header %q, %d lines", lines[0], len(lines))
	}
	png, _ := os.ReadFile(filepath.Join(dir, "incentive.png"))
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatal("incentive.png is not a PNG")
	}
}

func TestBadScenarios(t *testing.T) {
	good := "epochs: 5\nvalidators:\n  - {name: v, stake: 10}\nminers:\n  - {name: m, quality: 1}\n"
	if _, err := sim.Parse([]byte(good)); err != nil {
		t.Fatalf("good scenario: %v", err)
	}
	tests := []struct{ yaml, field string }{
		{"epochs: 0\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "epochs"},
		{"epochs: 100000\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "epochs"},
		{"validators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "epochs"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1}, {name: w, stake: 1}, {name: x, stake: -3}]\nminers: [{name: m, quality: 1}]", "validators[2].stake"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1, policy: lazy}]\nminers: [{name: m, quality: 1}]", "validators[0].policy"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1, policy: fixed, weights: {nope: 1}}]\nminers: [{name: m, quality: 1}]", "validators[0].weights.nope"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1, policy: switch, at_epoch: 2, to: ghost}]\nminers: [{name: m, quality: 1}]", "validators[0].to"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1, lag: 2}]\nminers: [{name: m, quality: 1}]", "validators[0].lag"},
		{"epochs: 5\nvalidators: [{name: m, stake: 1}]\nminers: [{name: m, quality: 1}]", "validators[0].name"},
		{"epochs: 5\nparams: {kappa: 2}\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "params.kappa"},
		{"epochs: 5\nparams: {nonsense: 1}\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "params.nonsense"},
		{"epochs: 5\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1, changes: {9: 0.5}}]", "miners[0].changes.9"},
		{"epochs: 5\nvalidators: []\nminers: [{name: m, quality: 1}]", "validators"},
		{"epochs: 5\nextra: 1\nvalidators: [{name: v, stake: 1}]\nminers: [{name: m, quality: 1}]", "extra"},
		{"epochs: [", "(file)"},
	}
	for _, tt := range tests {
		_, err := sim.Parse([]byte(tt.yaml))
		var fe *sim.FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, sim.ErrInvalid) {
			t.Errorf("%q: error %v, want field %s", tt.yaml, err, tt.field)
		}
	}
}
