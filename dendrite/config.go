package dendrite

import (
	"fmt"
	"log/slog"
	"net/netip"
	"time"
)

// Config configures a Dendrite. Start from DefaultConfig.
type Config struct {
	// ExternalIP is sent as bt_header_dendrite_ip. An axon announcing this
	// address is dialled on loopback instead, as the reference does. Empty
	// sends no ip.
	ExternalIP string
	// MaxConcurrency bounds the requests one Query has in flight.
	MaxConcurrency int
	// MaxIdleConnsPerHost is how many idle connections to each axon are kept
	// for reuse.
	MaxIdleConnsPerHost int
	// MaxIdleConns bounds idle connections over all axons.
	MaxIdleConns int
	// IdleConnTimeout closes idle connections after this long.
	IdleConnTimeout time.Duration
	// DialTimeout bounds connection setup (the query timeout applies too).
	DialTimeout time.Duration
	// MaxResponseBytes is the largest response body read.
	MaxResponseBytes int64
	// RequireAxonSignature refuses responses without an axon signature.
	// Python axons do not sign successful responses, so leave it off to
	// query them.
	RequireAxonSignature bool
	// Logger receives debug logs of requests. nil means slog.Default().
	Logger *slog.Logger
}

// DefaultConfig returns settings sized for querying a whole subnet (256
// axons) at once.
func DefaultConfig() Config {
	return Config{
		MaxConcurrency:      256,
		MaxIdleConnsPerHost: 4,
		MaxIdleConns:        1024,
		IdleConnTimeout:     90 * time.Second,
		DialTimeout:         5 * time.Second,
		MaxResponseBytes:    64 << 20,
	}
}

// Validate reports the first unusable setting, wrapping ErrInvalidConfig.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
	}
	if c.ExternalIP != "" {
		if _, err := netip.ParseAddr(c.ExternalIP); err != nil {
			return bad("external ip %q: %v", c.ExternalIP, err)
		}
	}
	switch {
	case c.MaxConcurrency < 1:
		return bad("max concurrency %d", c.MaxConcurrency)
	case c.MaxIdleConnsPerHost < 0 || c.MaxIdleConns < 0:
		return bad("idle connection limits %d, %d", c.MaxIdleConnsPerHost, c.MaxIdleConns)
	case c.IdleConnTimeout < 0 || c.DialTimeout < 0:
		return bad("timeouts %v, %v", c.IdleConnTimeout, c.DialTimeout)
	case c.MaxResponseBytes < 1:
		return bad("max response bytes %d", c.MaxResponseBytes)
	}
	return nil
}
