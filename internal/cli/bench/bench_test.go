package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/taonet/taonet/internal/cli/cmdutil"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := NewCmd(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
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

// TestMainnetDayJSON: the fields, with values that make sense.
func TestMainnetDayJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a small network")
	}
	code, out, msg := run(t, "mainnet-day", "--blocks", "12", "--subnets", "2", "--uids", "16", "--validators", "4", "--tempo", "10", "--output", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, k := range []string{"blocks", "seconds", "real_time_factor", "txs", "p50_block_ms", "p99_block_ms", "max_block_ms", "state_bytes", "peak_rss_bytes"} {
		v, ok := res[k].(float64)
		if !ok {
			t.Fatalf("field %q missing or not a number in %s", k, out)
		}
		if v <= 0 {
			t.Errorf("field %q = %v, want > 0", k, v)
		}
	}
	if res["blocks"].(float64) != 12 {
		t.Fatalf("blocks %v, want 12", res["blocks"])
	}
}

// TestMainnetDayText: the table names the figures.
func TestMainnetDayText(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a small network")
	}
	code, out, msg := run(t, "mainnet-day", "--blocks", "3", "--subnets", "1", "--uids", "8", "--validators", "2", "--tempo", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	for _, want := range []string{"real-time factor", "block ms", "peak RSS", "worst blocks"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestMainnetDayBadFlags: a network that cannot exist is a flag error (exit 2).
func TestMainnetDayBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--uids", "1"},
		{"--validators", "100"},
		{"--blocks", "0"},
		{"--output", "yaml"},
	} {
		code, _, msg := run(t, append([]string{"mainnet-day"}, args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, msg)
		}
	}
}
