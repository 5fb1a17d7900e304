package tx

import (
	"encoding/binary"
	"fmt"

	"github.com/taonet/taonet/keys"
)

// MaxTxBytes is the largest encoded transaction accepted.
const MaxTxBytes = 256 << 10

// Encoder appends canonical encodings to a byte slice. The zero value is ready to use.
type Encoder struct{ buf []byte }

// Bytes returns the encoded bytes; the slice aliases the encoder's buffer.
func (e *Encoder) Bytes() []byte { return e.buf }

// U8 appends a byte.
func (e *Encoder) U8(v uint8) { e.buf = append(e.buf, v) }

// U16 appends a little-endian uint16.
func (e *Encoder) U16(v uint16) { e.buf = binary.LittleEndian.AppendUint16(e.buf, v) }

// U32 appends a little-endian uint32.
func (e *Encoder) U32(v uint32) { e.buf = binary.LittleEndian.AppendUint32(e.buf, v) }

// U64 appends a little-endian uint64.
func (e *Encoder) U64(v uint64) { e.buf = binary.LittleEndian.AppendUint64(e.buf, v) }

// Bool appends 1 for true and 0 for false.
func (e *Encoder) Bool(v bool) {
	if v {
		e.U8(1)
	} else {
		e.U8(0)
	}
}

// Len appends a minimal uvarint length or count.
func (e *Encoder) Len(n int) { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }

// ByteSlice appends a length-prefixed byte string.
func (e *Encoder) ByteSlice(b []byte) { e.Len(len(b)); e.buf = append(e.buf, b...) }

// String appends a length-prefixed string.
func (e *Encoder) String(s string) { e.Len(len(s)); e.buf = append(e.buf, s...) }

// Key appends a 32-byte public key.
func (e *Encoder) Key(k keys.PublicKey) { e.buf = append(e.buf, k[:]...) }

// Fixed appends raw bytes with no length prefix.
func (e *Encoder) Fixed(b []byte) { e.buf = append(e.buf, b...) }

// U16s appends a count-prefixed vector of uint16.
func (e *Encoder) U16s(v []uint16) {
	e.Len(len(v))
	for _, x := range v {
		e.U16(x)
	}
}

// U64s appends a count-prefixed vector of uint64.
func (e *Encoder) U64s(v []uint64) {
	e.Len(len(v))
	for _, x := range v {
		e.U64(x)
	}
}

// Decoder reads canonical encodings. The first error sticks: later reads
// return zero values, and Err reports it.
type Decoder struct {
	buf []byte
	off int
	err error
}

// NewDecoder returns a decoder over b; it does not copy b.
func NewDecoder(b []byte) *Decoder { return &Decoder{buf: b} }

// Err returns the first error met, if any.
func (d *Decoder) Err() error { return d.err }

// Offset returns the number of bytes consumed so far.
func (d *Decoder) Offset() int { return d.off }

// Finish returns the first error, or ErrTrailingBytes if input remains.
func (d *Decoder) Finish() error {
	if d.err != nil {
		return d.err
	}
	if d.off != len(d.buf) {
		return fmt.Errorf("%w: %d unread", ErrTrailingBytes, len(d.buf)-d.off)
	}
	return nil
}

// Fail records err (wrapped with what) unless an error is already recorded.
func (d *Decoder) Fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *Decoder) take(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || len(d.buf)-d.off < n {
		d.err = fmt.Errorf("%w: reading %s", ErrTruncated, what)
		return nil
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	return b
}

// U8 reads a byte.
func (d *Decoder) U8(what string) uint8 {
	b := d.take(1, what)
	if b == nil {
		return 0
	}
	return b[0]
}

// U16 reads a little-endian uint16.
func (d *Decoder) U16(what string) uint16 {
	b := d.take(2, what)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint16(b)
}

// U32 reads a little-endian uint32.
func (d *Decoder) U32(what string) uint32 {
	b := d.take(4, what)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

// U64 reads a little-endian uint64.
func (d *Decoder) U64(what string) uint64 {
	b := d.take(8, what)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// Bool reads a byte that must be 0 or 1.
func (d *Decoder) Bool(what string) bool {
	v := d.U8(what)
	if v > 1 {
		d.Fail(fmt.Errorf("%w: %s: bool byte %d", ErrNonCanonical, what, v))
		return false
	}
	return v == 1
}

// Len reads a minimal uvarint length of at most max.
func (d *Decoder) Len(what string, max int) int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf[d.off:])
	switch {
	case n == 0:
		d.err = fmt.Errorf("%w: reading %s length", ErrTruncated, what)
		return 0
	case n < 0:
		d.err = fmt.Errorf("%w: %s length overflows", ErrNonCanonical, what)
		return 0
	case n != uvarintLen(v):
		d.err = fmt.Errorf("%w: %s length is not minimal", ErrNonCanonical, what)
		return 0
	case v > uint64(max):
		d.err = fmt.Errorf("%w: %s length %d > %d", ErrTooLarge, what, v, max)
		return 0
	}
	d.off += n
	return int(v)
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// ByteSlice reads a length-prefixed byte string of at most max bytes; the result is a copy.
func (d *Decoder) ByteSlice(what string, max int) []byte {
	n := d.Len(what, max)
	b := d.take(n, what)
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// String reads a length-prefixed string of at most max bytes.
func (d *Decoder) String(what string, max int) string {
	n := d.Len(what, max)
	return string(d.take(n, what))
}

// Key reads a 32-byte public key.
func (d *Decoder) Key(what string) keys.PublicKey {
	var k keys.PublicKey
	copy(k[:], d.take(32, what))
	return k
}

// Fixed reads n raw bytes (a copy).
func (d *Decoder) Fixed(what string, n int) []byte {
	b := d.take(n, what)
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// U16s reads a count-prefixed vector of at most max uint16.
func (d *Decoder) U16s(what string, max int) []uint16 {
	n := d.Len(what, max)
	if d.err != nil || len(d.buf)-d.off < 2*n {
		d.Fail(fmt.Errorf("%w: reading %s", ErrTruncated, what))
		return nil
	}
	v := make([]uint16, n)
	for i := range v {
		v[i] = d.U16(what)
	}
	return v
}

// U64s reads a count-prefixed vector of at most max uint64.
func (d *Decoder) U64s(what string, max int) []uint64 {
	n := d.Len(what, max)
	if d.err != nil || len(d.buf)-d.off < 8*n {
		d.Fail(fmt.Errorf("%w: reading %s", ErrTruncated, what))
		return nil
	}
	v := make([]uint64, n)
	for i := range v {
		v[i] = d.U64(what)
	}
	return v
}
