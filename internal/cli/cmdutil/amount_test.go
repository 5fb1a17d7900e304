package cmdutil

import (
	"errors"
	"testing"
)

func TestParseTAO(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		bad  bool
	}{
		{"1", 1_000_000_000, false},
		{"0.5", 500_000_000, false},
		{"12.000000001", 12_000_000_001, false},
		{".25", 250_000_000, false},
		{"3.", 3_000_000_000, false},
		{"0", 0, false},
		{"18446744073.709551615", 18446744073709551615, false},
		{"18446744073.709551616", 0, true},
		{"1.0000000001", 0, true},
		{"-1", 0, true},
		{"1e9", 0, true},
		{"", 0, true},
		{".", 0, true},
		{"1.2.3", 0, true},
		{" 2 ", 2_000_000_000, false},
	}
	for _, tt := range tests {
		got, err := ParseTAO(tt.in)
		if tt.bad {
			if !errors.Is(err, ErrInvalidAmount) {
				t.Errorf("ParseTAO(%q) = %d, %v; want ErrInvalidAmount", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseTAO(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseTAORoundTrip(f *testing.F) {
	f.Add(uint64(1))
	f.Add(uint64(18446744073709551615))
	f.Fuzz(func(t *testing.T, rao uint64) {
		got, err := ParseTAO(FormatTAO(rao))
		if err != nil || got != rao {
			t.Fatalf("round trip %d: %d, %v", rao, got, err)
		}
	})
}
