package axon

import (
	"fmt"
	"log/slog"
	"net/netip"
	"time"

	"github.com/taonet/taonet/keys"
)

// Config configures an Axon. Start from DefaultConfig.
type Config struct {
	// IP is the address the server listens on. The reference binds 0.0.0.0.
	IP string
	// Port is the TCP port to listen on (reference default 8091). 0 picks a
	// free port, which Addr and Info then report.
	Port int
	// ExternalIP is the address announced in Info. Empty means IP.
	ExternalIP string
	// ExternalPort is the port announced in Info. 0 means the listening port.
	ExternalPort int
	// Coldkey is the coldkey announced in Info.
	Coldkey keys.PublicKey

	// Registry backs the default blacklist (refuse hotkeys that are not
	// registered) and the default priority (stake). With a nil Registry the
	// default blacklist lets every hotkey through and all priorities are 0.
	Registry Registry

	// MaxWorkers bounds how many Forward calls run at once; further verified
	// requests wait for a worker in priority order (the reference's
	// PriorityThreadPoolExecutor, --axon.max_workers). A request still waiting
	// when its timeout expires is answered 408.
	MaxWorkers int
	// MaxPending bounds how many verified requests may wait for a worker;
	// beyond it requests are answered 503 at once.
	MaxPending int
	// MaxInFlight bounds the requests the axon handles at once, at any stage;
	// beyond it requests are answered 503 before their headers are parsed.
	MaxInFlight int
	// MaxBodyBytes is the largest request body accepted; larger ones are
	// answered 413 (the reference sets no limit).
	MaxBodyBytes int64
	// MaxHeaderBytes is the http.Server header limit.
	MaxHeaderBytes int
	// MaxTimeout caps the synapse timeout a request asks for. It bounds the
	// per-request deadline and the nonce window.
	MaxTimeout time.Duration
	// AllowedDelta is the age a sender's first nonce may have beyond the
	// synapse timeout (the reference's ALLOWED_DELTA, 4 s).
	AllowedDelta time.Duration
	// MaxFutureSkew, when positive, refuses nonces further ahead of the axon's
	// clock. The reference sets no bound (0).
	MaxFutureSkew time.Duration
	// ReadHeaderTimeout, ReadTimeout and IdleTimeout configure http.Server.
	ReadHeaderTimeout, ReadTimeout, IdleTimeout time.Duration
	// MaxChunkBytes bounds one chunk of a streaming response.
	MaxChunkBytes int
	// ChunkWriteTimeout bounds the write of one chunk to a slow client;
	// past it the stream is cut.
	ChunkWriteTimeout time.Duration

	// Logger receives request and error logs. nil means slog.Default().
	Logger *slog.Logger
}

// DefaultConfig returns the reference's defaults where it has them and
// conservative limits where it has none.
func DefaultConfig() Config {
	return Config{
		IP:                "0.0.0.0",
		Port:              8091,
		MaxWorkers:        64,
		MaxPending:        1024,
		MaxInFlight:       4096,
		MaxBodyBytes:      8 << 20,
		MaxHeaderBytes:    64 << 10,
		MaxTimeout:        60 * time.Second,
		AllowedDelta:      4 * time.Second,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       70 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxChunkBytes:     1 << 20,
		ChunkWriteTimeout: 10 * time.Second,
	}
}

// Validate reports the first unusable setting, wrapping ErrInvalidConfig.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
	}
	if _, err := netip.ParseAddr(c.IP); err != nil {
		return bad("ip %q: %v", c.IP, err)
	}
	if c.ExternalIP != "" {
		if _, err := netip.ParseAddr(c.ExternalIP); err != nil {
			return bad("external ip %q: %v", c.ExternalIP, err)
		}
	}
	switch {
	case c.Port < 0 || c.Port > 65535:
		return bad("port %d", c.Port)
	case c.ExternalPort < 0 || c.ExternalPort > 65535:
		return bad("external port %d", c.ExternalPort)
	case c.MaxWorkers < 1:
		return bad("max workers %d", c.MaxWorkers)
	case c.MaxPending < 0:
		return bad("max pending %d", c.MaxPending)
	case c.MaxInFlight < 1:
		return bad("max in flight %d", c.MaxInFlight)
	case c.MaxBodyBytes < 1:
		return bad("max body bytes %d", c.MaxBodyBytes)
	case c.MaxHeaderBytes < 4096:
		return bad("max header bytes %d (at least 4096)", c.MaxHeaderBytes)
	case c.MaxTimeout <= 0:
		return bad("max timeout %v", c.MaxTimeout)
	case c.AllowedDelta < 0:
		return bad("allowed delta %v", c.AllowedDelta)
	case c.MaxFutureSkew < 0:
		return bad("max future skew %v", c.MaxFutureSkew)
	case c.MaxChunkBytes < 1:
		return bad("max chunk bytes %d", c.MaxChunkBytes)
	case c.ChunkWriteTimeout <= 0:
		return bad("chunk write timeout %v", c.ChunkWriteTimeout)
	}
	return nil
}
