package dendrite_test

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
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

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func double(_ context.Context, s *Dummy) error {
	out := s.DummyInput * 2
	s.DummyOutput = &out
	return nil
}

// startAxon starts an axon on 127.0.0.1 signing as uri.
func startAxon(t testing.TB, uri string, cfg axon.Config, h axon.Handler[*Dummy]) *axon.Axon {
	t.Helper()
	cfg.IP, cfg.Port, cfg.Logger = "127.0.0.1", 0, quiet()
	a, err := axon.New(mustKey(t, uri), cfg)
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
	return a
}

func newDendrite(t testing.TB, uri string) *dendrite.Dendrite {
	t.Helper()
	cfg := dendrite.DefaultConfig()
	cfg.Logger = quiet()
	d, err := dendrite.New(mustKey(t, uri), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// TestEndToEnd: dendrite //Bob queries axon //Alice; the axon checks Bob's
// signature and the dendrite checks Alice's.
func TestEndToEnd(t *testing.T) {
	bob := mustKey(t, "//Bob")
	var seen *Dummy
	a := startAxon(t, "//Alice", axon.DefaultConfig(), axon.Handler[*Dummy]{
		Forward: func(ctx context.Context, s *Dummy) error {
			seen = s
			return double(ctx, s)
		},
	})
	d := newDendrite(t, "//Bob")
	in := &Dummy{DummyInput: 21}
	r := d.Call(context.Background(), a.Info(), in, 5*time.Second)
	if r.Err != nil || r.StatusCode != 200 || r.Message != "Success" {
		t.Fatalf("response: %d %q %v", r.StatusCode, r.Message, r.Err)
	}
	if !r.AxonSigned {
		t.Fatal("response signature was not verified")
	}
	out := r.Synapse.(*Dummy)
	if out.DummyOutput == nil || *out.DummyOutput != 42 || out.DummyInput != 21 {
		t.Fatalf("response synapse %+v", out)
	}
	if !out.IsSuccess() || out.Dendrite.StatusCode != 200 || out.Dendrite.ProcessTime <= 0 || r.Latency <= 0 {
		t.Fatalf("dendrite terminal %+v, latency %v", out.Dendrite, r.Latency)
	}
	if out.Axon.Hotkey != mustKey(t, "//Alice").SS58() || out.Axon.UUID != a.UUID() || out.Axon.Signature == "" {
		t.Fatalf("axon terminal %+v", out.Axon)
	}
	// The axon saw Bob's verified identity.
	if seen == nil || seen.Dendrite.Hotkey != bob.SS58() || seen.Dendrite.UUID != d.UUID() || seen.Dendrite.IP != "127.0.0.1" {
		t.Fatalf("forward saw %+v", seen)
	}
	if in.DummyOutput != nil || in.Dendrite.Hotkey != "" {
		t.Fatal("Query modified the caller's synapse")
	}
	// The request signature is Bob's over the reference message.
	sig, err := synapse.ParseSignature(seen.Dendrite.Signature)
	if err != nil {
		t.Fatal(err)
	}
	msg := synapse.RequestMessage(&seen.Dendrite, a.Info().Hotkey.SS58(), seen.ComputedBodyHash)
	if !bob.Public().Verify([]byte(msg), sig) {
		t.Fatal("request signature does not verify")
	}
	// Nonces increase across calls, so repeated queries pass the replay check.
	for i := range 5 {
		if r := d.Call(context.Background(), a.Info(), &Dummy{DummyInput: i}, 5*time.Second); r.Err != nil {
			t.Fatalf("call %d: %v", i, r.Err)
		}
	}
}

func TestQueryManyAxonsKeepsOrder(t *testing.T) {
	var infos []axon.Info
	for i := range 8 {
		a := startAxon(t, "//Alice//"+strconv.Itoa(i), axon.DefaultConfig(), axon.Handler[*Dummy]{})
		infos = append(infos, a.Info())
	}
	// One axon that is not listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dead := axon.Info{IP: netip.MustParseAddr("127.0.0.1"), Port: uint16(deadPort), Hotkey: mustKey(t, "//Dave").Public()}
	infos = append(infos, dead)

	d := newDendrite(t, "//Bob")
	rs := d.Query(context.Background(), infos, &Dummy{DummyInput: 4}, 5*time.Second)
	if len(rs) != len(infos) {
		t.Fatalf("%d responses for %d axons", len(rs), len(infos))
	}
	for i, r := range rs[:8] {
		if r.Err != nil || r.Axon.Hotkey != infos[i].Hotkey || *r.Synapse.(*Dummy).DummyOutput != 8 {
			t.Fatalf("response %d: %+v", i, r)
		}
	}
	last := rs[8]
	want := "Service unavailable at 127.0.0.1:" + strconv.Itoa(deadPort) + "/Dummy"
	if !errors.Is(last.Err, dendrite.ErrUnavailable) || last.StatusCode != 503 || last.Message != want {
		t.Fatalf("dead axon: %d %q %v", last.StatusCode, last.Message, last.Err)
	}
	if s := last.Synapse.(*Dummy); s.Dendrite.StatusCode != 503 || !s.IsFailure() {
		t.Fatalf("dead axon synapse terminal %+v", s.Dendrite)
	}
}

func TestRefusalsAndTimeouts(t *testing.T) {
	alice := mustKey(t, "//Alice")
	cfg := axon.DefaultConfig()
	cfg.Registry = axon.StaticRegistry{alice.Public(): 1} // Bob is not registered
	refusing := startAxon(t, "//Alice", cfg, axon.Handler[*Dummy]{})
	slow := startAxon(t, "//Alice", axon.DefaultConfig(), axon.Handler[*Dummy]{Forward: func(ctx context.Context, s *Dummy) error {
		select {
		case <-ctx.Done():
		case <-time.After(3 * time.Second):
		}
		return nil
	}})
	d := newDendrite(t, "//Bob")

	r := d.Call(context.Background(), refusing.Info(), &Dummy{}, 5*time.Second)
	if !errors.Is(r.Err, dendrite.ErrStatus) || r.StatusCode != 403 || r.Message != "Forbidden. Key is blacklisted: Unrecognized hotkey." {
		t.Fatalf("blacklisted: %d %q %v", r.StatusCode, r.Message, r.Err)
	}
	if s := r.Synapse.(*Dummy); !s.IsBlacklist() || s.Axon.StatusCode != 403 || !r.AxonSigned {
		t.Fatalf("blacklisted synapse %+v signed=%v", s.Base, r.AxonSigned)
	}

	// A server that never answers: the client's own timeout gives 408.
	hang := fakeAxon(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	r = d.Call(context.Background(), hang, &Dummy{}, 200*time.Millisecond)
	if !errors.Is(r.Err, dendrite.ErrTimeout) || r.StatusCode != 408 || r.Message != "Request timeout after 0.2 seconds" {
		t.Fatalf("timeout: %d %q %v", r.StatusCode, r.Message, r.Err)
	}
	if !r.Synapse.(*Dummy).IsTimeout() {
		t.Fatal("synapse not marked as timed out")
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r = d.Call(ctx, slow.Info(), &Dummy{}, time.Second)
	if !errors.Is(r.Err, dendrite.ErrCanceled) {
		t.Fatalf("canceled: %d %q %v", r.StatusCode, r.Message, r.Err)
	}

	// Querying with the wrong axon hotkey: the axon refuses the signature.
	info := refusing.Info()
	info.Hotkey = mustKey(t, "//Eve").Public()
	cfg2 := axon.DefaultConfig()
	open := startAxon(t, "//Alice", cfg2, axon.Handler[*Dummy]{})
	info.Port = open.Info().Port
	r = d.Call(context.Background(), info, &Dummy{}, 5*time.Second)
	// The axon refuses Bob's signature (made for Eve) with a 401 signed by
	// Alice, which the dendrite, expecting Eve, refuses in turn.
	if r.StatusCode != 401 || !errors.Is(r.Err, dendrite.ErrAxonSignature) || r.AxonSigned {
		t.Fatalf("wrong hotkey: %d %q %v", r.StatusCode, r.Message, r.Err)
	}
}

// fakeAxon serves fixed responses to test response handling.
func fakeAxon(t *testing.T, h http.HandlerFunc) axon.Info {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return axon.Info{IP: netip.MustParseAddr("127.0.0.1"), Port: uint16(ln.Addr().(*net.TCPAddr).Port), Hotkey: mustKey(t, "//Alice").Public()}
}

func TestResponseHandling(t *testing.T) {
	alice, eve := mustKey(t, "//Alice"), mustKey(t, "//Eve")
	signWith := func(k *keys.Keypair, status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			s := &Dummy{}
			if err := synapse.FromHeaders(r.Header, s); err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			out := 7
			s.DummyOutput = &out
			s.Axon.StatusCode, s.Axon.StatusMessage = status, "Success"
			s.Axon.Nonce, s.Axon.UUID, s.Axon.Hotkey = time.Now().UnixNano(), "axon-uuid", alice.SS58()
			sig, _ := k.Sign([]byte(synapse.ResponseMessage(&s.Axon, s.Dendrite.Hotkey)))
			s.Axon.Signature = synapse.FormatSignature(sig)
			h, _ := synapse.ToHeaders(s)
			body, _ := synapse.Marshal(s)
			for k, v := range h {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write(body)
		}
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		require bool
		code    int
		err     error
		message string
		signed  bool
	}{
		{"signed by the axon", signWith(alice, 200), false, 200, nil, "Success", true},
		{"signed by someone else", signWith(eve, 200), false, 401, dendrite.ErrAxonSignature, "Axon signature mismatch", false},
		{"unsigned, as Python axons answer", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"name": "Dummy", "timeout": 12.0, "dummy_input": 1, "dummy_output": 2, "axon": {"status_code": 200, "status_message": "Success"}, "dendrite": {}}`))
		}, false, 200, nil, "Success", false},
		{"unsigned but required", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"dummy_output": 2, "axon": {"status_code": 200}}`))
		}, true, 401, dendrite.ErrAxonSignature, "Missing axon signature", false},
		{"200 with junk", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }, false, 422, dendrite.ErrBadResponse, "", false},
		{"error with message", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(409)
			w.Write([]byte(`{"message":"Conflicting request"}`))
		}, false, 409, dendrite.ErrStatus, "Conflicting request", false},
		{"error without json", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(502) }, false, 502, dendrite.ErrStatus, "Bad Gateway", false},
		{"malformed response header", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["bt_header_axon_nonce"] = []string{"soon"}
			w.Write([]byte(`{}`))
		}, false, 422, dendrite.ErrBadResponse, "", false},
		{"dropped connection", func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}, false, 503, dendrite.ErrUnavailable, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := dendrite.DefaultConfig()
			cfg.Logger = quiet()
			cfg.RequireAxonSignature = tt.require
			d, err := dendrite.New(mustKey(t, "//Bob"), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			r := d.Call(context.Background(), fakeAxon(t, tt.handler), &Dummy{DummyInput: 1}, 2*time.Second)
			if r.StatusCode != tt.code || !errors.Is(r.Err, tt.err) && tt.err != nil || (tt.err == nil && r.Err != nil) {
				t.Fatalf("got %d %q %v, want %d %v", r.StatusCode, r.Message, r.Err, tt.code, tt.err)
			}
			if tt.message != "" && r.Message != tt.message {
				t.Fatalf("message %q, want %q", r.Message, tt.message)
			}
			if r.AxonSigned != tt.signed {
				t.Fatalf("AxonSigned = %v, want %v", r.AxonSigned, tt.signed)
			}
			if r.Synapse.SynapseBase().Dendrite.StatusCode != tt.code {
				t.Fatalf("synapse dendrite status %d, want %d", r.Synapse.SynapseBase().Dendrite.StatusCode, tt.code)
			}
			if tt.code == 200 && *r.Synapse.(*Dummy).DummyOutput == 0 {
				t.Fatal("output not decoded")
			}
		})
	}
}

