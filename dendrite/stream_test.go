package dendrite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/synapse"
)

// Count is a streaming synapse: the axon streams 1 … N, one per line.
type Count struct {
	synapse.Base
	N int `json:"n" bt:"required"`
}

func (*Count) RequiredHashFields() []string { return []string{"n"} }

// startStreamAxon starts an axon on 127.0.0.1 signing as //Alice with a
// streaming Count route served by forward.
func startStreamAxon(t testing.TB, cfg axon.Config, forward func(context.Context, *Count, func([]byte) error) error) *axon.Axon {
	t.Helper()
	cfg.IP, cfg.Port, cfg.Logger = "127.0.0.1", 0, quiet()
	a, err := axon.New(mustKey(t, "//Alice"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := axon.AttachStream(a, axon.StreamHandler[*Count]{Forward: forward}); err != nil {
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

func countUp(_ context.Context, s *Count, send func([]byte) error) error {
	for i := 1; i <= s.N; i++ {
		if err := send([]byte(fmt.Sprintf("%d\n", i))); err != nil {
			return err
		}
	}
	return nil
}

func stream(t testing.TB, d *dendrite.Dendrite, a *axon.Axon, n int, onChunk func([]byte) error) (dendrite.Response, string) {
	t.Helper()
	var got bytes.Buffer
	s := synapse.New(&Count{}).(*Count)
	s.N = n
	r := d.Stream(context.Background(), a.Info(), s, 5*time.Second, func(c []byte) error {
		got.Write(c)
		if onChunk != nil {
			return onChunk(c)
		}
		return nil
	})
	return r, got.String()
}

func TestStreamEndToEnd(t *testing.T) {
	a := startStreamAxon(t, axon.DefaultConfig(), countUp)
	d := newDendrite(t, "//Bob")
	r, body := stream(t, d, a, 5, nil)
	if r.Err != nil || r.StatusCode != 200 || !r.AxonSigned {
		t.Fatalf("stream: %+v", r)
	}
	if body != "1\n2\n3\n4\n5\n" {
		t.Fatalf("body %q", body)
	}
	if r.FirstChunk <= 0 || r.FirstChunk > r.Latency {
		t.Fatalf("first chunk %v, latency %v", r.FirstChunk, r.Latency)
	}
	// An empty stream is a 200 with no body.
	if r, body := stream(t, d, a, 0, nil); r.Err != nil || body != "" || r.StatusCode != 200 {
		t.Fatalf("empty stream: %+v %q", r, body)
	}
}

// The stream's bad inputs: the client stops reading, an oversized chunk, a
// forward error mid-stream, a refusal before the stream. The axon stays up
// and serves the next client.
func TestStreamFaults(t *testing.T) {
	cfg := axon.DefaultConfig()
	cfg.MaxChunkBytes = 64
	a := startStreamAxon(t, cfg, func(ctx context.Context, s *Count, send func([]byte) error) error {
		switch s.N {
		case -1: // oversized first chunk: refused before the stream
			return send(bytes.Repeat([]byte("x"), 65))
		case -2: // oversized chunk mid-stream: cut
			if err := send([]byte("1\n")); err != nil {
				return err
			}
			return send(bytes.Repeat([]byte("x"), 65))
		case -3: // a forward error mid-stream: cut
			if err := send([]byte("1\n")); err != nil {
				return err
			}
			return errors.New("model crashed")
		case -4: // a chosen refusal before streaming
			return &axon.Error{Code: 409, Message: "Conflicting request"}
		case -5: // streams until the client goes away
			for i := 0; ; i++ {
				if err := send([]byte("tick\n")); err != nil {
					if !errors.Is(err, axon.ErrStreamClosed) {
						return fmt.Errorf("want ErrStreamClosed, got %w", err)
					}
					return err
				}
				if i > 10000 {
					return errors.New("the stream never saw the client leave")
				}
				time.Sleep(time.Millisecond)
			}
		}
		return countUp(ctx, s, send)
	})
	d := newDendrite(t, "//Bob")

	if r, _ := stream(t, d, a, -1, nil); r.StatusCode != 413 || !errors.Is(r.Err, dendrite.ErrStatus) {
		t.Errorf("oversized first chunk: %d %v", r.StatusCode, r.Err)
	}
	if r, body := stream(t, d, a, -2, nil); !errors.Is(r.Err, dendrite.ErrStreamCut) || body != "1\n" {
		t.Errorf("oversized chunk mid-stream: %v, body %q", r.Err, body)
	}
	if r, body := stream(t, d, a, -3, nil); !errors.Is(r.Err, dendrite.ErrStreamCut) || body != "1\n" {
		t.Errorf("forward error mid-stream: %v, body %q", r.Err, body)
	}
	if r, _ := stream(t, d, a, -4, nil); r.StatusCode != 409 || r.Message != "Conflicting request" {
		t.Errorf("refusal: %d %q", r.StatusCode, r.Message)
	}
	stop := errors.New("enough")
	if r, _ := stream(t, d, a, -5, func(c []byte) error { return stop }); !errors.Is(r.Err, stop) {
		t.Errorf("client stopping: %v", r.Err)
	}
	// Still serving.
	if r, body := stream(t, d, a, 3, nil); r.Err != nil || body != "1\n2\n3\n" {
		t.Fatalf("after the faults: %v %q", r.Err, body)
	}
}

// A client that stops reading while the axon writes large chunks is cut
// after ChunkWriteTimeout, and the axon serves the next client.
func TestStreamSlowClientIsCut(t *testing.T) {
	if testing.Short() {
		t.Skip("fills the loopback socket buffers")
	}
	cfg := axon.DefaultConfig()
	cfg.ChunkWriteTimeout = 100 * time.Millisecond
	cut := make(chan error, 1)
	a := startStreamAxon(t, cfg, func(ctx context.Context, s *Count, send func([]byte) error) error {
		if s.N != -1 {
			return countUp(ctx, s, send)
		}
		chunk := bytes.Repeat([]byte("y"), 512<<10)
		for i := 0; i < 400; i++ { // 200 MiB at most: far past any socket buffer
			if err := send(chunk); err != nil {
				cut <- err
				return err
			}
		}
		cut <- nil
		return nil
	})
	dcfg := dendrite.DefaultConfig()
	dcfg.Logger, dcfg.MaxResponseBytes = quiet(), 1<<30
	slow, err := dendrite.New(mustKey(t, "//Bob"), dcfg)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	go stream(t, slow, a, -1, func([]byte) error { time.Sleep(3 * time.Second); return errors.New("slow") })
	select {
	case err := <-cut:
		if !errors.Is(err, axon.ErrStreamClosed) {
			t.Fatalf("slow client: the axon's send returned %v, want ErrStreamClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the axon never cut the slow client")
	}
	if r, body := stream(t, newDendrite(t, "//Charlie"), a, 2, nil); r.Err != nil || !strings.HasPrefix(body, "1\n") {
		t.Fatalf("next client: %v %q", r.Err, body)
	}
}

// BenchmarkStreamFirstChunk measures the time to the first chunk of a
// streaming response (10 values, one per chunk, 1 ms apart after the
// first) against BenchmarkStreamUnaryBaseline, the round trip of a unary
// call of the same work answered at once, in the same run.
func BenchmarkStreamFirstChunk(b *testing.B) {
	a := startStreamAxon(b, axon.DefaultConfig(), func(ctx context.Context, s *Count, send func([]byte) error) error {
		for i := 1; i <= s.N; i++ {
			if err := send([]byte(fmt.Sprintf("%d\n", i))); err != nil {
				return err
			}
			time.Sleep(time.Millisecond)
		}
		return nil
	})
	d := newDendrite(b, "//Bob")
	var first, total time.Duration
	b.ResetTimer()
	for b.Loop() {
		r, _ := stream(b, d, a, 10, nil)
		if r.Err != nil {
			b.Fatal(r.Err)
		}
		first += r.FirstChunk
		total += r.Latency
	}
	b.ReportMetric(float64(first.Microseconds())/float64(b.N), "µs-to-first-chunk")
	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs-whole-stream")
}

// BenchmarkStreamUnaryBaseline is a unary call answered at once.
func BenchmarkStreamUnaryBaseline(b *testing.B) {
	a := startAxon(b, "//Alice", axon.DefaultConfig(), axon.Handler[*Dummy]{})
	d := newDendrite(b, "//Bob")
	s := synapse.New(&Dummy{}).(*Dummy)
	s.DummyInput = 3
	var total time.Duration
	b.ResetTimer()
	for b.Loop() {
		r := d.Call(context.Background(), a.Info(), s, 5*time.Second)
		if r.Err != nil {
			b.Fatal(r.Err)
		}
		total += r.Latency
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs-round-trip")
}
