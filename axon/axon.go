package axon

import (
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
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// Handler holds the functions an axon runs for one synapse type S (a pointer
// to a struct embedding synapse.Base). Only Forward is required. Blacklist,
// Verify and Priority see the synapse built from the request headers (the
// type's own fields hold their empty header values); Forward sees the
// synapse built from the body, with the verified dendrite and axon terminals
// from the headers. All may run concurrently and must honour ctx.
type Handler[S synapse.Synapse] struct {
	// Forward fills the response fields of s. Returning an *Error answers
	// with its code and message; any other error answers 500. Forward may
	// also set s.Axon.StatusCode and StatusMessage to answer with them.
	Forward func(ctx context.Context, s S) error
	// Blacklist returns true and a reason to refuse the request with 403.
	// nil means the default: refuse hotkeys the Registry does not know.
	Blacklist func(ctx context.Context, s S) (blacklisted bool, reason string)
	// Verify returns an error to refuse the request with 401. nil means
	// Axon.DefaultVerify; a replacement takes over all of its checks (call
	// DefaultVerify from it to keep them).
	Verify func(ctx context.Context, s S) error
	// Priority orders requests waiting for a worker, higher first. nil means
	// the default: the sender's stake in the Registry.
	Priority func(ctx context.Context, s S) float64
}

// route is a Handler with the synapse type erased.
type route struct {
	name    string
	proto   synapse.Synapse
	forward func(context.Context, synapse.Synapse) error
	// stream, set for a streaming synapse instead of forward, writes the
	// response as chunks through send.
	stream    func(context.Context, synapse.Synapse, func([]byte) error) error
	blacklist func(context.Context, synapse.Synapse) (bool, string)
	verify    func(context.Context, synapse.Synapse) error
	priority  func(context.Context, synapse.Synapse) float64
}

// hotkeyCacheSize bounds the parsed-hotkey cache: a subnet has 256 UIDs (a
// few thousand at most), and each prepared verifier holds about 33 KB, so
// the cache stays under ~70 MB.
const hotkeyCacheSize = 1 << 11

// Axon serves synapses over HTTP: POST (or GET) /<SynapseName>, as the
// reference's Axon does. Create it with New, add synapse types with Attach,
// then Start it (or mount it as an http.Handler). Its methods are safe for
// concurrent use.
type Axon struct {
	cfg        Config
	hotkey     *keys.Keypair
	hotkeySS58 string
	uuid       string
	log        *slog.Logger
	now        func() time.Time

	mu      sync.Mutex
	routes  atomic.Pointer[map[string]*route]
	order   []string
	started bool
	srv     *http.Server
	ln      net.Listener

	nonces    *nonceStore
	hotkeys   *hotkeyCache
	pool      *workerPool
	inFlight  atomic.Int64
	lastNonce atomic.Int64
}

var _ http.Handler = (*Axon)(nil)

// New returns an axon that signs with hotkey, with the ping route
// "/Synapse" attached (it answers the request back, as the reference's).
func New(hotkey *keys.Keypair, cfg Config) (*Axon, error) {
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
	a := &Axon{
		cfg:        cfg,
		hotkey:     hotkey,
		hotkeySS58: hotkey.SS58(),
		uuid:       synapse.NewTerminalUUID(),
		log:        log.With("component", "axon"),
		now:        time.Now,
		nonces:     newNonceStore(),
		hotkeys:    newHotkeyCache(hotkeyCacheSize),
		pool:       newWorkerPool(cfg.MaxWorkers, cfg.MaxPending),
	}
	a.routes.Store(&map[string]*route{})
	if err := Attach(a, Handler[*synapse.Ping]{
		Forward: func(context.Context, *synapse.Ping) error { return nil },
	}); err != nil {
		return nil, err
	}
	return a, nil
}

// Attach adds the synapse type S to a under the route "/"+synapse.Name(S).
// It must be called before Start.
func Attach[T any, S interface {
	*T
	synapse.Synapse
}](a *Axon, h Handler[S]) error {
	if h.Forward == nil {
		return ErrNoForward
	}
	rt := &route{forward: func(ctx context.Context, s synapse.Synapse) error { return h.Forward(ctx, s.(S)) }}
	return attach[T, S](a, rt, h.Blacklist, h.Verify, h.Priority)
}

// AttachStream adds the streaming synapse type S to a (the reference's
// StreamingSynapse): after the same blacklist, verification and priority as
// Attach, the response is the signed synapse headers with status 200,
// followed by the chunks Forward sends. It must be called before Start.
func AttachStream[T any, S interface {
	*T
	synapse.Synapse
}](a *Axon, h StreamHandler[S]) error {
	if h.Forward == nil {
		return ErrNoForward
	}
	rt := &route{stream: func(ctx context.Context, s synapse.Synapse, send func([]byte) error) error {
		return h.Forward(ctx, s.(S), send)
	}}
	return attach[T, S](a, rt, h.Blacklist, h.Verify, h.Priority)
}

// attach completes rt with the synapse type S and the handler's hooks (or
// the defaults) and adds it to a.
func attach[T any, S interface {
	*T
	synapse.Synapse
}](a *Axon, rt *route, blacklist func(context.Context, S) (bool, string), verify func(context.Context, S) error, priority func(context.Context, S) float64) error {
	proto := synapse.Synapse(S(new(T)))
	if err := synapse.Check(proto); err != nil {
		return err
	}
	rt.name, rt.proto = synapse.Name(proto), proto
	if blacklist != nil {
		rt.blacklist = func(ctx context.Context, s synapse.Synapse) (bool, string) { return blacklist(ctx, s.(S)) }
	} else {
		rt.blacklist = a.defaultBlacklist
	}
	if verify != nil {
		rt.verify = func(ctx context.Context, s synapse.Synapse) error { return verify(ctx, s.(S)) }
	} else {
		rt.verify = a.DefaultVerify
	}
	if priority != nil {
		rt.priority = func(ctx context.Context, s synapse.Synapse) float64 { return priority(ctx, s.(S)) }
	} else {
		rt.priority = a.defaultPriority
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.started {
		return ErrStarted
	}
	old := *a.routes.Load()
	if _, dup := old[rt.name]; dup {
		return fmt.Errorf("%w: %s", ErrDuplicateSynapse, rt.name)
	}
	next := make(map[string]*route, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[rt.name] = rt
	a.routes.Store(&next)
	a.order = append(a.order, rt.name)
	return nil
}

// defaultBlacklist refuses hotkeys the Registry does not hold. A missing or
// invalid hotkey passes, so that verification answers it with 401.
func (a *Axon) defaultBlacklist(_ context.Context, s synapse.Synapse) (bool, string) {
	if a.cfg.Registry == nil {
		return false, ""
	}
	hk, err := a.hotkeys.lookup(s.SynapseBase().Dendrite.Hotkey)
	if err != nil {
		return false, ""
	}
	if !a.cfg.Registry.IsRegistered(hk.pub) {
		return true, "Unrecognized hotkey"
	}
	return false, ""
}

// defaultPriority is the sender's stake.
func (a *Axon) defaultPriority(_ context.Context, s synapse.Synapse) float64 {
	if a.cfg.Registry == nil {
		return 0
	}
	hk, err := a.hotkeys.lookup(s.SynapseBase().Dendrite.Hotkey)
	if err != nil {
		return 0
	}
	return float64(a.cfg.Registry.Stake(hk.pub))
}

// Start listens on Config.IP:Port and serves in the background until
// Shutdown. When the announced address (Config.ExternalIP) is another
// loopback address, as a miner on a local chain announces 127.0.0.2, it
// also listens there on the same port, so that any client dialling what
// the chain announces reaches the axon (a dendrite's own-address rewrite
// to 127.0.0.1 keeps working too).
func (a *Axon) Start() error {
	addr := net.JoinHostPort(a.cfg.IP, strconv.Itoa(a.cfg.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%w on %s (choose another port, e.g. --axon.port): %w", ErrListen, addr, err)
	}
	var alias net.Listener
	if ext, ok := a.loopbackAlias(); ok {
		port := ln.Addr().(*net.TCPAddr).Port
		if alias, err = net.Listen("tcp", net.JoinHostPort(ext, strconv.Itoa(port))); err != nil {
			ln.Close()
			return fmt.Errorf("axon: listen on the announced address: %w", err)
		}
	}
	if err := a.serve(ln); err != nil {
		ln.Close()
		if alias != nil {
			alias.Close()
		}
		return err
	}
	if alias != nil {
		a.mu.Lock()
		srv := a.srv
		a.mu.Unlock()
		go func() {
			if err := srv.Serve(alias); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error("serve", "err", err)
			}
		}()
		a.log.Info("serving", "addr", alias.Addr().String(), "announced", true)
	}
	return nil
}

// loopbackAlias returns the announced address when it is a loopback
// address other than the listening one, on the listening port.
func (a *Axon) loopbackAlias() (string, bool) {
	ext, err := netip.ParseAddr(a.cfg.ExternalIP)
	if err != nil || !ext.IsLoopback() || a.cfg.ExternalIP == a.cfg.IP {
		return "", false
	}
	if a.cfg.ExternalPort != 0 && a.cfg.ExternalPort != a.cfg.Port {
		return "", false
	}
	return ext.String(), true
}

// Serve serves on ln in the background until Shutdown.
func (a *Axon) Serve(ln net.Listener) error { return a.serve(ln) }

func (a *Axon) serve(ln net.Listener) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.started {
		return ErrStarted
	}
	a.started = true
	a.ln = ln
	a.srv = &http.Server{
		Handler:           a,
		ReadHeaderTimeout: a.cfg.ReadHeaderTimeout,
		ReadTimeout:       a.cfg.ReadTimeout,
		IdleTimeout:       a.cfg.IdleTimeout,
		MaxHeaderBytes:    a.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelDebug),
	}
	srv := a.srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("serve", "err", err)
		}
	}()
	a.log.Info("serving", "addr", ln.Addr().String(), "hotkey", a.hotkeySS58, "synapses", a.order)
	return nil
}

