package api_test

import (
	"encoding/json"
	"fmt"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taonet/taonet/api"
)

// benchGet fetches path once per op and decodes it into a fresh out.
func benchGet[T any](b *testing.B, srv *httptest.Server, path string) {
	b.Helper()
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		// As package client reads a response: whole body, then decode.
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		var out T
		if err := json.Unmarshal(body, &out); err != nil {
			b.Fatal(err)
		}
		size = int64(len(body))
	}
	b.ReportMetric(float64(size), "bytes/resp")
}

// BenchmarkMetagraphHTTP is one full GET + decode of a 256-UID metagraph
// over local HTTP (goal: under 50 ms), with the first 64 UIDs (validators)
// or all 256 setting full weight rows and holding bonds; Status is the
// baseline of the same run.
func BenchmarkMetagraphHTTP(b *testing.B) {
	for _, validators := range []int{64, 256} {
		f := subnetfix.New(b, 256, validators)
		srv := httptest.NewServer(api.New(subnetfix.Backend{C: f.C}, nil))
		b.Run(fmt.Sprintf("full/validators=%d", validators), func(b *testing.B) {
			benchGet[api.Metagraph](b, srv, "/v1/subnets/1/metagraph")
		})
		b.Run(fmt.Sprintf("lite/validators=%d", validators), func(b *testing.B) {
			benchGet[api.Metagraph](b, srv, "/v1/subnets/1/metagraph?lite=true")
		})
		if validators == 64 {
			b.Run("baseline/status", func(b *testing.B) { benchGet[api.Status](b, srv, "/v1/status") })
		}
		srv.Close()
	}
}
