package synapse_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/taonet/taonet/synapse"
)

// moreVectors are the testdata/pystr.json entries generated from pydantic
// models by gen_vectors.py (input_obj headers of a whole synapse and the
// dendrite's signed message).
type moreVectors struct {
	InputObjHeaders map[string]string `json:"input_obj_headers"`
	DendriteMessage struct {
		Nonce          int64  `json:"nonce"`
		DendriteHotkey string `json:"dendrite_hotkey"`
		AxonHotkey     string `json:"axon_hotkey"`
		UUID           string `json:"uuid"`
		BodyHash       string `json:"body_hash"`
		Message        string `json:"message"`
	} `json:"dendrite_message"`
	BodyHashes []struct {
		Name string `json:"name"`
		Hash string `json:"hash"`
	} `json:"body_hashes"`
}

func loadMore(t *testing.T) moreVectors {
	t.Helper()
	data, err := os.ReadFile("testdata/pystr.json")
	if err != nil {
		t.Fatal(err)
	}
	var v moreVectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Mixed is gen_vectors.py's Mixed model: required fields of every JSON kind
// and two optional ones (None, and one with a default).
type Mixed struct {
	synapse.Base
	Count int            `json:"count" bt:"required"`
	Score float64        `json:"score" bt:"required"`
	Text  string         `json:"text" bt:"required"`
	Items []int          `json:"items" bt:"required"`
	Meta  map[string]int `json:"meta" bt:"required"`
	Flag  bool           `json:"flag" bt:"required"`
	Note  *string        `json:"note"`
	Extra int            `json:"extra"`
}

// TestInputObjHeadersOfASynapse: the whole set of bt_header_input_obj_*
// headers of a synapse equals what bittensor's to_headers sends for the
// same pydantic model (required, non-None fields only).
func TestInputObjHeadersOfASynapse(t *testing.T) {
	want := loadMore(t).InputObjHeaders
	if len(want) != 6 {
		t.Fatalf("testdata has %d input_obj headers", len(want))
	}
	h, err := synapse.ToHeaders(&Mixed{Count: 3, Score: 11, Text: "hi", Items: []int{1, 2}, Meta: map[string]int{"a": 1}, Flag: true, Extra: 5})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for k, v := range h {
		if strings.HasPrefix(k, "bt_header_input_obj_") {
			got[k] = v[0]
		}
	}
	if len(got) != len(want) {
		t.Fatalf("input_obj headers %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// Floaty and Deep are gen_vectors.py's models for integral floats and
// nested lists and dicts.
type Floaty struct {
	synapse.Base
	Score  float64   `json:"score"`
	Scores []float64 `json:"scores"`
}

func (*Floaty) RequiredHashFields() []string { return []string{"score", "scores"} }

type Deep struct {
	synapse.Base
	Grid    [][]int             `json:"grid"`
	Table   map[string][]int    `json:"table"`
	Records []map[string]string `json:"records"`
}

func (*Deep) RequiredHashFields() []string { return []string{"grid", "table", "records"} }

func TestBodyHashesOfFloatsAndNesting(t *testing.T) {
	want := map[string]string{}
	for _, h := range loadMore(t).BodyHashes {
		want[h.Name] = h.Hash
	}
	for name, s := range map[string]synapse.Synapse{
		"integral_floats":    &Floaty{Score: 11, Scores: []float64{1, 2.5, 100}},
		"nested_lists_dicts": &Deep{Grid: [][]int{{1, 2}, {3}, {}}, Table: map[string][]int{"b": {2, 3}, "a": {1}}, Records: []map[string]string{{"k": "v", "a": "b"}, {}}},
	} {
		got, err := synapse.BodyHash(s)
		if err != nil {
			t.Fatal(err)
		}
		if want[name] == "" || got != want[name] {
			t.Errorf("%s: BodyHash %s, Python %s", name, got, want[name])
		}
	}
}

// TestDendriteSignedMessage: the message a dendrite signs equals the
// reference's f"{nonce}.{dendrite.hotkey}.{axon.hotkey}.{uuid}.{body_hash}",
// with the body hash computed from the synapse as Python does.
func TestDendriteSignedMessage(t *testing.T) {
	v := loadMore(t).DendriteMessage
	hash, err := synapse.BodyHash(&Floaty{Score: 11, Scores: []float64{1, 2.5, 100}})
	if err != nil {
		t.Fatal(err)
	}
	if hash != v.BodyHash {
		t.Fatalf("body hash %s, Python %s", hash, v.BodyHash)
	}
	d := synapse.TerminalInfo{Nonce: v.Nonce, Hotkey: v.DendriteHotkey, UUID: v.UUID}
	if got := synapse.RequestMessage(&d, v.AxonHotkey, hash); got != v.Message {
		t.Fatalf("message %q, want %q", got, v.Message)
	}
}
