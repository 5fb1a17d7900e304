package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
)

// TestSubmitBodyTooLarge: POST /v1/tx with a body over the limit answers
// 413 with a named error, not a JSON parse error.
func TestSubmitBodyTooLarge(t *testing.T) {
	f := subnetfix.New(t, 2, 1)
	srv := httptest.NewServer(api.New(subnetfix.Backend{C: f.C}, nil))
	defer srv.Close()
	body := `{"tx":"0x` + strings.Repeat("ab", api.MaxSubmitBodyBytes) + `"}`
	resp, err := http.Post(srv.URL+"/v1/tx", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eb api.ErrorBody
	if err := json.NewDecoder(resp.Body).Decode(&eb); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge || eb.Error.Code != api.CodeBodyTooLarge {
		t.Fatalf("status %d, error %+v; want 413 %s", resp.StatusCode, eb.Error, api.CodeBodyTooLarge)
	}
	// A malformed small body is still a 400.
	resp2, err := http.Post(srv.URL+"/v1/tx", "application/json", strings.NewReader("{"))
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusBadRequest {
		t.Fatalf("malformed body: %d, want 400", resp2.StatusCode)
	}
}