func TestInvalidInputs(t *testing.T) {
	if _, err := dendrite.New(nil, dendrite.DefaultConfig()); !errors.Is(err, dendrite.ErrInvalidConfig) {
		t.Fatalf("nil key: %v", err)
	}
	bad := dendrite.DefaultConfig()
	bad.MaxConcurrency = 0
	if _, err := dendrite.New(mustKey(t, "//Bob"), bad); !errors.Is(err, dendrite.ErrInvalidConfig) {
		t.Fatalf("bad config: %v", err)
	}
	d := newDendrite(t, "//Bob")
	if rs := d.Query(context.Background(), nil, &Dummy{}, time.Second); len(rs) != 0 {
		t.Fatal("responses for no axons")
	}
	type Bad struct {
		synapse.Base
		C chan int `json:"c" bt:"required"`
	}
	r := d.Call(context.Background(), axon.Info{IP: netip.MustParseAddr("127.0.0.1"), Port: 1}, &Bad{}, time.Second)
	if !errors.Is(r.Err, dendrite.ErrInvalidSynapse) {
		t.Fatalf("bad synapse: %v", r.Err)
	}
	r = d.Call(context.Background(), axon.Info{}, &Dummy{}, time.Second)
	if !errors.Is(r.Err, dendrite.ErrUnavailable) || r.StatusCode != 503 {
		t.Fatalf("axon without address: %d %v", r.StatusCode, r.Err)
	}
}

