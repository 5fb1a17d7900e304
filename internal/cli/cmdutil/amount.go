package cmdutil

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// RaoPerTAO is the number of rao in one TAO.
const RaoPerTAO = 1_000_000_000

// ErrInvalidAmount is returned for an amount that is not a TAO value with at most 9 decimals.
var ErrInvalidAmount = errors.New("invalid amount")

// ParseTAO parses a TAO amount such as "1", "0.5" or "12.000000001" into
// rao, exactly. More than 9 decimals, signs, exponents or overflow are errors.
func ParseTAO(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	whole, frac, hasDot := strings.Cut(s, ".")
	if s == "" || (whole == "" && frac == "") || (hasDot && frac == "" && whole == "") {
		return 0, fmt.Errorf("%w: %q", ErrInvalidAmount, s)
	}
	if len(frac) > 9 {
		return 0, fmt.Errorf("%w: %q has more than 9 decimals (1 rao = 0.000000001 TAO)", ErrInvalidAmount, s)
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w: %q is not a decimal number", ErrInvalidAmount, s)
		}
	}
	frac += strings.Repeat("0", 9-len(frac))
	n, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok || !n.IsUint64() {
		return 0, fmt.Errorf("%w: %q is out of range", ErrInvalidAmount, s)
	}
	return n.Uint64(), nil
}

// FormatTAO renders rao as TAO with 9 decimals, e.g. 1500000000 → "1.500000000".
func FormatTAO(rao uint64) string {
	return fmt.Sprintf("%d.%09d", rao/RaoPerTAO, rao%RaoPerTAO)
}
