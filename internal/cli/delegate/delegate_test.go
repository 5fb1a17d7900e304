package delegate_test

import (
	"testing"

	"github.com/taonet/taonet/internal/cli/delegate"
)

func TestParseTake(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint16
		ok   bool
	}{
		{"0.18", 11796, true},
		{"0.09", 5898, true},
		{"0", 0, true},
		{"1", 65535, true},
		{"11796u16", 11796, true},
		{"1.5", 0, false},
		{"-0.1", 0, false},
		{"70000u16", 0, false},
		{"u16", 0, false},
	} {
		got, err := delegate.ParseTake(c.in)
		if c.ok != (err == nil) || (c.ok && got != c.want) {
			t.Errorf("ParseTake(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}
