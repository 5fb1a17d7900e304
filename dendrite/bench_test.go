package dendrite_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/synapse"
)

// fanOut is the number of axons one query reaches: a full subnet.
const fanOut = 256

// BenchmarkFanOut256 queries 256 in-process axons (each its own server on
// 127.0.0.1 with its own hotkey) with one signed Dummy per axon per
// iteration. Every request costs one sr25519 signature and one verification
// on each side, all on the same cores.
func BenchmarkFanOut256(b *testing.B) {
	infos := make([]axon.Info, fanOut)
	for i := range infos {
		cfg := axon.DefaultConfig()
		a := startAxon(b, "//Alice//"+strconv.Itoa(i), cfg, axon.Handler[*Dummy]{})
		infos[i] = a.Info()
	}
	d := newDendrite(b, "//Bob")
	// Warm the connection pool once, outside the measurement.
	for _, r := range d.Query(context.Background(), infos, &Dummy{DummyInput: 1}, 30*time.Second) {
		if r.Err != nil {
			b.Fatal(r.Err)
		}
	}
	var slowest time.Duration
	cpu0 := cpuTime()
	for b.Loop() {
		rs := d.Query(context.Background(), infos, &Dummy{DummyInput: 2}, 30*time.Second)
		for _, r := range rs {
			if r.Err != nil {
				b.Fatalf("%s: %v", r.Axon.HostPort(), r.Err)
			}
			slowest = max(slowest, r.Latency)
		}
	}
	b.ReportMetric(float64(fanOut*b.N)/b.Elapsed().Seconds(), "axons/s")
	b.ReportMetric(float64(slowest.Milliseconds()), "max-latency-ms")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(fanOut*b.N), "cpu-µs/axon")
}

// cpuTime returns the user+system CPU time this process has used (both
// sides of every request: the axons run in this process).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFanOut256Plain is the same fan-out without signatures, nonces
// or response checks: 256 plain net/http servers doing the same synapse
// work (parse headers and body, hash, forward, encode) and a client doing
// the dendrite's encoding and decoding over one tuned http.Transport.
func BenchmarkFanOut256Plain(b *testing.B) {
	urls := make([]string, fanOut)
	for i := range urls {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(plainAxon), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		b.Cleanup(func() { srv.Close() })
		urls[i] = "http://" + ln.Addr().String() + "/Dummy"
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 4, MaxIdleConns: 1024, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	query := func() error {
		errs := make(chan error, fanOut)
		for _, u := range urls {
			go func() {
				s := &Dummy{DummyInput: 2}
				s.Timeout = 30
				body, _ := synapse.Marshal(s)
				h, _ := synapse.ToHeaders(s)
				req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
				req.Header = h
				resp, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				out := synapse.New(s)
				if err == nil {
					err = synapse.Unmarshal(data, out)
				}
				if err == nil {
					err = synapse.FromHeaders(resp.Header, &synapse.Ping{})
				}
				errs <- err
			}()
		}
		var first error
		for range fanOut {
			if err := <-errs; err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if err := query(); err != nil {
		b.Fatal(err)
	}
	cpu0 := cpuTime()
	for b.Loop() {
		if err := query(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(fanOut*b.N)/b.Elapsed().Seconds(), "axons/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(fanOut*b.N), "cpu-µs/axon")
}

// plainAxon answers a Dummy without any signature work.
func plainAxon(w http.ResponseWriter, r *http.Request) {
	hdr := &Dummy{}
	if err := synapse.FromHeaders(r.Header, hdr); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body, _ := io.ReadAll(r.Body)
	req := synapse.New(&Dummy{}).(*Dummy)
	if err := synapse.Unmarshal(body, req); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if h, _ := synapse.BodyHash(req); h != hdr.ComputedBodyHash {
		http.Error(w, "hash mismatch", http.StatusInternalServerError)
		return
	}
	_ = double(r.Context(), req)
	req.Axon.StatusCode, req.Axon.StatusMessage = 200, "Success"
	out, _ := synapse.Marshal(req)
	h, _ := synapse.ToHeaders(req)
	for k, v := range h {
		w.Header()[k] = v
	}
	w.Header()["Content-Type"] = []string{"application/json"}
	w.Write(out)
}
