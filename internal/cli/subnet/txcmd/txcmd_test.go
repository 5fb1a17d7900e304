package txcmd_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
)

func TestEmitWeights(t *testing.T) {
	for _, c := range []struct {
		uids    []uint16
		weights []float64
		wantU   string
		wantW   string
		err     bool
	}{
		{[]uint16{0, 1, 2}, []float64{0.2, 0.3, 0.5}, "[0 1 2]", "[26214 39321 65535]", false},
		// Zeros are dropped; the max maps to 65535.
		{[]uint16{4, 5, 6}, []float64{0, 1, 3}, "[5 6]", "[21845 65535]", false},
		// Half-way cases round to even as Python's round does: 0.5/65535·65535 = 0.5 → 0, 1.5 → 2.
		{[]uint16{0, 1, 2}, []float64{0.5, 1.5, 65535}, "[1 2]", "[2 65535]", false},
		{[]uint16{1, 2}, []float64{0, 0}, "[]", "[]", false},
		{[]uint16{1, 2}, []float64{1}, "", "", true},
	} {
		u, w, err := txcmd.EmitWeights(c.uids, c.weights)
		if c.err {
			var fe *cmdutil.FlagError
			if !errors.As(err, &fe) {
				t.Errorf("%v %v: err %v, want a FlagError", c.uids, c.weights, err)
			}
			continue
		}
		if err != nil || fmt.Sprint(u) != c.wantU || fmt.Sprint(w) != c.wantW {
			t.Errorf("%v %v: %v %v %v, want %s %s", c.uids, c.weights, u, w, err, c.wantU, c.wantW)
		}
	}
}

func TestParseLists(t *testing.T) {
	if u, err := txcmd.ParseU16List("uids", " 0, 65535 ,7"); err != nil || fmt.Sprint(u) != "[0 65535 7]" {
		t.Errorf("ParseU16List: %v %v", u, err)
	}
	for _, bad := range []string{"", "1,,2", "65536", "-1", "x"} {
		if _, err := txcmd.ParseU16List("uids", bad); cmdutil.ExitCode(err) != 2 {
			t.Errorf("ParseU16List(%q): %v, want a usage error", bad, err)
		}
	}
	if f, err := txcmd.ParseFloatList("weights", "0.5, 1e-3,2"); err != nil || fmt.Sprint(f) != "[0.5 0.001 2]" {
		t.Errorf("ParseFloatList: %v %v", f, err)
	}
	for _, bad := range []string{"", "-1", "NaN", "Inf", "1,a"} {
		if _, err := txcmd.ParseFloatList("weights", bad); cmdutil.ExitCode(err) != 2 {
			t.Errorf("ParseFloatList(%q): %v, want a usage error", bad, err)
		}
	}
	if got := txcmd.Proportion(65535); got != "1.0000" {
		t.Errorf("Proportion(65535) = %s", got)
	}
}
