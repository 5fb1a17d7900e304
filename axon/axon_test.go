package axon_test

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
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// Dummy doubles its input.
type Dummy struct {
	synapse.Base
	DummyInput  int  `json:"dummy_input" bt:"required"`
	DummyOutput *int `json:"dummy_output"`
}

func (*Dummy) RequiredHashFields() []string { return []string{"dummy_input"} }

func mustKey(t testing.TB, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func testConfig() axon.Config {
	cfg := axon.DefaultConfig()
	cfg.IP = "127.0.0.1"
	cfg.Port = 0
	cfg.Logger = quietLogger()
	return cfg
}

// startAxon starts an axon as //Alice with Dummy attached.
func startAxon(t testing.TB, cfg axon.Config, h axon.Handler[*Dummy]) (*axon.Axon, string) {
	t.Helper()
	a, err := axon.New(mustKey(t, "//Alice"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if h.Forward == nil {
		h.Forward = double
	}
	if err := axon.Attach(a, h); err != nil {
		t.Fatal(err)
	}
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = a.Shutdown(ctx)
	})
	return a, "http://" + a.Addr().String()
}

func double(_ context.Context, s *Dummy) error {
	out := s.DummyInput * 2
	s.DummyOutput = &out
	return nil
}

// call describes one hand-made request.
type call struct {
	signer    *keys.Keypair // signs; nil sends no signature
	hotkey    string        // claimed dendrite hotkey; "" means the signer's
	noHotkey  bool
	nonce     int64 // 0 means now
	uuid      string
	timeout   float64
	axonKey   string // the axon hotkey signed over; "" means Alice
	input     int
	edit      func(h http.Header, body []byte) []byte // tamper after signing
	path      string
	canonical bool // send Go-canonical header names
}

var nonceMu sync.Mutex
var lastNonce int64

func freshNonce() int64 {
	nonceMu.Lock()
	defer nonceMu.Unlock()
	n := time.Now().UnixNano()
	if n <= lastNonce {
		n = lastNonce + 1
	}
	lastNonce = n
	return n
}

func (c call) request(t testing.TB, base string) *http.Request {
	t.Helper()
	s := &Dummy{DummyInput: c.input}
	b := s.SynapseBase()
	b.Timeout = c.timeout
	if b.Timeout == 0 {
		b.Timeout = 12
	}
	nonce := c.nonce
	if nonce == 0 {
		nonce = freshNonce()
	}
	uuid := c.uuid
	if uuid == "" {
		uuid = "00000000-0000-1000-8000-000000000001"
	}
	hotkey := c.hotkey
	if hotkey == "" && c.signer != nil {
		hotkey = c.signer.SS58()
	}
	if c.noHotkey {
		hotkey = ""
	}
	axonKey := c.axonKey
	if axonKey == "" {
		axonKey = mustKey(t, "//Alice").SS58()
	}
	b.Dendrite = synapse.TerminalInfo{IP: "127.0.0.1", Version: synapse.ProtocolVersion, Nonce: nonce, UUID: uuid, Hotkey: hotkey}
	b.Axon = synapse.TerminalInfo{IP: "127.0.0.1", Port: 1, Hotkey: axonKey}
	hash, err := synapse.BodyHash(s)
	if err != nil {
		t.Fatal(err)
	}
	if c.signer != nil {
		sig, err := c.signer.Sign([]byte(synapse.RequestMessage(&b.Dendrite, axonKey, hash)))
		if err != nil {
			t.Fatal(err)
		}
		b.Dendrite.Signature = synapse.FormatSignature(sig)
	}
	body, err := synapse.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	h, err := synapse.ToHeaders(s)
	if err != nil {
		t.Fatal(err)
	}
	if c.edit != nil {
		body = c.edit(h, body)
	}
	path := c.path
	if path == "" {
		path = "/Dummy"
	}
	req, err := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if c.canonical {
		for k, v := range h {
			req.Header.Set(k, v[0])
		}
	} else {
		req.Header = h
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

type result struct {
	code    int
	message string
	header  http.Header
	body    []byte
}

func do(t testing.TB, req *http.Request) result {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &m)
	return result{code: resp.StatusCode, message: m.Message, header: resp.Header, body: body}
}

func TestSignedRequestDoubles(t *testing.T) {
	_, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{})
	bob := mustKey(t, "//Bob")
	for _, canonical := range []bool{false, true} {
		r := do(t, call{signer: bob, input: 21, canonical: canonical}.request(t, base))
		if r.code != 200 {
			t.Fatalf("status %d: %s (%s)", r.code, r.message, r.body)
		}
		got := synapse.New(&Dummy{}).(*Dummy)
		if err := synapse.Unmarshal(r.body, got); err != nil {
			t.Fatal(err)
		}
		if got.DummyOutput == nil || *got.DummyOutput != 42 {
			t.Fatalf("dummy_output = %v, want 42", got.DummyOutput)
		}
		if got.Axon.StatusCode != 200 || got.Axon.StatusMessage != "Success" || got.Dendrite.Hotkey != bob.SS58() {
			t.Fatalf("terminals: axon %+v dendrite %+v", got.Axon, got.Dendrite)
		}
		// Headers: exact lowercase names, as the reference sends them.
		for _, name := range []string{"bt_header_axon_status_code", "bt_header_axon_signature", "bt_header_axon_nonce", "computed_body_hash", "name"} {
			if r.header.Get(name) == "" {
				t.Errorf("response lacks header %q: %v", name, r.header)
			}
		}
		hs := &synapse.Ping{}
		if err := synapse.FromHeaders(r.header, hs); err != nil {
			t.Fatal(err)
		}
		alice := mustKey(t, "//Alice").Public()
		sig, err := synapse.ParseSignature(hs.Axon.Signature)
		if err != nil {
			t.Fatal(err)
		}
		if !alice.Verify([]byte(synapse.ResponseMessage(&hs.Axon, bob.SS58())), sig) {
			t.Fatal("response signature does not verify against the axon hotkey")
		}
		if hs.Axon.StatusCode != 200 || hs.Axon.Hotkey != alice.SS58() {
			t.Fatalf("response axon terminal %+v", hs.Axon)
		}
	}
}

var internalError = regexp.MustCompile(`^Internal Server Error #[0-9a-f-]{36}$`)

func TestBadInputIsRefused(t *testing.T) {
	cfg := testConfig()
	cfg.MaxBodyBytes = 4096
	alice, bob, eve := mustKey(t, "//Alice"), mustKey(t, "//Bob"), mustKey(t, "//Eve")
	cfg.Registry = axon.StaticRegistry{alice.Public(): 10, bob.Public(): 5}
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{})

	replayed := call{signer: bob, input: 1}.request(t, base)
	replayBody, _ := io.ReadAll(replayed.Body)
	replayed.Body = io.NopCloser(bytes.NewReader(replayBody))
	if r := do(t, replayed); r.code != 200 {
		t.Fatalf("first request: %d %s", r.code, r.message)
	}
	replay := replayed.Clone(context.Background())
	replay.Body = io.NopCloser(bytes.NewReader(replayBody))

	tests := []struct {
		name    string
		req     func() *http.Request
		code    int
		message string // exact, or a regexp when it starts with ^
	}{
		{"unsigned ping without hotkey", func() *http.Request { return call{noHotkey: true, path: "/Synapse"}.request(t, base) }, 401,
			"Not Verified with error: No SS58 formatted address or public key provided."},
		{"unsigned", func() *http.Request { return call{hotkey: bob.SS58()}.request(t, base) }, 401, "Not Verified with error: Missing Signature"},
		{"forged signature", func() *http.Request { return call{signer: eve, hotkey: bob.SS58()}.request(t, base) }, 401,
			`^Not Verified with error: Signature mismatch with \d+\.` + bob.SS58() + `\.` + alice.SS58() + `\..+ and 0x[0-9a-f]{128}$`},
		{"signed for another axon", func() *http.Request { return call{signer: bob, axonKey: eve.SS58()}.request(t, base) }, 401,
			`^Not Verified with error: Signature mismatch`},
		{"invalid hotkey", func() *http.Request { return call{hotkey: "5notanaddress", signer: bob}.request(t, base) }, 401,
			`^Not Verified with error: Invalid SS58 address 5notanaddress`},
		{"missing nonce", func() *http.Request {
			return call{signer: bob, nonce: -1, edit: func(h http.Header, b []byte) []byte {
				delete(h, "bt_header_dendrite_nonce")
				return b
			}}.request(t, base)
		}, 401, "Not Verified with error: Missing Nonce"},
		{"replayed nonce", func() *http.Request { return replay }, 401, "Not Verified with error: Nonce is too old, a newer one was last processed"},
		{"stale nonce", func() *http.Request {
			return call{signer: bob, uuid: "fresh-uuid", nonce: time.Now().Add(-30 * time.Second).UnixNano()}.request(t, base)
		}, 401,
			`^Not Verified with error: Nonce is too old: acceptable delta is 16\.00 seconds but request was 30\.\d\d seconds old$`},
		{"stale nonce, huge timeout header", func() *http.Request {
			return call{signer: bob, uuid: "fresh-uuid-2", timeout: 1e9, nonce: time.Now().Add(-2 * time.Hour).UnixNano()}.request(t, base)
		}, 401,
			`^Not Verified with error: Nonce is too old: acceptable delta is 64\.00 seconds`},
		{"unregistered hotkey", func() *http.Request { return call{signer: eve}.request(t, base) }, 403, "Forbidden. Key is blacklisted: Unrecognized hotkey."},
		{"unknown synapse", func() *http.Request { return call{signer: bob, path: "/no_such_path"}.request(t, base) }, 404,
			"Synapse name 'no_such_path' not found. Available synapses ['Synapse', 'Dummy']"},
		{"oversized body", func() *http.Request {
			return call{signer: bob, edit: func(_ http.Header, b []byte) []byte {
				return append(b, bytes.Repeat([]byte(" "), 5000)...)
			}}.request(t, base)
		}, 413, "Request body too large: the limit is 4096 bytes"},
		{"malformed timeout header", func() *http.Request {
			return call{signer: bob, edit: func(h http.Header, b []byte) []byte {
				h["timeout"] = []string{"soon"}
				return b
			}}.request(t, base)
		}, 500, internalError.String()},
		{"malformed nonce header", func() *http.Request {
			return call{signer: bob, edit: func(h http.Header, b []byte) []byte {
				h["bt_header_dendrite_nonce"] = []string{"12ab"}
				return b
			}}.request(t, base)
		}, 500, internalError.String()},
		{"missing input object header", func() *http.Request {
			return call{signer: bob, edit: func(h http.Header, b []byte) []byte {
				delete(h, "bt_header_input_obj_dummy_input")
				return b
			}}.request(t, base)
		}, 500, internalError.String()},
		{"tampered body", func() *http.Request {
			return call{signer: bob, input: 1, edit: func(_ http.Header, b []byte) []byte {
				return bytes.Replace(b, []byte(`"dummy_input":1`), []byte(`"dummy_input":2`), 1)
			}}.request(t, base)
		}, 500, internalError.String()},
		{"body not json", func() *http.Request {
			return call{signer: bob, edit: func(_ http.Header, b []byte) []byte { return []byte("{") }}.request(t, base)
		}, 500,
			internalError.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.req())
			if r.code != tt.code {
				t.Fatalf("status %d (%s), want %d", r.code, r.message, tt.code)
			}
			if strings.HasPrefix(tt.message, "^") {
				if !regexp.MustCompile(tt.message).MatchString(r.message) {
					t.Fatalf("message %q does not match %s", r.message, tt.message)
				}
			} else if r.message != tt.message {
				t.Fatalf("message %q, want %q", r.message, tt.message)
			}
			if got := r.header.Get("bt_header_axon_status_code"); got != strconv.Itoa(tt.code) {
				t.Fatalf("bt_header_axon_status_code = %q, want %d", got, tt.code)
			}
			// The server stays up and keeps serving good requests.
			if r := do(t, call{signer: bob, input: 2}.request(t, base)); r.code != 200 {
				t.Fatalf("good request after bad one: %d %s", r.code, r.message)
			}
		})
	}
}

