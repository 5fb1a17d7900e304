package dendrite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// Response is the outcome of querying one axon.
type Response struct {
	// Axon is the queried axon.
	Axon axon.Info
	// Synapse is the response synapse, of the query's type: decoded from the
	// body on success, the request otherwise (see the package doc). Its
	// Dendrite.StatusCode and StatusMessage equal StatusCode and Message.
	Synapse synapse.Synapse
	// StatusCode is the axon's status (200 on success) or the dendrite's
	// synthetic code for a transport failure.
	StatusCode int
	// Message is the status message ("Success" on success).
	Message string
	// Latency is the time from sending the request to reading the response.
	Latency time.Duration
	// FirstChunk is, for Stream, the time from sending the request to the
	// first chunk of the response (0 for Call and Query).
	FirstChunk time.Duration
	// AxonSigned reports that the response carried an axon signature that
	// verified against Axon.Hotkey.
	AxonSigned bool
	// Err is nil on success; otherwise it wraps one of the package's errors
	// (ErrStatus for an axon's refusal, ErrTimeout, ErrUnavailable, ...).
	Err error
}

// Dendrite signs and sends queries with one hotkey. It is safe for
// concurrent use; Close releases its idle connections.
type Dendrite struct {
	cfg       Config
	hotkey    *keys.Keypair
	ss58      string
	uuid      string
	transport *http.Transport
	client    *http.Client
	log       *slog.Logger
	lastNonce atomic.Int64
	external  netip.Addr
}