// Shutdown stops the server gracefully, waiting for requests in progress
// until ctx is done.
func (a *Axon) Shutdown(ctx context.Context) error {
	a.mu.Lock()
	srv := a.srv
	a.mu.Unlock()
	if srv == nil {
		return ErrNotStarted
	}
	return srv.Shutdown(ctx)
}

// Addr returns the listening address, or nil before Start.
func (a *Axon) Addr() net.Addr {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ln == nil {
		return nil
	}
	return a.ln.Addr()
}

// Hotkey returns the axon's public hotkey.
func (a *Axon) Hotkey() keys.PublicKey { return a.hotkey.Public() }

// UUID returns the axon's instance id, sent as bt_header_axon_uuid.
func (a *Axon) UUID() string { return a.uuid }

// Synapses returns the attached route names in attach order.
func (a *Axon) Synapses() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.order...)
}

// Info returns what the chain client announces with serve_axon: the external
// address (or the listening one), version, protocol and keys.
func (a *Axon) Info() Info {
	ipText := a.cfg.ExternalIP
	if ipText == "" {
		ipText = a.cfg.IP
	}
	ip, _ := netip.ParseAddr(ipText) // validated in New
	port := a.cfg.ExternalPort
	if port == 0 {
		port = a.cfg.Port
		if addr, ok := a.Addr().(*net.TCPAddr); ok {
			port = addr.Port
		}
	}
	return Info{
		Version:  uint32(synapse.ProtocolVersion),
		IP:       ip,
		Port:     uint16(port),
		Protocol: ProtocolTCP,
		Hotkey:   a.hotkey.Public(),
		Coldkey:  a.cfg.Coldkey,
	}
}