func TestChunkedOversizedBody(t *testing.T) {
	cfg := testConfig()
	cfg.MaxBodyBytes = 1024
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{})
	req := call{signer: mustKey(t, "//Bob")}.request(t, base)
	body, _ := io.ReadAll(req.Body)
	body = append(body, bytes.Repeat([]byte(" "), 2048)...)
	req.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body))) // unknown length: chunked
	req.ContentLength = -1
	if r := do(t, req); r.code != 413 {
		t.Fatalf("status %d %s, want 413", r.code, r.message)
	}
}

func TestForwardOutcomes(t *testing.T) {
	bob := mustKey(t, "//Bob")
	tests := []struct {
		name    string
		forward func(context.Context, *Dummy) error
		timeout float64
		code    int
		message string
	}{
		{"chosen status", func(context.Context, *Dummy) error { return &axon.Error{Code: 409, Message: "Conflicting request"} }, 0, 409, "Conflicting request"},
		{"status set on synapse", func(_ context.Context, s *Dummy) error {
			s.Axon.StatusCode, s.Axon.StatusMessage = 404, "Essential resource not found"
			return nil
		}, 0, 404, ""},
		{"plain error", func(context.Context, *Dummy) error { return errors.New("secret detail") }, 0, 500, internalError.String()},
		{"panic", func(context.Context, *Dummy) error { panic("boom") }, 0, 500, internalError.String()},
		{"too slow", func(ctx context.Context, _ *Dummy) error {
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
			}
			return nil
		}, 0.2, 408, "Response timeout after: 0.2s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{Forward: tt.forward})
			r := do(t, call{signer: bob, timeout: tt.timeout}.request(t, base))
			if r.code != tt.code {
				t.Fatalf("status %d (%s), want %d", r.code, r.body, tt.code)
			}
			if tt.message != "" && r.message != tt.message && !regexp.MustCompile("^"+tt.message+"$").MatchString(r.message) {
				t.Fatalf("message %q, want %q", r.message, tt.message)
			}
			if strings.Contains(string(r.body), "secret detail") {
				t.Fatal("internal error text leaked to the client")
			}
		})
	}
}

