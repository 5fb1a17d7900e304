package explorer

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

const raoPerTAO = 1_000_000_000

// tao formats rao as TAO with 4 decimals (exact integer arithmetic).
func tao(rao uint64) string {
	whole, frac := rao/raoPerTAO, rao%raoPerTAO
	return group(whole) + "." + fmt.Sprintf("%09d", frac)[:4]
}

// group formats n with thousands separators.
func group(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// prop formats a u16 proportion value/65535 with 4 decimals.
func prop(v uint16) string { return strconv.FormatFloat(float64(v)/65535, 'f', 4, 64) }

// pct formats a/b as a percentage with 2 decimals.
func pct(a, b uint64) string {
	if b == 0 {
		return "0.00%"
	}
	return strconv.FormatFloat(100*float64(a)/float64(b), 'f', 2, 64) + "%"
}

// short abbreviates a long key or hash.
func short(s string) string {
	if len(s) <= 14 {
		return s
	}
	return s[:6] + "…" + s[len(s)-6:]
}

// left is max(0, end-now).
func left(end, now uint64) uint64 {
	if end > now {
		return end - now
	}
	return 0
}

var funcs = template.FuncMap{
	"tao": tao, "prop": prop, "pct": pct, "short": short, "group": group,
	"add": func(a int64, b int) int64 { return a + int64(b) },
	"immunity": func(registered, period uint64, height int64) uint64 {
		return left(registered+period, uint64(max(height, 0)))
	},
	"hyper": func(p any) map[string]string {
		b, _ := json.Marshal(p)
		var m map[string]json.RawMessage
		_ = json.Unmarshal(b, &m)
		out := make(map[string]string, len(m))
		for k, v := range m {
			out[k] = string(v)
		}
		return out
	},
	"u64": func(v any) uint64 {
		switch x := v.(type) {
		case int64:
			return uint64(max(x, 0))
		case uint16:
			return uint64(x)
		case int:
			return uint64(max(x, 0))
		case uint32:
			return uint64(x)
		}
		return v.(uint64)
	},
}
