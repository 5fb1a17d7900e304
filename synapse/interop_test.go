package synapse_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"testing"

	"github.com/taonet/taonet/synapse"
)

// Point is a nested model.
type Point struct {
	X     int    `json:"x"`
	Label string `json:"label"`
}

// interopDummy mirrors the Dummy class of testdata/interop.py.
type interopDummy struct {
	synapse.Base
	DummyInput  int      `json:"dummy_input" bt:"required"`
	DummyOutput *int     `json:"dummy_output"`
	Words       []string `json:"words"`
	Point       *Point   `json:"point"`
	Ratio       float64  `json:"ratio"`
}

func (*interopDummy) SynapseName() string { return "Dummy" }
func (*interopDummy) RequiredHashFields() []string {
	return []string{"dummy_input", "words", "point", "ratio"}
}

// referenceSynapse returns the path of the reference's
// bittensor/core/synapse.py from TAONET_BITTENSOR_SYNAPSE_PY, skipping the
// test when it is unset or python3 with pydantic is missing.
func referenceSynapse(t *testing.T) string {
	path := os.Getenv("TAONET_BITTENSOR_SYNAPSE_PY")
	if path == "" {
		t.Skip("set TAONET_BITTENSOR_SYNAPSE_PY to bittensor/core/synapse.py to run against the reference")
	}
	if err := exec.Command("python3", "-c", "import pydantic").Run(); err != nil {
		t.Skip("python3 with pydantic not available")
	}
	return path
}

func runInterop(t *testing.T, path, mode string, stdin []byte) []byte {
	t.Helper()
	cmd := exec.Command("python3", "testdata/interop.py", path, mode)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("interop.py %s: %v\n%s", mode, err, stderr.String())
	}
	return out
}

func toHTTP(m map[string]string) http.Header {
	h := http.Header{}
	for k, v := range m {
		h[k] = []string{v}
	}
	return h
}

func flat(h http.Header) map[string]string {
	m := map[string]string{}
	for k, v := range h {
		if k != "header_size" && k != "total_size" {
			m[k] = v[0]
		}
	}
	return m
}

// TestReferenceMakesGoReads: what the reference's Synapse writes, Go reads,
// with the same body hash and the same headers when written back.
func TestReferenceMakesGoReads(t *testing.T) {
	path := referenceSynapse(t)
	var made struct {
		Headers  map[string]string `json:"headers"`
		Body     string            `json:"body"`
		BodyHash string            `json:"body_hash"`
	}
	if err := json.Unmarshal(runInterop(t, path, "make", nil), &made); err != nil {
		t.Fatal(err)
	}
	fromHeaders := &interopDummy{}
	if err := synapse.FromHeaders(toHTTP(made.Headers), fromHeaders); err != nil {
		t.Fatal(err)
	}
	if fromHeaders.Dendrite.Nonce != 1700000000000000000 || fromHeaders.Axon.ProcessTime != 0.25 || fromHeaders.Timeout != 3.5 {
		t.Fatalf("from headers: %+v", fromHeaders.Base)
	}
	s := synapse.New(&interopDummy{}).(*interopDummy)
	if err := synapse.Unmarshal([]byte(made.Body), s); err != nil {
		t.Fatal(err)
	}
	hash, err := synapse.BodyHash(s)
	if err != nil {
		t.Fatal(err)
	}
	if hash != made.BodyHash || hash != made.Headers["computed_body_hash"] {
		t.Fatalf("Go body hash %s, reference %s", hash, made.BodyHash)
	}
	h, err := synapse.ToHeaders(s)
	if err != nil {
		t.Fatal(err)
	}
	got, want := flat(h), flat(toHTTP(made.Headers))
	if len(got) != len(want) {
		t.Fatalf("Go headers %v\nreference %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("header %s: Go %q, reference %q", k, got[k], v)
		}
	}
}

// TestGoMakesReferenceReads: what Go writes, the reference's Synapse reads,
// with the same body hash and the same headers.
func TestGoMakesReferenceReads(t *testing.T) {
	path := referenceSynapse(t)
	out := 9
	s := &interopDummy{DummyInput: 7, DummyOutput: &out, Words: []string{"it's", `a "b"`, "é", "\x00"}, Point: &Point{X: -3, Label: "p'q"}, Ratio: 0.1}
	s.Timeout = 12
	s.Dendrite = synapse.TerminalInfo{IP: "1.2.3.4", Version: synapse.ProtocolVersion, Nonce: 1700000000000000001, UUID: "u", Hotkey: "hk", Signature: "0xab"}
	s.Axon = synapse.TerminalInfo{IP: "5.6.7.8", Port: 8091, Hotkey: "ak", StatusCode: 200, ProcessTime: 1e-05}
	h, err := synapse.ToHeaders(s)
	if err != nil {
		t.Fatal(err)
	}
	body, err := synapse.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(map[string]any{"headers": flat(h), "body": string(body)})
	var got struct {
		Dendrite    map[string]any    `json:"from_headers_dendrite"`
		Axon        map[string]any    `json:"from_headers_axon"`
		Timeout     float64           `json:"from_headers_timeout"`
		BodyHash    string            `json:"body_hash"`
		HeaderHash  string            `json:"header_hash"`
		DummyInput  int               `json:"dummy_input"`
		DummyOutput int               `json:"dummy_output"`
		RefHeaders  map[string]string `json:"ref_headers"`
	}
	if err := json.Unmarshal(runInterop(t, path, "check", in), &got); err != nil {
		t.Fatal(err)
	}
	if got.BodyHash != got.HeaderHash {
		t.Fatalf("reference body hash %s, Go header %s", got.BodyHash, got.HeaderHash)
	}
	if got.DummyInput != 7 || got.DummyOutput != 9 || got.Timeout != 12 {
		t.Fatalf("reference parsed %+v", got)
	}
	if got.Dendrite["nonce"] != float64(1700000000000000001) || got.Axon["process_time"] != 1e-05 || got.Axon["port"] != float64(8091) {
		t.Fatalf("reference terminals: %v / %v", got.Dendrite, got.Axon)
	}
	mine := flat(h)
	for k, v := range got.RefHeaders {
		if mine[k] != v {
			t.Errorf("header %s: Go %q, reference %q", k, mine[k], v)
		}
	}
	if len(got.RefHeaders) != len(mine) {
		t.Errorf("reference headers %v\nGo %v", got.RefHeaders, mine)
	}
}