func TestWorkersFullAnswers503(t *testing.T) {
	cfg := testConfig()
	cfg.MaxWorkers = 1
	cfg.MaxPending = 0
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{Forward: func(ctx context.Context, s *Dummy) error {
		entered <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	}})
	bob := mustKey(t, "//Bob")
	first := make(chan result, 1)
	go func() { first <- do(t, call{signer: bob}.request(t, base)) }()
	<-entered
	r := do(t, call{signer: bob}.request(t, base))
	if r.code != 503 || r.message != "Service unavailable: all workers busy" {
		t.Fatalf("second request: %d %q, want 503", r.code, r.message)
	}
	close(release)
	if r := <-first; r.code != 200 {
		t.Fatalf("first request: %d %s", r.code, r.message)
	}
}

func TestPriorityWaitTimesOut(t *testing.T) {
	cfg := testConfig()
	cfg.MaxWorkers = 1
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{Forward: func(ctx context.Context, s *Dummy) error {
		select {
		case entered <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	}})
	bob := mustKey(t, "//Bob")
	first := make(chan result, 1)
	go func() { first <- do(t, call{signer: bob, timeout: 5}.request(t, base)) }()
	<-entered
	r := do(t, call{signer: bob, timeout: 0.2}.request(t, base))
	if r.code != 408 || r.message != "Response timeout after: 0.2s" {
		t.Fatalf("queued request: %d %q, want 408", r.code, r.message)
	}
	close(release)
	<-first
}

