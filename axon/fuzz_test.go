package axon_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/synapse"
)

// FuzzServeHTTP feeds arbitrary headers and bodies to the axon's handler:
// it must never panic and must answer with one of the pipeline's codes.
func FuzzServeHTTP(f *testing.F) {
	bob := mustKey(f, "//Bob")
	good := call{signer: bob, input: 3}.request(f, "http://127.0.0.1")
	var body bytes.Buffer
	body.ReadFrom(good.Body)
	f.Add("/Dummy", good.Header.Get("bt_header_dendrite_nonce"), good.Header.Get("bt_header_dendrite_signature"),
		good.Header.Get("bt_header_dendrite_hotkey"), good.Header.Get("timeout"), good.Header.Get("computed_body_hash"),
		good.Header.Get("bt_header_input_obj_dummy_input"), body.Bytes())
	f.Add("/Synapse", "1", "0x", "", "nan", "", "", []byte("{}"))
	f.Add("/x", "-5", "zz", "5Grw", "-1", "x", "!!", []byte("[]"))

	cfg := testConfig()
	cfg.MaxBodyBytes = 1 << 12
	a, err := axon.New(mustKey(f, "//Alice"), cfg)
	if err != nil {
		f.Fatal(err)
	}
	if err := axon.Attach(a, axon.Handler[*Dummy]{Forward: double}); err != nil {
		f.Fatal(err)
	}
	allowed := map[int]bool{200: true, 401: true, 403: true, 404: true, 408: true, 413: true, 500: true, 503: true}
	f.Fuzz(func(t *testing.T, path, nonce, sig, hotkey, timeout, hash, input string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/", bytes.NewReader(body))
		req.URL.Path = path
		for k, v := range map[string]string{
			"bt_header_dendrite_nonce": nonce, "bt_header_dendrite_signature": sig,
			"bt_header_dendrite_hotkey": hotkey, "timeout": timeout, "computed_body_hash": hash,
			"bt_header_input_obj_dummy_input": input, "bt_header_dendrite_uuid": "fuzz",
		} {
			req.Header[k] = []string{v}
		}
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		if !allowed[rec.Code] {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if rec.Code != 200 {
			if s := (&synapse.Ping{}); synapse.FromHeaders(rec.Header(), s) != nil || s.Axon.StatusCode != rec.Code {
				t.Fatalf("error response headers do not carry status %d: %v", rec.Code, rec.Header())
			}
		}
	})
}
