package synapse_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/taonet/taonet/synapse"
)

type vectors struct {
	Cases []struct {
		Name string `json:"name"`
		Str  string `json:"str"`
		Sha3 string `json:"sha3"`
	} `json:"cases"`
	BodyHashes []struct {
		Name string `json:"name"`
		Hash string `json:"hash"`
	} `json:"body_hashes"`
	InputObjs map[string]string `json:"input_objs"`
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	data, err := os.ReadFile("testdata/pystr.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

type Inner struct {
	F    float64  `json:"f"`
	Tags []string `json:"tags"`
}

type Nested struct {
	A int    `json:"a"`
	B string `json:"b"`
	C []int  `json:"c"`
	D *int   `json:"d"`
	E Inner  `json:"e"`
}

type Holder struct {
	synapse.Base
	V     Nested   `json:"v"`
	Items []Nested `json:"items"`
	order []string
}

func (h *Holder) RequiredHashFields() []string { return h.order }

// runtimeSum adds at run time (constant arithmetic would be exact).
func runtimeSum(a, b float64) float64 { return a + b }

func seven() *int { n := 7; return &n }

var nested = Nested{A: 1, B: "x'y", C: []int{1, 2}, E: Inner{F: 1.5, Tags: []string{"p", "q"}}}

func holder(order ...string) *Holder {
	return &Holder{
		V:     nested,
		Items: []Nested{nested, {A: -3, B: "", C: []int{}, D: seven(), E: Inner{F: 1e-05, Tags: []string{}}}},
		order: order,
	}
}

// goValues holds, for each case of testdata/pystr.json, the Go value whose
// JSON form decodes into the Python value of the same name.
var goValues = map[string]any{
	"int_zero":         0,
	"int_neg":          int8(-5),
	"int_big":          uint64(1 << 62),
	"str_plain":        "abc",
	"str_empty":        "",
	"str_unicode":      "é☃😀",
	"list_str":         []string{"foobar"},
	"list_str_quotes":  []string{"it's", `say "hi"`, `both ' and "`, `back\slash`},
	"list_str_escapes": []string{"tab\tnl\nret\r", "\x00\x1f\x7f", "\u0085\u00a0\u00ad", "\u200b\u2028", "\U000e0001", "é☃😀", ""},
	"list_int":         []int{1, 2},
	"list_empty":       []int{},
	"list_list":        [][]int{{1, 2}, {3}, {}},
	"float_12":         12.0,
	"float_tenth":      0.1,
	"float_1e-05":      1e-05,
	"float_1e-04":      0.0001,
	"float_1e16":       1e16,
	"float_1e15":       1e15,
	"float_big":        123456789.123,
	"float_negzero":    math.Copysign(0, -1),
	"float_huge":       1.5e300,
	"float_tiny":       5e-324,
	"float_sum":        runtimeSum(0.1, 0.2),
	"float_neg":        -2.5e-07,
	"list_float":       [3]float64{1, 2.5, 1e22},
	"bool_true":        true,
	"bool_false":       false,
	"none":             (*int)(nil),
	"dict_sorted":      map[string]any{"c": "s", "b": []int{1}, "a": 2},
	"nested":           &nested,
	"nested_list":      holder().Items,
}

func TestPyStrMatchesPython(t *testing.T) {
	v := loadVectors(t)
	if len(v.Cases) != len(goValues) {
		t.Fatalf("testdata has %d cases, Go table %d", len(v.Cases), len(goValues))
	}
	for _, c := range v.Cases {
		t.Run(c.Name, func(t *testing.T) {
			gv, ok := goValues[c.Name]
			if !ok {
				t.Fatalf("no Go value for %s", c.Name)
			}
			got, err := synapse.PyStr(gv)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.Str {
				t.Fatalf("PyStr = %q, Python str() = %q", got, c.Str)
			}
			if h := synapse.Sha3Hex(got); h != c.Sha3 {
				t.Fatalf("Sha3Hex = %s, hashlib = %s", h, c.Sha3)
			}
		})
	}
}

// Hashed is the reference's HashedSynapse test class.
type Hashed struct {
	synapse.Base
	A int      `json:"a" bt:"required"`
	B int      `json:"b" bt:"required"`
	C *int     `json:"c"`
	D []string `json:"d"`
}

func (*Hashed) RequiredHashFields() []string { return []string{"a", "b", "d"} }

func TestBodyHashVectors(t *testing.T) {
	want := map[string]string{}
	for _, h := range loadVectors(t).BodyHashes {
		want[h.Name] = h.Hash
	}
	three := 3
	tests := []struct {
		name string
		syn  synapse.Synapse
	}{
		{"reference_abd", &Hashed{A: 1, B: 2, D: []string{"foobar"}}},
		{"reference_abd", &Hashed{A: 1, B: 2, C: &three, D: []string{"foobar"}}}, // c is not hashed
		{"empty", &synapse.Ping{}},
		{"empty", holder()},
		{"nested_v_items", holder("v", "items")},
		{"nested_items_v", holder("items", "v")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := synapse.BodyHash(tt.syn)
			if err != nil {
				t.Fatal(err)
			}
			if got != want[tt.name] {
				t.Fatalf("BodyHash = %s, want %s", got, want[tt.name])
			}
		})
	}
	if want["reference_abd"] != "ae06397d08f30f75c91395c59f05c62ac3b62b88250eb78b109213258e6ced0c" ||
		want["empty"] != synapse.EmptyBodyHash {
		t.Fatal("testdata disagrees with the reference's published hashes")
	}
	// Different hashed values give different hashes.
	a, _ := synapse.BodyHash(&Hashed{A: 1, B: 2, D: []string{"foobar"}})
	b, _ := synapse.BodyHash(&Hashed{A: 1, B: 2})
	if a == b {
		t.Fatal("changing a hashed field did not change the hash")
	}
}

type badHash struct{ synapse.Base }

func (*badHash) RequiredHashFields() []string { return []string{"nope"} }

type chanField struct {
	synapse.Base
	Ch chan int `json:"ch"`
}

func (*chanField) RequiredHashFields() []string { return []string{"ch"} }

func TestBodyHashErrors(t *testing.T) {
	if _, err := synapse.BodyHash(&badHash{}); !errors.Is(err, synapse.ErrUnknownHashField) {
		t.Fatalf("unknown field: err = %v", err)
	}
	if _, err := synapse.BodyHash(&chanField{}); !errors.Is(err, synapse.ErrUnsupportedType) {
		t.Fatalf("chan field: err = %v", err)
	}
	if _, err := synapse.PyStr([]byte("x")); !errors.Is(err, synapse.ErrUnsupportedType) {
		t.Fatalf("bytes: err = %v", err)
	}
	if _, err := synapse.PyStr(map[int]int{1: 1}); !errors.Is(err, synapse.ErrUnsupportedType) {
		t.Fatalf("int-keyed map: err = %v", err)
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{12, "12.0"}, {0, "0.0"}, {1e-05, "1e-05"}, {0.0001, "0.0001"}, {1e16, "1e+16"},
		{9999999999999998, "9999999999999998.0"}, {1.5e-10, "1.5e-10"}, {123.456, "123.456"},
		{-1e100, "-1e+100"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
		{0.5, "0.5"}, {100, "100.0"},
	}
	for _, tt := range tests {
		if got := synapse.FormatFloat(tt.in); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Dummy is the example synapse used across the tests.
type Dummy struct {
	synapse.Base
	DummyInput  int  `json:"dummy_input" bt:"required"`
	DummyOutput *int `json:"dummy_output"`
}

func (*Dummy) RequiredHashFields() []string { return []string{"dummy_input"} }

func TestToHeaders(t *testing.T) {
	d := &Dummy{DummyInput: 5}
	d.Timeout = 12
	d.Dendrite = synapse.TerminalInfo{IP: "1.2.3.4", Version: 10002000, Nonce: 1700000000000000000, UUID: "u", Hotkey: "hk", Signature: "0xab"}
	d.Axon = synapse.TerminalInfo{IP: "5.6.7.8", Port: 8091, Hotkey: "ak"}
	h, err := synapse.ToHeaders(d)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := synapse.BodyHash(d)
	want := map[string]string{
		"name":                            "Dummy",
		"timeout":                         "12.0",
		"bt_header_axon_ip":               "5.6.7.8",
		"bt_header_axon_port":             "8091",
		"bt_header_axon_hotkey":           "ak",
		"bt_header_dendrite_ip":           "1.2.3.4",
		"bt_header_dendrite_version":      "10002000",
		"bt_header_dendrite_nonce":        "1700000000000000000",
		"bt_header_dendrite_uuid":         "u",
		"bt_header_dendrite_hotkey":       "hk",
		"bt_header_dendrite_signature":    "0xab",
		"bt_header_input_obj_dummy_input": "MA==",
		"total_size":                      "0",
		"computed_body_hash":              hash,
	}
	for k, v := range want {
		got, ok := h[k]
		if !ok || len(got) != 1 || got[0] != v {
			t.Errorf("header %s = %v, want %q", k, got, v)
		}
	}
	if raw(h, "header_size") == "" {
		t.Error("header_size missing")
	}
	if len(h) != len(want)+1 {
		t.Errorf("got %d headers, want %d: %v", len(h), len(want)+1, h)
	}
	for k := range h {
		if k != strings.ToLower(k) {
			t.Errorf("header %q is not lowercase", k)
		}
	}
}

type allKinds struct {
	synapse.Base
	I  int            `json:"i" bt:"required"`
	F  float64        `json:"f" bt:"required"`
	S  string         `json:"s" bt:"required"`
	L  []int          `json:"l" bt:"required"`
	M  map[string]int `json:"m" bt:"required"`
	B  bool           `json:"b" bt:"required"`
	N  Nested         `json:"n" bt:"required"`
	P  *int           `json:"p" bt:"required"` // nil: no header, like None
	NR int            `json:"nr"`
}

func TestInputObjHeaders(t *testing.T) {
	v := loadVectors(t).InputObjs
	s := &allKinds{L: []int{1}, M: map[string]int{"a": 1}}
	h, err := synapse.ToHeaders(s)
	if err != nil {
		t.Fatal(err)
	}
	for field, kind := range map[string]string{"i": "int", "f": "float", "s": "str", "l": "list", "m": "dict", "b": "bool", "n": "dict"} {
		if got := h["bt_header_input_obj_"+field]; len(got) != 1 || got[0] != v[kind] {
			t.Errorf("input_obj %s = %v, want %s (Python %s)", field, got, v[kind], kind)
		}
	}
	for _, field := range []string{"p", "nr"} {
		if _, ok := h["bt_header_input_obj_"+field]; ok {
			t.Errorf("unexpected input_obj header for %s", field)
		}
	}
}

func TestFromHeadersReference(t *testing.T) {
	// The reference's test_from_headers, with a list field.
	type Test struct {
		synapse.Base
		Key1 []int `json:"key1" bt:"required"`
	}
	h := http.Header{
		"Bt_header_axon_nonce":         {"111"},
		"bt_header_dendrite_ip":        {"12.1.1.2"},
		"Bt_header_input_obj_key1":     {base64.StdEncoding.EncodeToString([]byte("[1, 2, 3, 4]"))},
		"Timeout":                      {"12"},
		"Name":                         {"Test"},
		"Header_size":                  {"111"},
		"Total_size":                   {"111"},
		"Computed_body_hash":           {"0xabcdef"},
		"Bt_header_axon_unknown_field": {"ignored"},
		"X-Other":                      {"ignored"},
	}
	s := &Test{}
	if err := synapse.FromHeaders(h, s); err != nil {
		t.Fatal(err)
	}
	want := &Test{Key1: []int{1, 2, 3, 4}}
	want.Name, want.Timeout, want.HeaderSize, want.TotalSize = "Test", 12, 111, 111
	want.ComputedBodyHash = "0xabcdef"
	want.Axon.Nonce = 111
	want.Dendrite.IP = "12.1.1.2"
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("FromHeaders = %+v, want %+v", s, want)
	}
}

func TestFromHeadersErrors(t *testing.T) {
	good := func() http.Header {
		return http.Header{"bt_header_input_obj_dummy_input": {"MA=="}, "timeout": {"12.0"}}
	}
	tests := []struct {
		name string
		edit func(http.Header)
	}{
		{"bad timeout", func(h http.Header) { h["timeout"] = []string{"soon"} }},
		{"bad nonce", func(h http.Header) { h["bt_header_dendrite_nonce"] = []string{"12x"} }},
		{"bad port", func(h http.Header) { h["bt_header_axon_port"] = []string{"http"} }},
		{"bad status", func(h http.Header) { h["bt_header_axon_status_code"] = []string{"2.5"} }},
		{"bad process time", func(h http.Header) { h["bt_header_axon_process_time"] = []string{"fast"} }},
		{"bad total size", func(h http.Header) { h["total_size"] = []string{"big"} }},
		{"bad header size", func(h http.Header) { h["header_size"] = []string{"-"} }},
		{"bad base64", func(h http.Header) { h["bt_header_input_obj_dummy_input"] = []string{"!!"} }},
		{"bad json", func(h http.Header) { h["bt_header_input_obj_dummy_input"] = []string{"e30="} }},
		{"missing required", func(h http.Header) { delete(h, "bt_header_input_obj_dummy_input") }},
	}
	if err := synapse.FromHeaders(good(), &Dummy{}); err != nil {
		t.Fatalf("good headers: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := good()
			tt.edit(h)
			if err := synapse.FromHeaders(h, &Dummy{}); !errors.Is(err, synapse.ErrMalformedHeader) {
				t.Fatalf("err = %v, want ErrMalformedHeader", err)
			}
		})
	}
}

func TestHeadersRoundTrip(t *testing.T) {
	d := &Dummy{DummyInput: 3}
	d.Timeout = 2.5
	d.TotalSize = 77
	d.Dendrite = synapse.TerminalInfo{IP: "1.2.3.4", Port: 1, Version: 10002000, Nonce: 42, UUID: "u", Hotkey: "hk", Signature: "0xab"}
	d.Axon = synapse.TerminalInfo{StatusCode: 200, StatusMessage: "Success", ProcessTime: 0.125, IP: "5.6.7.8", Port: 8091, Hotkey: "ak", Nonce: 9, UUID: "v", Version: 7}
	h, err := synapse.ToHeaders(d)
	if err != nil {
		t.Fatal(err)
	}
	got := &Dummy{}
	if err := synapse.FromHeaders(h, got); err != nil {
		t.Fatal(err)
	}
	if got.Dendrite != d.Dendrite || got.Axon != d.Axon || got.Timeout != d.Timeout || got.TotalSize != 77 || got.Name != "Dummy" {
		t.Fatalf("round trip: got %+v, want %+v", got.Base, d.Base)
	}
	if got.DummyInput != 0 {
		t.Fatalf("input obj carries an empty value, got %d", got.DummyInput)
	}
	hash, _ := synapse.BodyHash(d)
	if got.ComputedBodyHash != hash {
		t.Fatalf("computed_body_hash = %q, want %q", got.ComputedBodyHash, hash)
	}
}

func TestMarshalMatchesModelDump(t *testing.T) {
	out := 10
	d := &Dummy{DummyInput: 5, DummyOutput: &out}
	d.Timeout = 12
	d.Dendrite.Hotkey = "hk"
	b, err := synapse.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"name":"Dummy","timeout":12,"total_size":0,"header_size":0,` +
		`"dendrite":{"status_code":null,"status_message":null,"process_time":null,"ip":null,"port":null,"version":null,"nonce":null,"uuid":null,"hotkey":"hk","signature":null},` +
		`"axon":{"status_code":null,"status_message":null,"process_time":null,"ip":null,"port":null,"version":null,"nonce":null,"uuid":null,"hotkey":null,"signature":null},` +
		`"computed_body_hash":"","dummy_input":5,"dummy_output":10}`
	if string(b) != want {
		t.Fatalf("Marshal =\n%s\nwant\n%s", b, want)
	}
	// A pydantic-style body (floats as 12.0, strings for numbers in the
	// terminal, extra fields) decodes.
	py := `{"name": "Wrong", "timeout": 12.0, "total_size": 0, "header_size": 0, "extra": [1],
		"dendrite": {"status_code": "200", "process_time": 0.5, "port": 8091.0, "nonce": 1700000000000000001, "hotkey": "hk", "signature": null},
		"axon": null, "computed_body_hash": "", "dummy_input": 5, "dummy_output": null}`
	got := synapse.New(&Dummy{}).(*Dummy)
	if err := synapse.Unmarshal([]byte(py), got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "Dummy" || got.DummyInput != 5 || got.DummyOutput != nil || got.Dendrite.StatusCode != 200 ||
		got.Dendrite.Port != 8091 || got.Dendrite.Nonce != 1700000000000000001 || got.Dendrite.ProcessTime != 0.5 {
		t.Fatalf("Unmarshal = %+v", got)
	}
	for _, bad := range []string{`{"dummy_input": "x"}`, `{"dendrite": {"port": "http"}}`, `{"dendrite": {"hotkey": 5}}`, `[`} {
		if err := synapse.Unmarshal([]byte(bad), synapse.New(&Dummy{})); !errors.Is(err, synapse.ErrMalformedBody) {
			t.Errorf("Unmarshal(%s) err = %v, want ErrMalformedBody", bad, err)
		}
	}
}

func TestNameAndNew(t *testing.T) {
	if n := synapse.Name(&Dummy{}); n != "Dummy" {
		t.Fatalf("Name = %q", n)
	}
	if n := synapse.Name(&synapse.Ping{}); n != "Synapse" {
		t.Fatalf("ping Name = %q", n)
	}
	s := synapse.New(&Dummy{DummyInput: 9}).(*Dummy)
	if s.DummyInput != 0 || s.Timeout != synapse.DefaultTimeout || s.Name != "Dummy" {
		t.Fatalf("New = %+v", s)
	}
	if err := synapse.Check(nil); !errors.Is(err, synapse.ErrNotStructPointer) {
		t.Fatalf("Check(nil) = %v", err)
	}
	if err := synapse.Check(&badHash{}); !errors.Is(err, synapse.ErrUnknownHashField) {
		t.Fatalf("Check(badHash) = %v", err)
	}
}

func TestSignatureHelpers(t *testing.T) {
	d := &synapse.TerminalInfo{Nonce: 5, Hotkey: "D", UUID: "U"}
	if m := synapse.RequestMessage(d, "A", "H"); m != "5.D.A.U.H" {
		t.Fatalf("RequestMessage = %q", m)
	}
	a := &synapse.TerminalInfo{Nonce: 6, Hotkey: "A", UUID: "V"}
	if m := synapse.ResponseMessage(a, "D"); m != "6.D.A.V" {
		t.Fatalf("ResponseMessage = %q", m)
	}
	sig := make([]byte, 64)
	sig[0] = 0xab
	s := synapse.FormatSignature(sig)
	back, err := synapse.ParseSignature(s)
	if err != nil || !reflect.DeepEqual(back, sig) {
		t.Fatalf("ParseSignature(%q) = %x, %v", s, back, err)
	}
	for _, bad := range []string{"", "0x12", "0x" + strings.Repeat("zz", 64)} {
		if _, err := synapse.ParseSignature(bad); !errors.Is(err, synapse.ErrBadSignature) {
			t.Errorf("ParseSignature(%q) err = %v", bad, err)
		}
	}
	if synapse.VersionAsInt(9, 12, 2) != 9012002 || synapse.VersionAsInt(10, 1, 0) != 10001000 ||
		synapse.VersionAsInt(10, 2, 0) != synapse.ProtocolVersion {
		t.Fatal("VersionAsInt")
	}
	u1, u2 := synapse.NewTerminalUUID(), synapse.NewTerminalUUID()
	if len(u1) != 36 || u1 == u2 || u1[14] != '1' {
		t.Fatalf("NewTerminalUUID = %q, %q", u1, u2)
	}
	if u := synapse.NewRandomUUID(); len(u) != 36 || u[14] != '4' {
		t.Fatalf("NewRandomUUID = %q", u)
	}
}

func TestTerminalHelpers(t *testing.T) {
	// str() of a TerminalInfo as pydantic dumps it (a dict of all ten fields).
	ti := synapse.TerminalInfo{StatusCode: 200, StatusMessage: "it's", ProcessTime: 0.5, Port: 8091, Nonce: 17, UUID: "u"}
	got, err := synapse.PyStr(ti)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{'status_code': 200, 'status_message': "it's", 'process_time': 0.5, 'ip': None, 'port': 8091, 'version': None, 'nonce': 17, 'uuid': 'u', 'hotkey': None, 'signature': None}`
	if got != want {
		t.Fatalf("PyStr(TerminalInfo) =\n%s\nwant (Python)\n%s", got, want)
	}

	// Merge copies only set fields, like model_dump(exclude_none=True).
	dst := synapse.TerminalInfo{IP: "1.1.1.1", Port: 1, Hotkey: "keep"}
	dst.Merge(&synapse.TerminalInfo{IP: "2.2.2.2", StatusCode: 401, ProcessTime: 0.123456789012345})
	if dst != (synapse.TerminalInfo{IP: "2.2.2.2", Port: 1, Hotkey: "keep", StatusCode: 401, ProcessTime: 0.123456789012345}) {
		t.Fatalf("Merge = %+v", dst)
	}

	// Status helpers read the dendrite-side code.
	var b synapse.Base
	for code, want := range map[int][5]bool{
		200: {true, false, false, false, false},
		408: {false, true, true, false, false},
		403: {false, true, false, true, false},
		401: {false, true, false, false, true},
	} {
		b.Dendrite.StatusCode = code
		got := [5]bool{b.IsSuccess(), b.IsFailure(), b.IsTimeout(), b.IsBlacklist(), b.FailedVerification()}
		if got != want {
			t.Errorf("status %d: %v, want %v", code, got, want)
		}
	}

	// Clone copies the Base and shares the rest.
	d := &Dummy{DummyInput: 4}
	d.Axon.Port = 9
	c := synapse.Clone(d).(*Dummy)
	c.Axon.Port = 10
	c.DummyInput = 5
	if d.Axon.Port != 9 || d.DummyInput != 4 || c.Axon.Port != 10 {
		t.Fatalf("Clone shares the base: %+v / %+v", d, c)
	}
}

func TestSetHeadersKeepsOthers(t *testing.T) {
	h := http.Header{"X-Keep": {"1"}, "name": {"Old"}}
	if err := synapse.SetHeaders(h, &Dummy{DummyInput: 1}); err != nil {
		t.Fatal(err)
	}
	want, _ := synapse.ToHeaders(&Dummy{DummyInput: 1})
	if h.Get("X-Keep") != "1" || raw(h, "name") != "Dummy" || len(h) != len(want)+1 {
		t.Fatalf("SetHeaders = %v", h)
	}
	for k, v := range want {
		if raw(h, k) != v[0] {
			t.Errorf("%s = %q, ToHeaders gives %q", k, raw(h, k), v[0])
		}
	}
}

// anyHolder hashes an untyped field decoded from JSON.
type anyHolder struct {
	synapse.Base
	Extra any `json:"extra"`
}

func (*anyHolder) RequiredHashFields() []string { return []string{"extra"} }

func TestUntypedNumbersKeepIntFloat(t *testing.T) {
	s := synapse.New(&anyHolder{}).(*anyHolder)
	body := `{"extra": [1, 2.0, 1E-5, 0.10, {"a": 3, "b": [true, null]}, -0, 12345678901234567890]}`
	if err := synapse.Unmarshal([]byte(body), s); err != nil {
		t.Fatal(err)
	}
	got, err := synapse.PyStr(s.Extra)
	if err != nil {
		t.Fatal(err)
	}
	// str(json.loads(body)["extra"]) in CPython:
	const want = "[1, 2.0, 1e-05, 0.1, {'a': 3, 'b': [True, None]}, 0, 12345678901234567890]"
	if got != want {
		t.Fatalf("PyStr = %s, want %s", got, want)
	}
	if err := synapse.Unmarshal([]byte(`{"extra": 1} {}`), synapse.New(&anyHolder{})); !errors.Is(err, synapse.ErrMalformedBody) {
		t.Fatalf("trailing data: %v", err)
	}
}
