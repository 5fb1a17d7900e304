package synapse

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// Header names and prefixes, exactly as the reference writes them.
const (
	// HeaderName carries the synapse (route) name.
	HeaderName = "name"
	// HeaderTimeout carries the timeout in seconds, as Python's str(float).
	HeaderTimeout = "timeout"
	// HeaderHeaderSize carries the sender's header size figure.
	HeaderHeaderSize = "header_size"
	// HeaderTotalSize carries the sender's total size figure.
	HeaderTotalSize = "total_size"
	// HeaderComputedBodyHash carries the body hash the signature covers.
	HeaderComputedBodyHash = "computed_body_hash"
	// HeaderAxonPrefix starts the names of the axon terminal's fields.
	HeaderAxonPrefix = "bt_header_axon_"
	// HeaderDendritePrefix starts the names of the dendrite terminal's fields.
	HeaderDendritePrefix = "bt_header_dendrite_"
	// HeaderInputObjPrefix starts the names of required-field placeholders.
	HeaderInputObjPrefix = "bt_header_input_obj_"
)

// ToHeaders returns the reference's to_headers() of s as an http.Header
// whose keys are the exact lowercase names (assigned directly, not through
// Header.Set, which would canonicalise them). It sets s's Name from its type.
// The computed_body_hash header is BodyHash(s); s.ComputedBodyHash is left as
// it is, as in the reference.
func ToHeaders(s Synapse) (http.Header, error) {
	h := make(http.Header, 24)
	if err := SetHeaders(h, s); err != nil {
		return nil, err
	}
	return h, nil
}

// axonHeaderNames and dendriteHeaderNames hold the full header names of the
// terminal fields, built once.
var axonHeaderNames, dendriteHeaderNames = func() (a, d map[string]string) {
	a, d = map[string]string{}, map[string]string{}
	for _, f := range terminalFields {
		a[f] = HeaderAxonPrefix + f
		d[f] = HeaderDendritePrefix + f
	}
	return a, d
}()

// SetHeaders writes the headers ToHeaders returns into h, replacing values
// under the same names and leaving other headers alone. Writing straight
// into a request's or response's header map saves a copy.
func SetHeaders(h http.Header, s Synapse) error {
	if err := Check(s); err != nil {
		return err
	}
	b := s.SynapseBase()
	b.Name = Name(s)
	vals := make([]string, 0, 24) // one backing array for all values
	size := 0
	put := func(k, v string) {
		vals = append(vals, v)
		n := len(vals)
		h[k] = vals[n-1 : n : n]
		size += len(k) + len(v)
	}
	put(HeaderName, b.Name)
	put(HeaderTimeout, FormatFloat(b.Timeout))
	var pairs [10][2]string
	for _, p := range b.Axon.appendPairs(pairs[:0]) {
		put(axonHeaderNames[p[0]], p[1])
	}
	for _, p := range b.Dendrite.appendPairs(pairs[:0]) {
		put(dendriteHeaderNames[p[0]], p[1])
	}
	v := reflect.ValueOf(s).Elem()
	ti, err := typeInfoOf(v.Type())
	if err != nil {
		return err
	}
	for _, f := range ti.fields {
		if !f.required {
			continue
		}
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			continue
		}
		dummy, isNone, err := emptyJSON(fv)
		if err != nil {
			return fmt.Errorf("synapse: required field %q: %w", f.name, err)
		}
		if isNone {
			continue
		}
		put(HeaderInputObjPrefix+f.name, base64.StdEncoding.EncodeToString([]byte(dummy)))
	}
	hash, err := BodyHash(s)
	if err != nil {
		return err
	}
	put(HeaderHeaderSize, strconv.Itoa(size))
	put(HeaderTotalSize, strconv.FormatInt(b.TotalSize, 10))
	put(HeaderComputedBodyHash, hash)
	return nil
}

// emptyJSON returns json.dumps(type(value)()) for the value pydantic dumps
// for v: the JSON of an empty value of the same Python type. isNone reports a
// nil value, for which the reference sends no header.
func emptyJSON(v reflect.Value) (dummy string, isNone bool, err error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", true, nil
		}
		return emptyJSON(v.Elem())
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			return "", true, nil // encoding/json sends null
		}
	}
	switch v.Kind() {
	case reflect.Bool:
		return "false", false, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "0", false, nil
	case reflect.Float32, reflect.Float64:
		return "0.0", false, nil
	case reflect.String:
		return `""`, false, nil
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "", false, fmt.Errorf("%w: %s (bytes)", ErrUnsupportedType, v.Type())
		}
		return "[]", false, nil
	case reflect.Map, reflect.Struct:
		return "{}", false, nil
	}
	return "", false, fmt.Errorf("%w: %s", ErrUnsupportedType, v.Type())
}

