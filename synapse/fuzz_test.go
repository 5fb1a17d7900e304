package synapse_test

import (
	"math"
	"net/http"
	"reflect"
	"testing"

	"github.com/taonet/taonet/synapse"
)

func FuzzFromHeaders(f *testing.F) {
	f.Add("12.0", "1700000000000000000", "8091", "MA==", "Success", "0.5")
	f.Add("x", "-1", "", "!!", "", "nan")
	f.Add(" 1e3 ", "12.0", "0", "e30=", "\x00", "inf")
	f.Fuzz(func(t *testing.T, timeout, nonce, port, input, msg, ptime string) {
		h := http.Header{
			"Timeout":                         {timeout},
			"bt_header_dendrite_nonce":        {nonce},
			"Bt_header_axon_port":             {port},
			"bt_header_input_obj_dummy_input": {input},
			"bt_header_axon_status_message":   {msg},
			"bt_header_axon_process_time":     {ptime},
		}
		s := &Dummy{}
		if err := synapse.FromHeaders(h, s); err != nil {
			return
		}
		if math.IsNaN(s.Timeout) || math.IsNaN(s.Axon.ProcessTime) {
			return
		}
		out, err := synapse.ToHeaders(s)
		if err != nil {
			t.Fatalf("ToHeaders after FromHeaders: %v", err)
		}
		back := &Dummy{}
		if err := synapse.FromHeaders(out, back); err != nil {
			t.Fatalf("FromHeaders(ToHeaders(s)): %v (headers %v)", err, out)
		}
		if back.Axon != s.Axon || back.Dendrite != s.Dendrite || back.Timeout != s.Timeout {
			t.Fatalf("round trip changed the synapse: %+v -> %+v", s.Base, back.Base)
		}
	})
}

func FuzzUnmarshal(f *testing.F) {
	f.Add([]byte(`{"name":"Dummy","timeout":12.0,"dendrite":{"nonce":"5","port":80.0},"dummy_input":3}`))
	f.Add([]byte(`{"axon":null,"dummy_output":null}`))
	f.Add([]byte(`{"dendrite":{"status_code":1e400}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := synapse.New(&Dummy{}).(*Dummy)
		if err := synapse.Unmarshal(data, s); err != nil {
			return
		}
		if math.IsNaN(s.Axon.ProcessTime) || math.IsInf(s.Axon.ProcessTime, 0) ||
			math.IsNaN(s.Dendrite.ProcessTime) || math.IsInf(s.Dendrite.ProcessTime, 0) {
			return
		}
		b, err := synapse.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal after Unmarshal: %v", err)
		}
		back := synapse.New(&Dummy{}).(*Dummy)
		if err := synapse.Unmarshal(b, back); err != nil {
			t.Fatalf("Unmarshal(Marshal(s)): %v\n%s", err, b)
		}
		if !reflect.DeepEqual(s, back) {
			t.Fatalf("round trip changed the synapse:\n%+v\n%+v", s, back)
		}
		if _, err := synapse.BodyHash(s); err != nil {
			t.Fatalf("BodyHash: %v", err)
		}
	})
}