func TestInFlightLimit(t *testing.T) {
	cfg := testConfig()
	cfg.MaxInFlight = 1
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	_, base := startAxon(t, cfg, axon.Handler[*Dummy]{Forward: func(ctx context.Context, s *Dummy) error {
		entered <- struct{}{}
		<-release
		return nil
	}})
	bob := mustKey(t, "//Bob")
	first := make(chan result, 1)
	go func() { first <- do(t, call{signer: bob}.request(t, base)) }()
	<-entered
	if r := do(t, call{signer: bob}.request(t, base)); r.code != 503 {
		t.Fatalf("status %d %q, want 503", r.code, r.message)
	}
	close(release)
	<-first
}

func TestMethodNotAllowed(t *testing.T) {
	_, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{})
	req, _ := http.NewRequest(http.MethodDelete, base+"/Dummy", nil)
	if r := do(t, req); r.code != 405 {
		t.Fatalf("status %d, want 405", r.code)
	}
}

func TestCustomBlacklistVerifyPriority(t *testing.T) {
	var mu sync.Mutex
	var saw []string
	a, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{
		Blacklist: func(_ context.Context, s *Dummy) (bool, string) {
			mu.Lock()
			saw = append(saw, "blacklist")
			mu.Unlock()
			return s.Timeout == 3, "three"
		},
		Priority: func(_ context.Context, s *Dummy) float64 {
			mu.Lock()
			saw = append(saw, "priority")
			mu.Unlock()
			return 1
		},
	})
	_ = a
	bob := mustKey(t, "//Bob")
	if r := do(t, call{signer: bob, timeout: 3}.request(t, base)); r.code != 403 || r.message != "Forbidden. Key is blacklisted: three." {
		t.Fatalf("blacklisted: %d %q", r.code, r.message)
	}
	if r := do(t, call{signer: bob}.request(t, base)); r.code != 200 {
		t.Fatalf("allowed: %d %q", r.code, r.message)
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(saw) != "[blacklist blacklist priority]" {
		t.Fatalf("calls = %v", saw)
	}
}