// New returns a dendrite that signs with hotkey.
func New(hotkey *keys.Keypair, cfg Config) (*Dendrite, error) {
	if hotkey == nil {
		return nil, fmt.Errorf("%w: nil hotkey", ErrInvalidConfig)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	tr := &http.Transport{
		Proxy: nil, // axons are dialled directly
		DialContext: (&net.Dialer{
			Timeout:   cfg.DialTimeout,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		MaxIdleConns:        cfg.MaxIdleConns,
		MaxIdleConnsPerHost: cfg.MaxIdleConnsPerHost,
		IdleConnTimeout:     cfg.IdleConnTimeout,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	d := &Dendrite{
		cfg:       cfg,
		hotkey:    hotkey,
		ss58:      hotkey.SS58(),
		uuid:      synapse.NewTerminalUUID(),
		transport: tr,
		client:    &http.Client{Transport: tr},
		log:       log.With("component", "dendrite"),
	}
	if cfg.ExternalIP != "" {
		d.external, _ = netip.ParseAddr(cfg.ExternalIP) // validated above
	}
	return d, nil
}

// Close closes idle connections. The Dendrite stays usable.
func (d *Dendrite) Close() { d.transport.CloseIdleConnections() }

// UUID returns the dendrite's instance id, sent as bt_header_dendrite_uuid.
func (d *Dendrite) UUID() string { return d.uuid }

// Hotkey returns the public hotkey requests are signed with.
func (d *Dendrite) Hotkey() keys.PublicKey { return d.hotkey.Public() }

// nextNonce returns the wall clock in nanoseconds, strictly increasing per
// Dendrite.
func (d *Dendrite) nextNonce() int64 {
	for {
		now := time.Now().UnixNano()
		last := d.lastNonce.Load()
		if now <= last {
			now = last + 1
		}
		if d.lastNonce.CompareAndSwap(last, now) {
			return now
		}
	}
}

// Query sends s to every axon at once, at most Config.MaxConcurrency in
// flight, each bounded by timeout, and returns one Response per axon in the
// same order. s itself is not modified: each request uses a shallow copy
// (synapse.Clone), so a failed Response's Synapse shares the slices and maps
// of s's own fields, while a successful one is decoded afresh.
func (d *Dendrite) Query(ctx context.Context, axons []axon.Info, s synapse.Synapse, timeout time.Duration) []Response {
	out := make([]Response, len(axons))
	if len(axons) == 0 {
		return out
	}
	hash, err := synapse.BodyHash(s)
	if err == nil {
		err = synapse.Check(s)
	}
	if err != nil {
		for i := range out {
			out[i] = Response{Axon: axons[i], Synapse: s, StatusCode: 500,
				Message: err.Error(), Err: fmt.Errorf("%w: %w", ErrInvalidSynapse, err)}
		}
		return out
	}
	sem := make(chan struct{}, min(d.cfg.MaxConcurrency, len(axons)))
	var wg sync.WaitGroup
	for i := range axons {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			for j := i; j < len(axons); j++ {
				out[j] = d.failed(axons[j], synapse.Clone(s), 408, "Request canceled: "+ctx.Err().Error(),
					fmt.Errorf("%w: %w", ErrCanceled, ctx.Err()), 0)
			}
			wg.Wait()
			return out
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = d.call(ctx, axons[i], s, hash, timeout)
		}()
	}
	wg.Wait()
	return out
}

// Call queries one axon; it is Query for a single target.
func (d *Dendrite) Call(ctx context.Context, target axon.Info, s synapse.Synapse, timeout time.Duration) Response {
	return d.Query(ctx, []axon.Info{target}, s, timeout)[0]
}

// url returns the endpoint, dialling loopback for an axon announcing the
// dendrite's own external address.
func (d *Dendrite) url(target axon.Info, name string) string {
	hostPort := target.HostPort()
	if d.external.IsValid() && target.IP.Unmap() == d.external.Unmap() {
		lo := "127.0.0.1"
		if target.IP.Unmap().Is6() {
			lo = "::1"
		}
		hostPort = net.JoinHostPort(lo, strconv.Itoa(int(target.Port)))
	}
	return "http://" + hostPort + "/" + name
}

func (d *Dendrite) call(ctx context.Context, target axon.Info, s synapse.Synapse, hash string, timeout time.Duration) Response {
	req, hreq, fail := d.prepare(target, s, hash, timeout)
	if fail != nil {
		return *fail
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hreq = hreq.WithContext(cctx)
	name := synapse.Name(req)
	start := time.Now()
	resp, err := d.client.Do(hreq)
	if err != nil {
		return d.transportError(ctx, cctx, target, req, name, err, time.Since(start))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, d.cfg.MaxResponseBytes+1))
	if err == nil && int64(len(data)) > d.cfg.MaxResponseBytes {
		err = fmt.Errorf("response larger than %d bytes", d.cfg.MaxResponseBytes)
	}
	if err != nil {
		if cctx.Err() != nil {
			return d.transportError(ctx, cctx, target, req, name, err, time.Since(start))
		}
		return d.failed(target, req, 400, "Payload error: "+err.Error(), fmt.Errorf("%w: %w", ErrPayload, err), time.Since(start))
	}
	latency := time.Since(start)
	return d.process(target, req, resp, data, latency)
}

// prepare builds the signed request of s for target: the request synapse
// (a clone with the terminals filled) and the HTTP request, or the failure
// Response when it cannot.
func (d *Dendrite) prepare(target axon.Info, s synapse.Synapse, hash string, timeout time.Duration) (synapse.Synapse, *http.Request, *Response) {
	req := synapse.Clone(s)
	b := req.SynapseBase()
	name := synapse.Name(req)
	fail := func(code int, msg string, err error) (synapse.Synapse, *http.Request, *Response) {
		r := d.failed(target, req, code, msg, err, 0)
		return req, nil, &r
	}
	if !target.IP.IsValid() || target.Port == 0 {
		return fail(503, "Service unavailable: the axon announces no address", fmt.Errorf("%w: no address", ErrUnavailable))
	}
	b.Name = name
	b.Timeout = timeout.Seconds()
	b.Dendrite = synapse.TerminalInfo{
		IP:      d.cfg.ExternalIP,
		Version: synapse.ProtocolVersion,
		Nonce:   d.nextNonce(),
		UUID:    d.uuid,
		Hotkey:  d.ss58,
	}
	b.Axon = synapse.TerminalInfo{IP: target.IP.Unmap().String(), Port: int(target.Port), Hotkey: target.Hotkey.SS58()}
	sig, err := d.hotkey.Sign([]byte(synapse.RequestMessage(&b.Dendrite, b.Axon.Hotkey, hash)))
	if err != nil {
		return fail(500, "Client error: "+err.Error(), fmt.Errorf("%w: sign: %w", ErrClient, err))
	}
	b.Dendrite.Signature = synapse.FormatSignature(sig)
	body, err := synapse.Marshal(req)
	if err != nil {
		return fail(500, err.Error(), fmt.Errorf("%w: %w", ErrInvalidSynapse, err))
	}
	b.TotalSize = int64(len(body))
	h := make(http.Header, 24)
	if err := synapse.SetHeaders(h, req); err != nil {
		return fail(500, err.Error(), fmt.Errorf("%w: %w", ErrInvalidSynapse, err))
	}
	h["Content-Type"] = []string{"application/json"}
	hreq, err := http.NewRequest(http.MethodPost, d.url(target, name), bytes.NewReader(body))
	if err != nil {
		return fail(500, "Client error: "+err.Error(), fmt.Errorf("%w: %w", ErrClient, err))
	}
	hreq.Header = h
	return req, hreq, nil
}

// process turns an HTTP response into a Response, as the reference's
// process_server_response does.
func (d *Dendrite) process(target axon.Info, req synapse.Synapse, resp *http.Response, data []byte, latency time.Duration) Response {
	result := req
	if resp.StatusCode == http.StatusOK {
		out := synapse.New(req)
		if err := synapse.Unmarshal(data, out); err != nil {
			return d.failed(target, req, 422, "Failed to parse response: "+err.Error(), fmt.Errorf("%w: %w", ErrBadResponse, err), latency)
		}
		out.SynapseBase().ComputedBodyHash = req.SynapseBase().ComputedBodyHash // frozen in the reference
		result = out
	} else {
		refusal(result, resp.StatusCode, data)
	}
	return d.finish(target, req, result, resp, latency)
}

// refusal records an axon's non-200 answer ({"message": …}) on s.
func refusal(s synapse.Synapse, code int, data []byte) {
	var m struct {
		Message *string `json:"message"`
	}
	rb := s.SynapseBase()
	rb.Axon.StatusCode = code
	if err := json.Unmarshal(data, &m); err == nil && m.Message != nil {
		rb.Axon.StatusMessage = *m.Message
	} else {
		rb.Axon.StatusMessage = http.StatusText(code)
	}
}

// finish merges the response headers' terminals into result and checks the
// axon's signature, as the reference's process_server_response does.
func (d *Dendrite) finish(target axon.Info, req, result synapse.Synapse, resp *http.Response, latency time.Duration) Response {
	hs := &synapse.Ping{}
	if err := synapse.FromHeaders(resp.Header, hs); err != nil {
		return d.failed(target, req, 422, "Failed to parse response: "+err.Error(), fmt.Errorf("%w: %w", ErrBadResponse, err), latency)
	}
	rb := result.SynapseBase()
	rb.Dendrite.Merge(&hs.Dendrite)
	rb.Axon.Merge(&hs.Axon)
	rb.Dendrite.StatusCode = rb.Axon.StatusCode
	rb.Dendrite.StatusMessage = rb.Axon.StatusMessage
	rb.Dendrite.ProcessTime = latency.Seconds()

	r := Response{Axon: target, Synapse: result, StatusCode: rb.Axon.StatusCode, Message: rb.Axon.StatusMessage, Latency: latency}
	switch {
	case rb.Axon.Signature != "":
		ax := rb.Axon
		ax.Hotkey = target.Hotkey.SS58()
		sig, err := synapse.ParseSignature(rb.Axon.Signature)
		if err != nil || !target.Hotkey.VerifyMessage([]byte(synapse.ResponseMessage(&ax, d.ss58)), sig) {
			return d.failed(target, req, 401, "Axon signature mismatch", ErrAxonSignature, latency)
		}
		r.AxonSigned = true
	case d.cfg.RequireAxonSignature:
		return d.failed(target, req, 401, "Missing axon signature", fmt.Errorf("%w: unsigned response", ErrAxonSignature), latency)
	}
	if r.StatusCode != http.StatusOK {
		r.Err = fmt.Errorf("%w: %d %s", ErrStatus, r.StatusCode, r.Message)
	}
	d.logResponse(&r)
	return r
}

// transportError maps a client failure to the reference's synthetic codes.
func (d *Dendrite) transportError(parent, cctx context.Context, target axon.Info, req synapse.Synapse, name string, err error, latency time.Duration) Response {
	timeout := req.SynapseBase().Timeout
	switch {
	case parent.Err() != nil:
		return d.failed(target, req, 408, "Request canceled: "+parent.Err().Error(), fmt.Errorf("%w: %w", ErrCanceled, parent.Err()), latency)
	case cctx.Err() != nil:
		return d.failed(target, req, 408, "Request timeout after "+synapse.FormatFloat(timeout)+" seconds",
			fmt.Errorf("%w: %w", ErrTimeout, err), latency)
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return d.failed(target, req, 503, fmt.Sprintf("Service unavailable at %s/%s", target.HostPort(), name),
			fmt.Errorf("%w: %w", ErrUnavailable, err), latency)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return d.failed(target, req, 503, "Service disconnected: "+err.Error(), fmt.Errorf("%w: %w", ErrUnavailable, err), latency)
	}
	return d.failed(target, req, 500, "Client error: "+err.Error(), fmt.Errorf("%w: %w", ErrClient, err), latency)
}

// failed builds a Response for a failure, setting the synapse's dendrite
// status as the reference's process_error_message does.
func (d *Dendrite) failed(target axon.Info, s synapse.Synapse, code int, msg string, err error, latency time.Duration) Response {
	b := s.SynapseBase()
	b.Dendrite.StatusCode = code
	b.Dendrite.StatusMessage = msg
	if latency > 0 {
		b.Dendrite.ProcessTime = latency.Seconds()
	}
	r := Response{Axon: target, Synapse: s, StatusCode: code, Message: msg, Latency: latency, Err: err}
	d.logResponse(&r)
	return r
}

func (d *Dendrite) logResponse(r *Response) {
	if !d.log.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	d.log.LogAttrs(context.Background(), slog.LevelDebug, "response",
		slog.String("axon", r.Axon.HostPort()),
		slog.String("synapse", synapse.Name(r.Synapse)),
		slog.Int("status", r.StatusCode),
		slog.String("message", r.Message),
		slog.Duration("latency", r.Latency))
}
