package synapse

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatFloat returns Python's repr (and str) of f: the shortest digits that
// round-trip, fixed notation with at least one decimal ("12.0") when the
// decimal exponent is in [-4, 16), scientific with a signed two-digit exponent
// otherwise ("1e-05", "1e+16"), and "inf", "-inf", "nan".
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // [-]d[.ddd]e±dd
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	e := strings.IndexByte(s, 'e')
	mant, expStr := s[:e], s[e+1:]
	exp, _ := strconv.Atoi(expStr) // strconv always writes a valid exponent
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if decpt > -4 && decpt <= 16 {
		switch {
		case decpt <= 0:
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", -decpt))
			b.WriteString(digits)
		case decpt >= len(digits):
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", decpt-len(digits)))
			b.WriteString(".0")
		default:
			b.WriteString(digits[:decpt])
			b.WriteByte('.')
			b.WriteString(digits[decpt:])
		}
		return b.String()
	}
	b.WriteByte(digits[0])
	if len(digits) > 1 {
		b.WriteByte('.')
		b.WriteString(digits[1:])
	}
	b.WriteByte('e')
	if exp < 0 {
		b.WriteByte('-')
		exp = -exp
	} else {
		b.WriteByte('+')
	}
	if exp < 10 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.Itoa(exp))
	return b.String()
}

// QuoteString returns Python's repr of s: single quotes unless s contains a
// single quote and no double quote, backslash escapes for the quote, the
// backslash, \t \n \r, \xhh for other control characters and non-printable
// Latin-1, \uhhhh and \Uhhhhhhhh for other non-printable code points.
// Printable non-ASCII characters are kept as they are.
func QuoteString(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteRune(r) // U+FFFD is printable; invalid UTF-8 decodes to it
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

// PyStr returns Python's str() of the value pydantic's model_dump gives for a
// field holding v: a top-level string as is, anything else as its repr.
func PyStr(v any) (string, error) {
	var b strings.Builder
	if err := pyStr(&b, reflect.ValueOf(v), true); err != nil {
		return "", err
	}
	return b.String(), nil
}

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

// pyStr writes str(v) when top is true and repr(v) otherwise; the two differ
// only for strings.
func pyStr(b *strings.Builder, v reflect.Value, top bool) error {
	if !v.IsValid() {
		b.WriteString("None")
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("None")
			return nil
		}
		return pyStr(b, v.Elem(), top)
	}
	if v.Type() == reflect.TypeFor[TerminalInfo]() {
		return pyTerminal(b, v.Interface().(TerminalInfo))
	}
	if v.Type() == reflect.TypeFor[json.Number]() {
		// Python's json makes an int of a number without fraction or
		// exponent, a float otherwise.
		n := v.String()
		if strings.ContainsAny(n, ".eE") {
			f, err := strconv.ParseFloat(n, 64)
			if err != nil {
				return fmt.Errorf("%w: json.Number %q", ErrUnsupportedType, n)
			}
			n = FormatFloat(f)
		} else if i, ok := new(big.Int).SetString(n, 10); ok {
			n = i.String() // "-0" is 0
		}
		b.WriteString(n)
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32:
		// pydantic widens to a Python float; the shortest float32 digits
		// are what encoding/json sends, so hash what the peer parses.
		f, _ := strconv.ParseFloat(strconv.FormatFloat(v.Float(), 'g', -1, 32), 64)
		b.WriteString(FormatFloat(f))
	case reflect.Float64:
		b.WriteString(FormatFloat(v.Float()))
	case reflect.String:
		if top {
			b.WriteString(v.String())
		} else {
			b.WriteString(QuoteString(v.String()))
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return fmt.Errorf("%w: %s (bytes)", ErrUnsupportedType, v.Type())
		}
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("None") // encoding/json sends null
			return nil
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := pyStr(b, v.Index(i), false); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("%w: %s (map key must be a string)", ErrUnsupportedType, v.Type())
		}
		if v.IsNil() {
			b.WriteString("None")
			return nil
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(QuoteString(k.String()))
			b.WriteString(": ")
			if err := pyStr(b, v.MapIndex(k), false); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case reflect.Struct:
		if v.Type().Implements(jsonMarshalerType) || reflect.PointerTo(v.Type()).Implements(jsonMarshalerType) {
			return fmt.Errorf("%w: %s (custom JSON marshaler)", ErrUnsupportedType, v.Type())
		}
		ti, err := typeInfoOf(v.Type())
		if err != nil {
			return err
		}
		b.WriteByte('{')
		for i, f := range ti.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(QuoteString(f.name))
			b.WriteString(": ")
			fv, ok := fieldByIndex(v, f.index)
			if !ok {
				b.WriteString("None")
				continue
			}
			if err := pyStr(b, fv, false); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("%w: %s", ErrUnsupportedType, v.Type())
	}
	return nil
}

// pyTerminal writes the dict pydantic dumps for a TerminalInfo.
func pyTerminal(b *strings.Builder, t TerminalInfo) error {
	vals := map[string]string{}
	for _, p := range t.appendPairs(nil) {
		switch p[0] {
		case "status_message", "ip", "uuid", "hotkey", "signature":
			vals[p[0]] = QuoteString(p[1])
		default:
			vals[p[0]] = p[1]
		}
	}
	b.WriteByte('{')
	for i, name := range terminalFields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(QuoteString(name))
		b.WriteString(": ")
		if s, ok := vals[name]; ok {
			b.WriteString(s)
		} else {
			b.WriteString("None")
		}
	}
	b.WriteByte('}')
	return nil
}

// fieldByIndex is reflect.Value.FieldByIndex that reports false instead of
// panicking at a nil embedded pointer.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}
