package synapse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// TerminalInfo describes one end of a query (bittensor.TerminalInfo). A zero
// field stands for Python's None: it is written as null in JSON and left out
// of the headers.
type TerminalInfo struct {
	// StatusCode is the HTTP-like status of the call (200 success, 401, ...).
	StatusCode int
	// StatusMessage explains StatusCode.
	StatusMessage string
	// ProcessTime is the time, in seconds, this side spent on the call.
	ProcessTime float64
	// IP is the terminal's IP address as text.
	IP string
	// Port is the terminal's TCP port.
	Port int
	// Version is the terminal's SDK version as an integer (see VersionAsInt).
	Version int
	// Nonce is the sender's wall-clock time in nanoseconds since the epoch.
	Nonce int64
	// UUID identifies the terminal instance (a UUID string).
	UUID string
	// Hotkey is the terminal's SS58 hotkey address.
	Hotkey string
	// Signature is "0x" followed by the hex sr25519 signature.
	Signature string
}

// terminalFields lists the JSON and header names in the reference's order.
var terminalFields = [...]string{
	"status_code", "status_message", "process_time", "ip", "port",
	"version", "nonce", "uuid", "hotkey", "signature",
}

// appendPairs appends (name, str(value)) for each set field, in the
// reference's order, using Python's str() for the value.
func (t *TerminalInfo) appendPairs(dst [][2]string) [][2]string {
	if t.StatusCode != 0 {
		dst = append(dst, [2]string{"status_code", strconv.Itoa(t.StatusCode)})
	}
	if t.StatusMessage != "" {
		dst = append(dst, [2]string{"status_message", t.StatusMessage})
	}
	if t.ProcessTime != 0 {
		dst = append(dst, [2]string{"process_time", FormatFloat(t.ProcessTime)})
	}
	if t.IP != "" {
		dst = append(dst, [2]string{"ip", t.IP})
	}
	if t.Port != 0 {
		dst = append(dst, [2]string{"port", strconv.Itoa(t.Port)})
	}
	if t.Version != 0 {
		dst = append(dst, [2]string{"version", strconv.Itoa(t.Version)})
	}
	if t.Nonce != 0 {
		dst = append(dst, [2]string{"nonce", strconv.FormatInt(t.Nonce, 10)})
	}
	if t.UUID != "" {
		dst = append(dst, [2]string{"uuid", t.UUID})
	}
	if t.Hotkey != "" {
		dst = append(dst, [2]string{"hotkey", t.Hotkey})
	}
	if t.Signature != "" {
		dst = append(dst, [2]string{"signature", t.Signature})
	}
	return dst
}

// set parses the string value of one field, as the reference's validators
// do (int(), float(), str). Unknown names are ignored, as pydantic ignores
// extra fields.
func (t *TerminalInfo) set(name, v string) error {
	var err error
	switch name {
	case "status_code":
		t.StatusCode, err = parseInt(v)
	case "status_message":
		t.StatusMessage = v
	case "process_time":
		t.ProcessTime, err = parseFloat(v)
	case "ip":
		t.IP = v
	case "port":
		t.Port, err = parseInt(v)
	case "version":
		t.Version, err = parseInt(v)
	case "nonce":
		var n int
		n, err = parseInt(v)
		t.Nonce = int64(n)
	case "uuid":
		t.UUID = v
	case "hotkey":
		t.Hotkey = v
	case "signature":
		t.Signature = v
	}
	if err != nil {
		return fmt.Errorf("%w: %s=%q: %v", ErrMalformedHeader, name, v, err)
	}
	return nil
}

// Merge copies every set field of o into t (the reference merges header
// terminals with model_dump(exclude_none=True)).
func (t *TerminalInfo) Merge(o *TerminalInfo) {
	for _, p := range o.appendPairs(nil) {
		_ = t.set(p[0], p[1]) // values came from a valid TerminalInfo
	}
	if o.ProcessTime != 0 { // keep full float precision
		t.ProcessTime = o.ProcessTime
	}
}

// MarshalJSON writes all ten fields in the reference's order, unset ones as
// null, as pydantic's model_dump does.
func (t TerminalInfo) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 256)
	b = append(b, '{')
	w := func(name string, set bool, val func([]byte) []byte) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		if !set {
			b = append(b, "null"...)
			return
		}
		b = val(b)
	}
	str := func(s string) func([]byte) []byte {
		return func(b []byte) []byte { return appendJSONString(b, s) }
	}
	num := func(n int64) func([]byte) []byte {
		return func(b []byte) []byte { return strconv.AppendInt(b, n, 10) }
	}
	if !finite(t.ProcessTime) {
		return nil, fmt.Errorf("%w: process_time %v is not finite", ErrUnsupportedType, t.ProcessTime)
	}
	w("status_code", t.StatusCode != 0, num(int64(t.StatusCode)))
	w("status_message", t.StatusMessage != "", str(t.StatusMessage))
	w("process_time", t.ProcessTime != 0, func(b []byte) []byte { return append(b, FormatFloat(t.ProcessTime)...) })
	w("ip", t.IP != "", str(t.IP))
	w("port", t.Port != 0, num(int64(t.Port)))
	w("version", t.Version != 0, num(int64(t.Version)))
	w("nonce", t.Nonce != 0, num(t.Nonce))
	w("uuid", t.UUID != "", str(t.UUID))
	w("hotkey", t.Hotkey != "", str(t.Hotkey))
	w("signature", t.Signature != "", str(t.Signature))
	return append(b, '}'), nil
}

