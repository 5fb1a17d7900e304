package sim_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/root"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
	"github.com/taonet/taonet/sim"
)

func run(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := root.Run(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}, args)
	return out.String(), errb.String(), code
}

func TestSimRunAndYumaReplay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := run("sim", "run", "copier-lag1", "--out", dir, "--emit-yuma-scenario", "7"); code != 0 {
		t.Fatalf("sim run: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := run("yuma", "run", filepath.Join(dir, "yuma-epoch-7.json"))
	if code != 0 {
		t.Fatalf("yuma run: exit %d: %s", code, stderr)
	}
	var got struct {
		Steps []struct {
			Incentive []uint16 `json:"incentive"`
			Emission  []uint64 `json:"emission"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || len(got.Steps) != 1 {
		t.Fatalf("yuma run output %q: %v", stdout, err)
	}
	s, _ := sim.LoadBuiltin("copier-lag1")
	r, _ := sim.Run(s)
	want := r.Epochs[7].Output
	for i := range want.Emission {
		if got.Steps[0].Emission[i] != want.Emission[i] || got.Steps[0].Incentive[i] != want.Incentive[i] {
			t.Fatalf("uid %d: yuma run %d/%d, sim %d/%d", i, got.Steps[0].Emission[i], got.Steps[0].Incentive[i], want.Emission[i], want.Incentive[i])
		}
	}
}

func TestSimBadInputExits2AndWritesNothing(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "bad.yaml")
	if err := os.WriteFile(bad, []byte("epochs: 5\nvalidators: [{name: v, stake: -1}]\nminers: [{name: m, quality: 1}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	for _, args := range [][]string{
		{"sim", "run", bad, "--out", out},
		{"sim", "run", "no-such-scenario", "--out", out},
		{"sim", "run", "copier-lag1", "--out", out, "--emit-yuma-scenario", "400"},
		{"sim", "run", "copier-lag1", "--out", out, "--set", "validators.ghost.lag=2"},
		{"sim", "run", "copier-lag1", "--out", out, "--set", "epochs=99999"},
		{"sim", "sweep", "copier-lag1", "--param", "params.kappa=0:1:0.001", "--metric", "copier.relative_dividends", "--out", out},
		{"sim", "sweep", "copier-lag1", "--param", "params.kappa=0:1:0.1", "--metric", "ghost.relative_dividends", "--out", out},
	} {
		_, stderr, code := run(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v wrote %s", args, out)
		}
	}
	if _, stderr, _ := run("sim", "run", bad, "--out", out); !strings.Contains(stderr, "validators[0].stake") {
		t.Errorf("error does not name the field: %s", stderr)
	}
}

func TestSimListHasTheLibrary(t *testing.T) {
	stdout, _, code := run("sim", "list", "-o", "json")
	var infos []sim.Info
	if code != 0 || json.Unmarshal([]byte(stdout), &infos) != nil || len(infos) < 20 {
		t.Fatalf("sim list: exit %d, %d scenarios", code, len(infos))
	}
}

// TestSimFromNode replays a live subnet (the API over an in-memory chain
// with one subnet of 8 UIDs, 3 of them weighting validators) forward.
func TestSimFromNode(t *testing.T) {
	f := subnetfix.New(t, 8, 3)
	srv := httptest.NewServer(api.New(subnetfix.Backend{C: f.C}, nil))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "replay")
	stdout, stderr, code := run("sim", "run", "--from-node", srv.URL, "--netuid", "1", "--epochs", "5", "--set", "params.kappa=0.6", "--out", dir, "-o", "json")
	if code != 0 {
		t.Fatalf("from-node: exit %d: %s", code, stderr)
	}
	var sum sim.Summary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Epochs != 5 || len(sum.Validators) != 3 || len(sum.Miners) != 5 {
		t.Fatalf("summary %+v (%v)", sum, err)
	}
	var paid float64
	for _, v := range sum.Validators {
		paid += v.TotalDividends
	}
	if paid <= 0 {
		t.Fatalf("replayed validators earned nothing: %+v", sum)
	}
	if _, _, code := run("sim", "run", "--from-node", srv.URL, "--netuid", "9", "--epochs", "5", "--out", dir+"2"); code == 0 {
		t.Fatal("an unknown subnet replayed")
	}
}