// nextNonce returns the wall clock in nanoseconds, strictly increasing.
func (a *Axon) nextNonce() int64 {
	for {
		now := a.now().UnixNano()
		last := a.lastNonce.Load()
		if now <= last {
			now = last + 1
		}
		if a.lastNonce.CompareAndSwap(last, now) {
			return now
		}
	}
}

// request is the state of one request through the pipeline.
type request struct {
	start   time.Time
	w       http.ResponseWriter
	r       *http.Request
	hdr     synapse.Synapse // built from headers; nil before parsing
	written bool
}

// ServeHTTP runs the reference's middleware order: route lookup and header
// parsing, blacklist (403), verify (401), body integrity (500), priority wait
// (408/503), forward, and the signed response. A panic in a Blacklist,
// Verify or Priority function is answered with 500.
func (a *Axon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rq := &request{start: a.now(), w: w, r: r}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			if !rq.written {
				a.internalError(rq, "handler", fmt.Errorf("axon: panic: %v", p))
			}
		}
	}()
	if n := a.inFlight.Add(1); n > int64(a.cfg.MaxInFlight) {
		a.inFlight.Add(-1)
		a.fail(rq, http.StatusServiceUnavailable, "Service unavailable: too many requests in flight")
		return
	}
	defer a.inFlight.Add(-1)

	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		a.fail(rq, http.StatusMethodNotAllowed, "Method Not Allowed")
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	rt := (*a.routes.Load())[name]
	if rt == nil {
		a.fail(rq, http.StatusNotFound, a.unknownMessage(name))
		return
	}
	if r.ContentLength > a.cfg.MaxBodyBytes {
		a.fail(rq, http.StatusRequestEntityTooLarge, a.tooLargeMessage())
		return
	}

	hdr := synapse.New(rt.proto)
	if err := synapse.FromHeaders(r.Header, hdr); err != nil {
		a.internalError(rq, "parse headers", err)
		return
	}
	a.preprocess(rq, hdr)
	b := hdr.SynapseBase()
	timeout := a.clampTimeout(b.Timeout)
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	if black, reason := rt.blacklist(ctx, hdr); black {
		a.fail(rq, http.StatusForbidden, "Forbidden. Key is blacklisted: "+reason+".")
		return
	}
	if err := rt.verify(ctx, hdr); err != nil {
		a.fail(rq, http.StatusUnauthorized, "Not Verified with error: "+err.Error())
		return
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			a.fail(rq, http.StatusRequestEntityTooLarge, a.tooLargeMessage())
			return
		}
		a.fail(rq, http.StatusBadRequest, "Payload error: "+err.Error())
		return
	}
	req := synapse.New(rt.proto)
	if err := synapse.Unmarshal(body, req); err != nil {
		a.internalError(rq, "parse body", err)
		return
	}
	parsed, err := synapse.BodyHash(req)
	if err != nil {
		a.internalError(rq, "hash body", err)
		return
	}
	if parsed != b.ComputedBodyHash {
		a.internalError(rq, "body integrity", fmt.Errorf(
			"axon: hash mismatch between header body hash %s and parsed body hash %s", b.ComputedBodyHash, parsed))
		return
	}

	if err := a.pool.acquire(ctx, rt.priority(ctx, hdr)); err != nil {
		if errors.Is(err, errPoolFull) {
			a.fail(rq, http.StatusServiceUnavailable, "Service unavailable: all workers busy")
		} else {
			a.fail(rq, http.StatusRequestTimeout, a.timeoutMessage(b.Timeout))
		}
		return
	}
	// The forward sees the verified terminals, not the body's copies.
	rb := req.SynapseBase()
	rb.Timeout, rb.ComputedBodyHash = b.Timeout, b.ComputedBodyHash
	rb.Dendrite, rb.Axon = b.Dendrite, b.Axon
	rb.Axon.StatusCode = 0
	if rt.stream != nil {
		defer a.pool.release()
		a.streamResponse(ctx, rq, rt, req, b)
		return
	}
	done := make(chan error, 1)
	go func() {
		defer a.pool.release()
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("axon: forward panicked: %v", p)
			}
		}()
		done <- rt.forward(ctx, req)
	}()
	select {
	case err = <-done:
	case <-ctx.Done():
		a.fail(rq, http.StatusRequestTimeout, a.timeoutMessage(b.Timeout))
		return
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			a.fail(rq, e.Code, e.Message)
			return
		}
		a.internalError(rq, "forward", err)
		return
	}
	a.respond(rq, req, b)
}

