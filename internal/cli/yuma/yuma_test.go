package yuma

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// run executes "yuma ARGS..." the way the root command does and returns the
// exit code, stdout and the error line.
func execYuma(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &cmdutil.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	cmd := NewCmd(io)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	return cmdutil.ExitCode(err), out.String(), msg
}

const vectors = "../../../yuma/testdata/vectors"

func TestRunVector(t *testing.T) {
	path := filepath.Join(vectors, "03_test_active_stake.json")
	code, out, msg := execYuma(t, "", "run", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var res struct {
		Steps []map[string]json.RawMessage `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Steps) != 4 {
		t.Fatalf("%d steps", len(res.Steps))
	}
	for _, k := range []string{"block", "active", "validator_permit", "stake_weight", "consensus", "incentive", "dividends",
		"validator_trust", "server_emission", "validator_emission", "emission", "bonds"} {
		if _, ok := res.Steps[0][k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if got := string(res.Steps[2]["dividends"]); !strings.HasPrefix(got, "[36044,29490,") {
		t.Errorf("step 2 dividends = %s", got)
	}

	// stdin gives the same output
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, out2, _ := execYuma(t, string(data), "run", "-")
	if code != 0 || out2 != out {
		t.Fatalf("stdin run differs (exit %d)", code)
	}
}

func TestRunMalformed(t *testing.T) {
	base := `{"hyperparams": {"kappa": 32767, "tempo": 10, "owner_uid": null},
	  "n": 2, "stake": [1, 2], "rao_emission": 1000,
	  "initial_state": {"validator_permit": [true, true], "bonds": [[0, 0], [0, 0]]},
	  "steps": [{"block": 5, "weights": [[[1, 65535]], []], "last_update": [5, 5], "registered_at": [0, 0]}]}`
	if code, _, msg := execYuma(t, base, "run", "-"); code != 0 {
		t.Fatalf("base scenario: exit %d: %s", code, msg)
	}
	cases := []struct{ name, from, to, field string }{
		{"n zero", `"n": 2`, `"n": 0`, "n"},
		{"n missing", `"n": 2,`, ``, "n"},
		{"n too big", `"n": 2`, `"n": 65536`, "n"},
		{"stake length", `"stake": [1, 2]`, `"stake": [1]`, "stake"},
		{"stake negative", `"stake": [1, 2]`, `"stake": [1, -2]`, "stake[1]"},
		{"permit length", `"validator_permit": [true, true]`, `"validator_permit": [true]`, "initial_state.validator_permit"},
		{"bond overflow", `[[0, 0], [0, 0]]`, `[[0, 65536], [0, 0]]`, "initial_state.bonds[0][1]"},
		{"bond row length", `[[0, 0], [0, 0]]`, `[[0, 0], [0]]`, "initial_state.bonds[1]"},
		{"weights rows", `"weights": [[[1, 65535]], []]`, `"weights": [[[1, 65535]]]`, "steps[0].weights"},
		{"uid out of range", `[[1, 65535]]`, `[[2, 65535]]`, "steps[0].weights[0][0][0]"},
		{"weight overflow", `[[1, 65535]]`, `[[1, 65536]]`, "steps[0].weights[0][0][1]"},
		{"weight not a pair", `[[1, 65535]]`, `[[1, 5, 7]]`, "steps[0].weights[0][0]"},
		{"last_update length", `"last_update": [5, 5]`, `"last_update": [5]`, "steps[0].last_update"},
		{"registered_at missing", `, "registered_at": [0, 0]`, ``, "steps[0].registered_at"},
		{"block missing", `"block": 5, `, ``, "steps[0].block"},
		{"kappa overflow", `"kappa": 32767`, `"kappa": 70000`, "hyperparams.kappa"},
		{"kappa string", `"kappa": 32767`, `"kappa": "x"`, "hyperparams.kappa"},
		{"owner out of range", `"owner_uid": null`, `"owner_uid": 2`, "hyperparams.owner_uid"},
		{"steepness overflow", `"owner_uid": null`, `"owner_uid": null, "alpha_sigmoid_steepness": 40000`, "hyperparams.alpha_sigmoid_steepness"},
		{"fractional", `"rao_emission": 1000`, `"rao_emission": 1.5`, "rao_emission"},
		{"syntax", `"n": 2,`, `"n": 2,,`, "invalid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(base, c.from, c.to, 1)
			if in == base {
				t.Fatal("replacement did not apply")
			}
			code, out, msg := execYuma(t, in, "run", "-")
			if code != 2 {
				t.Fatalf("exit %d, want 2 (%s)", code, msg)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			if strings.Contains(msg, "\n") || !strings.Contains(msg, c.field) {
				t.Errorf("error %q should be one line naming %q", msg, c.field)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	if code, _, _ := execYuma(t, "", "run"); code != 2 {
		t.Fatalf("no FILE: exit %d", code)
	}
	if code, _, msg := execYuma(t, "", "run", filepath.Join(t.TempDir(), "missing.json")); code != 2 || !strings.Contains(msg, "missing.json") {
		t.Fatalf("missing file: exit %d %s", code, msg)
	}
}

// TestRunExample runs the scenario the README points at, as JSON and as
// text: miner 2 (weighted highest by both validators) earns the most.
func TestRunExample(t *testing.T) {
	const example = "../../../examples/yuma-scenario.json"
	code, out, msg := execYuma(t, "", "run", example, "--output", "json")
	var res struct {
		Steps []struct {
			Incentive []uint16 `json:"incentive"`
			Emission  []uint64 `json:"emission"`
		} `json:"steps"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Steps) != 2 {
		t.Fatalf("json: code %d, %s, %q", code, msg, out)
	}
	if inc := res.Steps[0].Incentive; inc[2] <= inc[3] || inc[0] != 0 {
		t.Errorf("incentive %v: want miner 2 above miner 3, validators 0", inc)
	}
	code, out, msg = execYuma(t, "", "run", example, "-o", "text")
	if code != 0 || !strings.Contains(out, "EMISSION (TAO)") || !strings.Contains(out, "step 2 (block 22)") {
		t.Fatalf("text: code %d, %s, %q", code, msg, out)
	}
	if code, _, _ := execYuma(t, "", "run", example, "-o", "yaml"); code != 2 {
		t.Errorf("-o yaml: exit %d, want 2", code)
	}
}
