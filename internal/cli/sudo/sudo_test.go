package sudo_test

import (
	"testing"

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
