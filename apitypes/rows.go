package apitypes

import (
	"errors"
	"fmt"
	"strconv"
)

// Rows is a list of sparse rows (a metagraph's weights or bonds) with a
// hand-written JSON codec: a 256-UID dense matrix is ~65k pairs, which
// encoding/json's reflection walks several times slower than this.
// The JSON is the same as encoding/json's for [][][2]uint16.
type Rows []Row

// ErrRowSyntax is returned when a Row or Rows JSON value is not a list of
// [uid, value] pairs of u16 integers.
var ErrRowSyntax = errors.New("apitypes: row: want [[uid, value], …] with u16 integers")

// MarshalJSON implements json.Marshaler.
func (r Row) MarshalJSON() ([]byte, error) { return r.appendJSON(make([]byte, 0, 2+12*len(r))), nil }

func (r Row) appendJSON(b []byte) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range r {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendUint(b, uint64(e[0]), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, uint64(e[1]), 10)
		b = append(b, ']')
	}
	return append(b, ']')
}

// MarshalJSON implements json.Marshaler.
func (rs Rows) MarshalJSON() ([]byte, error) {
	return rs.AppendJSON(make([]byte, 0, rs.SizeHint())), nil
}

// SizeHint is a byte capacity that fits the rows' JSON.
func (rs Rows) SizeHint() int {
	n := 2
	for _, r := range rs {
		n += 5 + 12*len(r)
	}
	return n
}

// AppendJSON appends the rows' JSON (as MarshalJSON writes it) to b.
func (rs Rows) AppendJSON(b []byte) []byte {
	if rs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = r.appendJSON(b)
	}
	return append(b, ']')
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *Row) UnmarshalJSON(data []byte) error {
	p := rowParser{b: data}
	row, err := p.row()
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return err
	}
	*r = row
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (rs *Rows) UnmarshalJSON(data []byte) error {
	p := rowParser{b: data}
	if p.null() {
		if err := p.end(); err != nil {
			return err
		}
		*rs = nil
		return nil
	}
	if err := p.want('['); err != nil {
		return err
	}
	out := Rows{}
	if !p.peek(']') {
		for {
			row, err := p.row()
			if err != nil {
				return err
			}
			out = append(out, row)
			if p.peek(',') {
				p.i++
				continue
			}
			break
		}
	}
	if err := p.want(']'); err != nil {
		return err
	}
	if err := p.end(); err != nil {
		return err
	}
	*rs = out
	return nil
}

// rowParser reads the JSON subset of rows: arrays, u16 integers, null and
// whitespace.
type rowParser struct {
	b []byte
	i int
}

func (p *rowParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *rowParser) fail() error {
	return fmt.Errorf("%w (offset %d)", ErrRowSyntax, p.i)
}

func (p *rowParser) peek(c byte) bool {
	p.ws()
	return p.i < len(p.b) && p.b[p.i] == c
}

func (p *rowParser) want(c byte) error {
	if !p.peek(c) {
		return p.fail()
	}
	p.i++
	return nil
}

func (p *rowParser) null() bool {
	p.ws()
	if len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	return false
}

func (p *rowParser) end() error {
	p.ws()
	if p.i != len(p.b) {
		return p.fail()
	}
	return nil
}

// u16 reads a JSON integer in [0, 65535] (no sign, fraction, exponent or
// leading zero).
func (p *rowParser) u16() (uint16, error) {
	p.ws()
	start := p.i
	var v uint32
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		v = v*10 + uint32(p.b[p.i]-'0')
		p.i++
		if v > 65535 {
			return 0, p.fail()
		}
	}
	n := p.i - start
	if n == 0 || (n > 1 && p.b[start] == '0') {
		return 0, p.fail()
	}
	return uint16(v), nil
}

func (p *rowParser) row() (Row, error) {
	if p.null() {
		return nil, nil
	}
	if err := p.want('['); err != nil {
		return nil, err
	}
	row := Row{}
	if !p.peek(']') {
		for {
			if err := p.want('['); err != nil {
				return nil, err
			}
			uid, err := p.u16()
			if err != nil {
				return nil, err
			}
			if err := p.want(','); err != nil {
				return nil, err
			}
			val, err := p.u16()
			if err != nil {
				return nil, err
			}
			if err := p.want(']'); err != nil {
				return nil, err
			}
			row = append(row, [2]uint16{uid, val})
			if p.peek(',') {
				p.i++
				continue
			}
			break
		}
	}
	if err := p.want(']'); err != nil {
		return nil, err
	}
	return row, nil
}