// preprocess fills the axon terminal as the reference's middleware does
// (version, uuid, nonce, status 100, own hotkey) and the dendrite's peer
// address.
func (a *Axon) preprocess(rq *request, s synapse.Synapse) {
	rq.hdr = s
	b := s.SynapseBase()
	b.Axon.Version = synapse.ProtocolVersion
	b.Axon.UUID = a.uuid
	b.Axon.Nonce = a.nextNonce()
	b.Axon.StatusCode = 100
	b.Axon.Hotkey = a.hotkeySS58
	if host, port, err := net.SplitHostPort(rq.r.RemoteAddr); err == nil {
		b.Dendrite.IP = host
		b.Dendrite.Port, _ = strconv.Atoi(port)
	}
}

// sign sets the axon signature over the reference's response message.
func (a *Axon) sign(b *synapse.Base) {
	sig, err := a.hotkey.Sign([]byte(synapse.ResponseMessage(&b.Axon, b.Dendrite.Hotkey)))
	if err != nil {
		a.log.Error("sign response", "err", err)
		return
	}
	b.Axon.Signature = synapse.FormatSignature(sig)
}

// respond writes a successful (or Forward-chosen) response: the body synapse
// as JSON and its headers, signed.
func (a *Axon) respond(rq *request, req synapse.Synapse, hb *synapse.Base) {
	rb := req.SynapseBase()
	// Identity fields are the axon's, whatever Forward did to them.
	rb.Axon.Version, rb.Axon.UUID, rb.Axon.Nonce, rb.Axon.Hotkey = hb.Axon.Version, hb.Axon.UUID, hb.Axon.Nonce, hb.Axon.Hotkey
	if rb.Axon.StatusCode == 0 || rb.Axon.StatusCode == 100 {
		rb.Axon.StatusCode = http.StatusOK
	}
	if rb.Axon.StatusCode == http.StatusOK && rb.Axon.StatusMessage == "" {
		rb.Axon.StatusMessage = "Success"
	}
	rb.Axon.ProcessTime = a.now().Sub(rq.start).Seconds()
	a.sign(rb)
	body, err := synapse.Marshal(req)
	if err != nil {
		a.internalError(rq, "encode response", err)
		return
	}
	if err := synapse.SetHeaders(rq.w.Header(), req); err != nil {
		a.internalError(rq, "response headers", err)
		return
	}
	a.write(rq, rb.Axon.StatusCode, body)
	a.logRequest(rq, rb)
}

