package axon_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/synapse"
)

// TestReferenceDendriteShapedRequest sends the axon a request built by the
// reference's own Synapse code exactly as its dendrite builds one (headers
// from to_headers, body json.dumps(model_dump())), signed in Go over the
// message the reference computes, then runs the reference dendrite's
// process_server_response over the answer. It needs the reference's
// bittensor/core/synapse.py in TAONET_BITTENSOR_SYNAPSE_PY and python3 with
// pydantic; it is skipped otherwise.
func TestReferenceDendriteShapedRequest(t *testing.T) {
	path := os.Getenv("TAONET_BITTENSOR_SYNAPSE_PY")
	if path == "" {
		t.Skip("set TAONET_BITTENSOR_SYNAPSE_PY to bittensor/core/synapse.py to run against the reference")
	}
	if err := exec.Command("python3", "-c", "import pydantic").Run(); err != nil {
		t.Skip("python3 with pydantic not available")
	}
	py := func(mode string, in any) map[string]any {
		t.Helper()
		data, _ := json.Marshal(in)
		cmd := exec.Command("python3", "../synapse/testdata/interop.py", path, mode)
		cmd.Stdin = bytes.NewReader(data)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("interop.py %s: %v\n%s", mode, err, stderr.String())
		}
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}

	a, base := startAxon(t, testConfig(), axon.Handler[*Dummy]{})
	bob := mustKey(t, "//Bob")
	args := map[string]any{
		"nonce": time.Now().UnixNano(), "uuid": synapse.NewTerminalUUID(), "hotkey": bob.SS58(),
		"axon_hotkey": a.Info().Hotkey.SS58(), "axon_port": int(a.Info().Port),
	}
	msg := py("request", args)["message"].(string)
	sig, err := bob.Sign([]byte(msg))
	if err != nil {
		t.Fatal(err)
	}
	args["signature"] = synapse.FormatSignature(sig)
	built := py("request", args)

	req, err := http.NewRequest(http.MethodPost, base+"/Dummy", strings.NewReader(built["body"].(string)))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range built["headers"].(map[string]any) {
		req.Header[k] = []string{v.(string)}
	}
	req.Header["Content-Type"] = []string{"application/json"}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("axon answered %d: %s", resp.StatusCode, body)
	}
	headers := map[string]string{}
	for k, v := range resp.Header {
		// aiohttp hands the reference the names as sent: lowercase.
		headers[strings.ToLower(k)] = v[0]
	}
	got := py("response", map[string]any{"status": resp.StatusCode, "headers": headers, "body": string(body)})
	if got["dummy_output"] != float64(42) || got["status_code"] != float64(200) || got["status_message"] != "Success" || got["is_success"] != true {
		t.Fatalf("reference dendrite saw %v", got)
	}
	ax := got["axon"].(map[string]any)
	if ax["hotkey"] != a.Info().Hotkey.SS58() || ax["uuid"] != a.UUID() || !strings.HasPrefix(ax["signature"].(string), "0x") {
		t.Fatalf("reference dendrite's axon terminal %v", ax)
	}
}