func TestAttachErrorsAndInfo(t *testing.T) {
	a, err := axon.New(mustKey(t, "//Alice"), testConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := axon.Attach(a, axon.Handler[*Dummy]{}); !errors.Is(err, axon.ErrNoForward) {
		t.Fatalf("no forward: %v", err)
	}
	if err := axon.Attach(a, axon.Handler[*Dummy]{Forward: double}); err != nil {
		t.Fatal(err)
	}
	if err := axon.Attach(a, axon.Handler[*Dummy]{Forward: double}); !errors.Is(err, axon.ErrDuplicateSynapse) {
		t.Fatalf("duplicate: %v", err)
	}
	if got := fmt.Sprint(a.Synapses()); got != "[Synapse Dummy]" {
		t.Fatalf("Synapses = %s", got)
	}
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	defer a.Shutdown(context.Background())
	if err := axon.Attach(a, axon.Handler[*synapse.Ping]{Forward: func(context.Context, *synapse.Ping) error { return nil }}); !errors.Is(err, axon.ErrStarted) {
		t.Fatalf("attach after start: %v", err)
	}
	info := a.Info()
	port := a.Addr().(*net.TCPAddr).Port
	if info.IP.String() != "127.0.0.1" || int(info.Port) != port || info.IPType() != 4 || info.Protocol != 4 ||
		info.Version != uint32(synapse.ProtocolVersion) || info.Hotkey != mustKey(t, "//Alice").Public() || !info.IsServing() {
		t.Fatalf("Info = %+v", info)
	}
	bad := testConfig()
	bad.MaxWorkers = 0
	if _, err := axon.New(mustKey(t, "//Alice"), bad); !errors.Is(err, axon.ErrInvalidConfig) {
		t.Fatalf("bad config: %v", err)
	}
}

// TestWireHeadersAreLowercase reads the raw response: Python's dendrite
// matches "bt_header_axon_" case-sensitively, so the names must go out in
// lowercase (Go's client would canonicalise them when parsing).
func TestWireHeadersAreLowercase(t *testing.T) {
	a, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{})
	req := call{signer: mustKey(t, "//Bob"), input: 4}.request(t, base)
	req.Close = true
	conn, err := net.Dial("tcp", a.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(io.LimitReader(conn, 1<<16))
	if err != nil && !errors.Is(err, io.EOF) {
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatal(err)
		}
	}
	head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	for _, want := range []string{"\r\nbt_header_axon_status_code: 200\r\n", "\r\nbt_header_axon_signature: 0x", "\r\ncomputed_body_hash: ", "\r\nname: Dummy\r\n", "\r\ntimeout: 12.0\r\n", "\r\nContent-Type: application/json\r\n"} {
		if !strings.Contains(head, want) {
			t.Errorf("raw response lacks %q:\n%s", want, head)
		}
	}
}