// FromHeaders fills s from request or response headers, as the reference's
// from_headers does: name, timeout, header_size, total_size,
// computed_body_hash, the bt_header_axon_* and bt_header_dendrite_* terminal
// fields, and bt_header_input_obj_* values for the type's own fields. Header
// names are matched case-insensitively. Unknown headers are ignored. A value
// that does not parse, or a missing bt_header_input_obj_* header for a
// bt:"required" field, is an error wrapping ErrMalformedHeader; s may then be
// partly filled.
func FromHeaders(h http.Header, s Synapse) error {
	if err := Check(s); err != nil {
		return err
	}
	b := s.SynapseBase()
	b.Name = Name(s)
	if b.Timeout == 0 {
		b.Timeout = DefaultTimeout
	}
	v := reflect.ValueOf(s).Elem()
	ti, err := typeInfoOf(v.Type())
	if err != nil {
		return err
	}
	var seen []bool
	for key, vals := range h {
		if len(vals) == 0 {
			continue
		}
		val := vals[0]
		k := strings.ToLower(key)
		switch {
		case strings.Contains(k, HeaderAxonPrefix):
			if err := b.Axon.set(after(k, HeaderAxonPrefix), val); err != nil {
				return err
			}
		case strings.Contains(k, HeaderDendritePrefix):
			if err := b.Dendrite.set(after(k, HeaderDendritePrefix), val); err != nil {
				return err
			}
		case strings.Contains(k, HeaderInputObjPrefix):
			i, ok := ti.byName[after(k, HeaderInputObjPrefix)]
			if !ok {
				continue
			}
			f := ti.fields[i]
			raw, err := base64.StdEncoding.DecodeString(val)
			if err != nil {
				return fmt.Errorf("%w: %s: %v", ErrMalformedHeader, k, err)
			}
			fv, ok := fieldByIndex(v, f.index)
			if !ok {
				continue
			}
			if err := json.Unmarshal(raw, fv.Addr().Interface()); err != nil {
				return fmt.Errorf("%w: %s: %v", ErrMalformedHeader, k, err)
			}
			if seen == nil {
				seen = make([]bool, len(ti.fields))
			}
			seen[i] = true
		case k == HeaderTimeout:
			t, err := parseFloat(val)
			if err != nil {
				return fmt.Errorf("%w: timeout=%q: %v", ErrMalformedHeader, val, err)
			}
			b.Timeout = t
		case k == HeaderHeaderSize:
			n, err := parseInt(val)
			if err != nil {
				return fmt.Errorf("%w: header_size=%q: %v", ErrMalformedHeader, val, err)
			}
			b.HeaderSize = int64(n)
		case k == HeaderTotalSize:
			n, err := parseInt(val)
			if err != nil {
				return fmt.Errorf("%w: total_size=%q: %v", ErrMalformedHeader, val, err)
			}
			b.TotalSize = int64(n)
		case k == HeaderComputedBodyHash:
			b.ComputedBodyHash = val
		}
	}
	for i, f := range ti.fields {
		if f.required && (seen == nil || !seen[i]) {
			return fmt.Errorf("%w: missing %s%s", ErrMalformedHeader, HeaderInputObjPrefix, f.name)
		}
	}
	return nil
}

func after(s, sep string) string {
	_, a, _ := strings.Cut(s, sep)
	return a
}

// parseInt parses a decimal integer the way Python's int() parses a header
// value: surrounding spaces are allowed, and so is an integral float
// rendering such as "12.0" that pydantic accepts for an int field.
func parseInt(s string) (int, error) {
	t := strings.TrimSpace(s)
	n, err := strconv.ParseInt(t, 10, 64)
	if err == nil {
		return int(n), nil
	}
	f, ferr := strconv.ParseFloat(t, 64)
	if ferr == nil && f == float64(int64(f)) && finite(f) {
		return int(f), nil
	}
	return 0, err
}

// parseFloat parses a float the way Python's float() does for the values
// peers send.
func parseFloat(s string) (float64, error) {
	return strconv.ParseFloat(strings.TrimSpace(s), 64)
}