// TestConnectionReuseAndConcurrencyBound: sequential calls share one
// connection, and Query keeps at most MaxConcurrency requests in flight.
func TestConnectionReuseAndConcurrencyBound(t *testing.T) {
	var conns, inFlight, peak atomic.Int64
	handler := func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"dummy_output": 1, "axon": {"status_code": 200}}`))
	}
	var infos []axon.Info
	for range 6 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(handler), ReadHeaderTimeout: time.Second,
			ConnState: func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}}
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		infos = append(infos, axon.Info{IP: netip.MustParseAddr("127.0.0.1"), Port: uint16(ln.Addr().(*net.TCPAddr).Port), Hotkey: mustKey(t, "//Alice").Public()})
	}
	cfg := dendrite.DefaultConfig()
	cfg.Logger = quiet()
	cfg.MaxConcurrency = 2
	d, err := dendrite.New(mustKey(t, "//Bob"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for range 5 {
		if r := d.Call(context.Background(), infos[0], &Dummy{}, 2*time.Second); r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("5 sequential calls opened %d connections, want 1", n)
	}
	for _, r := range d.Query(context.Background(), infos, &Dummy{}, 2*time.Second) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if p := peak.Load(); p > 2 || p < 1 {
		t.Fatalf("peak concurrency %d, want at most 2 (MaxConcurrency)", p)
	}
}