func TestPanickingHooksAnswer500(t *testing.T) {
	bob := mustKey(t, "//Bob")
	for name, h := range map[string]axon.Handler[*Dummy]{
		"blacklist": {Blacklist: func(context.Context, *Dummy) (bool, string) { panic("boom") }},
		"verify":    {Verify: func(context.Context, *Dummy) error { panic("boom") }},
		"priority":  {Priority: func(context.Context, *Dummy) float64 { panic("boom") }},
	} {
		t.Run(name, func(t *testing.T) {
			_, base := startAxon(t, testConfig(), h)
			r := do(t, call{signer: bob}.request(t, base))
			if r.code != 500 || !internalError.MatchString(r.message) {
				t.Fatalf("status %d %q, want 500", r.code, r.message)
			}
			// The server keeps answering.
			if r := do(t, call{signer: bob}.request(t, base)); r.code != 500 {
				t.Fatalf("second request: %d %q", r.code, r.message)
			}
		})
	}
}

// TestConcurrentMixedTraffic runs valid, forged and replayed requests from
// several senders at once; every answer must be the expected one.
func TestConcurrentMixedTraffic(t *testing.T) {
	_, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{})
	bob, eve := mustKey(t, "//Bob"), mustKey(t, "//Eve")
	const senders, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, senders*each*2)
	for g := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			uuid := fmt.Sprintf("00000000-0000-1000-8000-%012d", 100+g)
			for i := range each {
				good := call{signer: bob, uuid: uuid, input: i}.request(t, base)
				body, _ := io.ReadAll(good.Body)
				good.Body = io.NopCloser(bytes.NewReader(body))
				if r := do(t, good); r.code != 200 || !strings.Contains(string(r.body), fmt.Sprintf(`"dummy_output":%d`, 2*i)) {
					errs <- fmt.Errorf("sender %d good %d: %d %s", g, i, r.code, r.message)
				}
				replay := good.Clone(context.Background())
				replay.Body = io.NopCloser(bytes.NewReader(body))
				if r := do(t, replay); r.code != 401 {
					errs <- fmt.Errorf("sender %d replay %d: %d %s", g, i, r.code, r.message)
				}
				if r := do(t, call{signer: eve, hotkey: bob.SS58(), uuid: uuid}.request(t, base)); r.code != 401 {
					errs <- fmt.Errorf("sender %d forged %d: %d %s", g, i, r.code, r.message)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestStartHeldPort checks that a held port fails Start with ErrListen.
func TestStartHeldPort(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	cfg := testConfig()
	cfg.IP, cfg.Port = "127.0.0.1", held.Addr().(*net.TCPAddr).Port
	a, err := axon.New(mustKey(t, "//Alice"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(); !errors.Is(err, axon.ErrListen) {
		t.Fatalf("Start on a held port = %v, want ErrListen", err)
	}
}