// fail answers with code and {"message": msg}, with the headers of the
// request synapse (signed) when the headers were parsed, or of an empty ping.
func (a *Axon) fail(rq *request, code int, msg string) {
	s := rq.hdr
	if s == nil {
		s = synapse.New(&synapse.Ping{})
	}
	b := s.SynapseBase()
	b.Axon.StatusCode = code
	b.Axon.StatusMessage = msg
	b.Axon.ProcessTime = a.now().Sub(rq.start).Seconds()
	if rq.hdr != nil {
		a.sign(b)
	}
	wh := rq.w.Header()
	if err := synapse.SetHeaders(wh, s); err != nil {
		clear(wh) // no partial synapse headers
	}
	body, _ := json.Marshal(struct {
		Message string `json:"message"`
	}{msg}) // a string always marshals
	a.write(rq, code, body)
	a.logRequest(rq, b)
}

// internalError logs err under a fresh id and answers 500 with the
// reference's "Internal Server Error #<id>".
func (a *Axon) internalError(rq *request, stage string, err error) {
	id := synapse.NewRandomUUID()
	a.log.Error("request failed", "stage", stage, "error_id", id, "path", rq.r.URL.Path, "remote", rq.r.RemoteAddr, "err", err)
	a.fail(rq, http.StatusInternalServerError, "Internal Server Error #"+id)
}

// write sends the status and body; the synapse headers are already in the
// response header map, under the reference's lowercase names.
func (a *Axon) write(rq *request, code int, body []byte) {
	rq.written = true
	wh := rq.w.Header()
	wh["Content-Type"] = []string{"application/json"}
	wh["Content-Length"] = []string{strconv.Itoa(len(body))}
	rq.w.WriteHeader(code)
	_, _ = rq.w.Write(body)
}

func (a *Axon) logRequest(rq *request, b *synapse.Base) {
	if !a.log.Enabled(rq.r.Context(), slog.LevelDebug) {
		return
	}
	a.log.LogAttrs(rq.r.Context(), slog.LevelDebug, "request",
		slog.String("synapse", b.Name),
		slog.String("dendrite", b.Dendrite.Hotkey),
		slog.String("remote", rq.r.RemoteAddr),
		slog.Int("status", b.Axon.StatusCode),
		slog.String("message", b.Axon.StatusMessage),
		slog.Duration("took", a.now().Sub(rq.start)))
}

func (a *Axon) unknownMessage(name string) string {
	names := *a.routes.Load()
	a.mu.Lock()
	order := append([]string(nil), a.order...)
	a.mu.Unlock()
	quoted := make([]string, 0, len(names))
	for _, n := range order {
		quoted = append(quoted, synapse.QuoteString(n))
	}
	return fmt.Sprintf("Synapse name '%s' not found. Available synapses [%s]", name, strings.Join(quoted, ", "))
}

func (a *Axon) tooLargeMessage() string {
	return fmt.Sprintf("Request body too large: the limit is %d bytes", a.cfg.MaxBodyBytes)
}

func (a *Axon) timeoutMessage(timeout float64) string {
	return "Response timeout after: " + synapse.FormatFloat(timeout) + "s"
}
