package apitypes

import (
	"encoding/binary"
	"net/netip"
)

// IPString formats a chain u128 IP (high, low halves) of ipType 4 or 6 as
// the reference does (str(netaddr.IPAddress(int))). Other types are read as v6
// when the value does not fit 32 bits.
func IPString(high, low uint64, ipType uint8) string {
	if ipType != 6 && high == 0 && low <= 0xFFFF_FFFF {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(low))
		return netip.AddrFrom4(b).String()
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], high)
	binary.BigEndian.PutUint64(b[8:], low)
	return netip.AddrFrom16(b).String()
}

// ParseIP returns the chain's u128 form (high, low) and ip type of an IP
// address string (4 for dotted v4, 6 otherwise).
func ParseIP(s string) (high, low uint64, ipType uint8, err error) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return 0, 0, 0, err
	}
	if a.Is4() {
		b := a.As4()
		return 0, uint64(binary.BigEndian.Uint32(b[:])), 4, nil
	}
	b := a.As16()
	return binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), 6, nil
}
