package sudo_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/tx"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/sudo"
)

func TestParseValue(t *testing.T) {
	for _, c := range []struct {
		param, value string
		want         uint64
		ok           bool
	}{
		{"tempo", "360", 360, true},
		{"sudo_set_tempo", "65535", 65535, true},
		{"tempo", "65536", 0, false},
		{"difficulty", "18446744073709551615", 1<<64 - 1, true},
		{"difficulty", "-1", 0, false},
		{"network-registration-allowed", "true", 1, true},
		{"network_registration_allowed", "0", 0, true},
		{"network_registration_allowed", "maybe", 0, false},
		{"alpha_sigmoid_steepness", "-2", 0xFFFE, true},
		{"alpha_values", "45875, 58982", 45875 | 58982<<16, true},
		{"alpha_values", "45875", 0, false},
	} {
		p, ok := sudo.LookupParam(c.param)
		if !ok {
			t.Fatalf("no param %s", c.param)
		}
		v, err := sudo.ParseValue(p, c.value)
		if c.ok != (err == nil) || (c.ok && v != c.want) {
			t.Errorf("%s=%s: %d %v, want %d ok=%v", c.param, c.value, v, err, c.want, c.ok)
		}
		if err != nil && cmdutil.ExitCode(err) != 2 {
			t.Errorf("%s=%s: %v is not a usage error", c.param, c.value, err)
		}
	}
	if _, ok := sudo.LookupParam("nope"); ok {
		t.Error("LookupParam(nope) succeeded")
	}
}

// TestEverySetterHasAValue checks that "sudo set --list" can show a value
// for every setter: its name (or its apiNames alias) is a field of the
// API's network parameters or subnet hyperparameters.
func TestEverySetterHasAValue(t *testing.T) {
	fields := map[string]bool{"alpha_values": true}
	for _, v := range []any{api.Hyperparameters{}, api.NetworkParams{}} {
		b, _ := json.Marshal(v)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k := range m {
			fields[k] = true
		}
	}
	for _, p := range tx.AdminParams {
		name := strings.TrimPrefix(p.Name, "sudo_set_")
		if a, ok := sudo.APINames[name]; ok {
			name = a
		}
		if !fields[name] {
			t.Errorf("%s: no API field %q", p.Name, name)
		}
	}
}