// UnmarshalJSON reads a terminal object. null fields stay zero; numeric
// fields also accept numeric strings, as the reference's validators do.
// Unknown fields are ignored.
func (t *TerminalInfo) UnmarshalJSON(data []byte) error {
	// encoding/json has validated data before calling this method, so a
	// small scanner suffices; it falls back to encoding/json for strings
	// with escapes.
	p := jsonScanner{b: data}
	p.space()
	if p.literal("null") {
		return nil
	}
	if !p.consume('{') {
		return fmt.Errorf("synapse: terminal: want an object, got %.20q", data)
	}
	// Values are collected first so that a repeated key counts only with
	// its last value, as in encoding/json and Python's json.
	type value struct {
		text          string
		quoted, isSet bool
	}
	var vals [len(terminalFields)]value
	p.space()
	if !p.consume('}') {
		for {
			p.space()
			key, err := p.str()
			if err != nil {
				return err
			}
			p.space()
			if !p.consume(':') {
				return fmt.Errorf("synapse: terminal: missing ':' after %q", key)
			}
			p.space()
			idx, known := terminalFieldIndex[key]
			switch {
			case !known:
				if err := p.skip(); err != nil {
					return err
				}
			case p.literal("null"):
				vals[idx] = value{}
			case p.peek() == '"':
				v, err := p.str()
				if err != nil {
					return err
				}
				vals[idx] = value{text: v, quoted: true, isSet: true}
			default:
				if err := p.skip(); err != nil {
					return err
				}
				vals[idx] = value{text: string(p.b[p.last:p.i]), isSet: true}
			}
			p.space()
			if p.consume('}') {
				break
			}
			if !p.consume(',') {
				return fmt.Errorf("synapse: terminal: want ',' or '}' at offset %d", p.i)
			}
		}
	}
	*t = TerminalInfo{}
	for i, v := range vals {
		if !v.isSet {
			continue
		}
		name := terminalFields[i]
		if !v.quoted && terminalFieldKinds[name] {
			return fmt.Errorf("synapse: terminal field %s: want a string, got %s", name, v.text)
		}
		if err := t.set(name, v.text); err != nil {
			return err
		}
	}
	return nil
}

// terminalFieldIndex maps each terminal field name to its index in
// terminalFields.
var terminalFieldIndex = func() map[string]int {
	m := make(map[string]int, len(terminalFields))
	for i, name := range terminalFields {
		m[name] = i
	}
	return m
}()

// terminalFieldKinds maps each terminal field name to whether it holds a
// string.
var terminalFieldKinds = map[string]bool{
	"status_code": false, "status_message": true, "process_time": false, "ip": true, "port": false,
	"version": false, "nonce": false, "uuid": true, "hotkey": true, "signature": true,
}

// jsonScanner reads an already validated JSON value.
type jsonScanner struct {
	b    []byte
	i    int
	last int // where the value skip passed over began
}

func (p *jsonScanner) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonScanner) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *jsonScanner) consume(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonScanner) literal(s string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return true
	}
	return false
}

// str reads a JSON string.
func (p *jsonScanner) str() (string, error) {
	if !p.consume('"') {
		return "", fmt.Errorf("synapse: terminal: want a string at offset %d", p.i)
	}
	start := p.i
	escaped := false
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '\\':
			escaped = true
			p.i += 2
			continue
		case c == '"':
			p.i++
			if !escaped && utf8.Valid(p.b[start:p.i-1]) {
				return string(p.b[start : p.i-1]), nil
			}
			var s string
			if err := json.Unmarshal(p.b[start-1:p.i], &s); err != nil {
				return "", err
			}
			return s, nil
		}
		p.i++
	}
	return "", fmt.Errorf("synapse: terminal: unterminated string")
}

// scalar reads a number or literal as text.
func (p *jsonScanner) scalar() string {
	start := p.i
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return string(p.b[start:p.i])
		}
		p.i++
	}
	return string(p.b[start:p.i])
}

// skip passes over any value, recording its start in p.last.
func (p *jsonScanner) skip() error {
	p.last = p.i
	switch p.peek() {
	case '"':
		_, err := p.str()
		return err
	case '{', '[':
		depth := 0
		for p.i < len(p.b) {
			switch p.b[p.i] {
			case '"':
				if _, err := p.str(); err != nil {
					return err
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					p.i++
					return nil
				}
			}
			p.i++
		}
		return fmt.Errorf("synapse: terminal: unterminated value")
	default:
		p.scalar()
		return nil
	}
}

var (
	_ json.Marshaler   = TerminalInfo{}
	_ json.Unmarshaler = (*TerminalInfo)(nil)
)

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028,
// U+2029 escaped as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
