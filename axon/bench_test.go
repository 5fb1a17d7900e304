package axon_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// benchClients lists the numbers of concurrent client connections tried:
// one client shows the latency of a lone request, sixteen the throughput.
var benchClients = []int{1, 16}

// preparedRequest is a request body and headers built before the timer.
type preparedRequest struct {
	header http.Header
	body   []byte
}

// prepare builds n requests for client c, signed by signer (nil: unsigned)
// with increasing nonces under a per-client uuid.
func prepare(b *testing.B, signer *keys.Keypair, axonKey string, c, n int) []preparedRequest {
	out := make([]preparedRequest, n)
	uuid := fmt.Sprintf("00000000-0000-1000-8000-%012d", c)
	for i := range out {
		s := &Dummy{DummyInput: i}
		s.Timeout = 12
		s.Dendrite = synapse.TerminalInfo{IP: "127.0.0.1", Version: synapse.ProtocolVersion, Nonce: freshNonce(), UUID: uuid}
		s.Axon = synapse.TerminalInfo{IP: "127.0.0.1", Port: 1, Hotkey: axonKey}
		if signer != nil {
			s.Dendrite.Hotkey = signer.SS58()
			hash, _ := synapse.BodyHash(s)
			sig, err := signer.Sign([]byte(synapse.RequestMessage(&s.Dendrite, axonKey, hash)))
			if err != nil {
				b.Fatal(err)
			}
			s.Dendrite.Signature = synapse.FormatSignature(sig)
		}
		body, err := synapse.Marshal(s)
		if err != nil {
			b.Fatal(err)
		}
		h, err := synapse.ToHeaders(s)
		if err != nil {
			b.Fatal(err)
		}
		h["Content-Type"] = []string{"application/json"}
		out[i] = preparedRequest{header: h, body: body}
	}
	return out
}

// plainHandler does the axon's work without signatures, nonces, blacklist
// or worker pool: parse headers and body, check the body hash, forward,
// encode the response and its headers.
func plainHandler(w http.ResponseWriter, r *http.Request) {
	hdr := &Dummy{}
	if err := synapse.FromHeaders(r.Header, hdr); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
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

// runLoad sends b.N prepared requests over len(reqs) connections and
// reports throughput and latency percentiles.
func runLoad(b *testing.B, url string, reqs [][]preparedRequest) {
	clients := len(reqs)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failures atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range reqs[c] {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(p.body))
				req.Header = p.header
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if resp.StatusCode != 200 {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if f := failures.Load(); f > 0 {
		b.Fatalf("%d of %d requests failed", f, b.N)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	// CPU per request (server and client together, this process) does not
	// depend on what else runs on the machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/req")
}

// cpuTime returns the user+system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// split gives client c of clients its share of n requests.
func split(n, c, clients int) int { return n/clients + btoi(c < n%clients) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkAxonSigned measures signed Dummy requests against an axon on
// loopback: signature verification, nonce check, response signing. The
// requests are signed before the timer, so the client's signing is not
// counted; the client's HTTP work shares the same cores.
func BenchmarkAxonSigned(b *testing.B) {
	cfg := testConfig()
	cfg.MaxInFlight = 1 << 16
	a, base := startAxon(b, cfg, axon.Handler[*Dummy]{})
	bob := mustKey(b, "//Bob")
	for _, clients := range benchClients {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			reqs := make([][]preparedRequest, clients)
			for c := range reqs {
				reqs[c] = prepare(b, bob, a.Info().Hotkey.SS58(), c, split(b.N, c, clients))
			}
			runLoad(b, base+"/Dummy", reqs)
		})
	}
}

// BenchmarkPlainHTTP is the baseline: a net/http handler doing the same
// synapse work without any signature, on the same loopback setup.
func BenchmarkPlainHTTP(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(plainHandler), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	for _, clients := range benchClients {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			reqs := make([][]preparedRequest, clients)
			for c := range reqs {
				reqs[c] = prepare(b, nil, "", c, split(b.N, c, clients))
			}
			runLoad(b, "http://"+ln.Addr().String()+"/Dummy", reqs)
		})
	}
}
