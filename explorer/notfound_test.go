package explorer_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/explorer"
	"github.com/taonet/taonet/history"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
)

// fixtureServer serves the API and explorer over a subnetfix chain of n UIDs.
func fixtureServer(tb testing.TB, n, validators int) (*subnetfix.Fixture, *api.Server) {
	tb.Helper()
	f := subnetfix.New(tb, n, validators)
	be := subnetfix.Backend{C: f.C}
	srv := api.New(be, nil)
	ix, err := history.Open(filepath.Join(tb.TempDir(), "history"), be, history.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	explorer.New(srv, ix).Register(srv)
	return f, srv
}

// TestBadInput checks that unknown heights, hashes, addresses, netuids and
// UIDs give a readable 404 page and that search input is escaped.
func TestBadInput(t *testing.T) {
	f, srv := fixtureServer(t, 4, 1)
	zero := strings.Repeat("0", 64)
	for _, c := range []struct{ path, want string }{
		{"/blocks/999999", "block 999999"},
		{"/blocks/-1", "block -1"},
		{"/tx/" + zero, "transaction " + zero},
		{"/tx/xyz", "transaction xyz"},
		{"/accounts/5notanaddress", "account 5notanaddress"},
		{"/subnets/77", "subnet 77"},
		{"/subnets/abc", "subnet abc"},
		{"/subnets/1/neurons/999", "neuron 999@1"},
		{"/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/search?q=" + zero, zero},
		{"/search?q=5@77", "5@77"},
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		body := rec.Body.String()
		if c.path == "/search?q=5@77" {
			if rec.Code != http.StatusSeeOther {
				t.Errorf("%s: status %d, want a redirect to the neuron page", c.path, rec.Code)
			}
			continue
		}
		if rec.Code != http.StatusNotFound || !strings.Contains(body, "Not found") || !strings.Contains(body, c.want) {
			t.Errorf("%s: status %d, body lacks %q", c.path, rec.Code, c.want)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: unescaped script in page", c.path)
		}
	}
	for _, p := range []string{"/", "/subnets", "/subnets/1", "/subnets/1/neurons/0", "/validators", "/subnets/1/metagraph.csv", "/static/app.js",
		"/accounts/" + f.Alice.SS58()} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d: %.200s", p, rec.Code, rec.Body.String())
		}
	}
}
