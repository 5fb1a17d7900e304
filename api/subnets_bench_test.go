package api_test

import (
	"encoding/json"
	"fmt"
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
		var out T
		cr := &countReader{r: resp.Body}
		if err := json.NewDecoder(cr).Decode(&out); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", path, resp.StatusCode)
		}
		size = cr.n
	}
	b.ReportMetric(float64(size), "bytes/resp")
}

type countReader struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// BenchmarkMetagraphHTTP is one full GET + decode of a 256-UID metagraph
// over local HTTP (goal: under 50 ms), with the first 64 UIDs (validators)
// or all 256 setting full weight rows and holding bonds; Status is the
// baseline of the same run.
func BenchmarkMetagraphHTTP(b *testing.B) {
	for _, validators := range []int{64, 256} {
		f := newFixture(b, 256, validators)
		srv := httptest.NewServer(api.New(chainBackend{f.c}, nil))
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
