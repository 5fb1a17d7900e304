package axon

import (
	"net"
	"net/netip"
	"strconv"

	"github.com/taonet/taonet/keys"
)

// ProtocolTCP is the protocol number an axon announces (the reference's 4).
const ProtocolTCP = 4

// Info is an axon's public description, the reference's AxonInfo: what
// serve_axon announces on chain and what a dendrite needs to query the axon.
type Info struct {
	// Version is the SDK version as an integer (synapse.ProtocolVersion).
	Version uint32
	// IP is the announced address; the unspecified address means "not serving".
	IP netip.Addr
	// Port is the announced TCP port.
	Port uint16
	// Protocol is ProtocolTCP.
	Protocol uint8
	// Hotkey identifies the axon; dendrites sign requests to it.
	Hotkey keys.PublicKey
	// Coldkey owns Hotkey.
	Coldkey keys.PublicKey
	// Placeholder1 and Placeholder2 are reserved chain fields, 0.
	Placeholder1, Placeholder2 uint8
}

// IPType returns 4 or 6, the chain's ip_type for IP (0 when IP is invalid).
func (i Info) IPType() uint8 {
	switch {
	case !i.IP.IsValid():
		return 0
	case i.IP.Is4() || i.IP.Is4In6():
		return 4
	default:
		return 6
	}
}

// IsServing reports whether the axon announced a usable address.
func (i Info) IsServing() bool { return i.IP.IsValid() && !i.IP.IsUnspecified() }

// HostPort returns "ip:port", bracketing IPv6 addresses.
func (i Info) HostPort() string {
	return net.JoinHostPort(i.IP.Unmap().String(), strconv.Itoa(int(i.Port)))
}
