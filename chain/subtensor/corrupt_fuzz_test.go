package subtensor

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
)

// FuzzStateRecords feeds arbitrary bytes to every record decoder: each
// either decodes a value that re-encodes to exactly those bytes, or panics
// naming the record's key. Nothing reads as absent or half-decoded.
func FuzzStateRecords(f *testing.F) {
	e, id, v := weightsEnv(f)
	for _, k := range [][]byte{subnetStateKey(id), subnetParamsKey(id), networkParamsKey(), neuronKey(id, 1)} {
		f.Add(e.kv.Get(k))
	}
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3})
	pa := (&AxonInfo{Version: 1, Port: 8091, IPType: 4}).encode()
	pp := (&PrometheusInfo{Version: 1, Port: 9090, IPType: 4}).encode()
	f.Add(pa)
	f.Add(pp)
	f.Add(encodeRow([]Entry{{1, 2}, {3, 65535}}))
	type record struct {
		name string
		key  []byte
		// round trip decodes the value at key and returns its encoding.
		roundTrip func(kv store.KV) []byte
	}
	records := []record{
		{"subnet state", subnetStateKey(id), func(kv store.KV) []byte { st := State(kv, id); return st.encode() }},
		{"subnet params", subnetParamsKey(id), func(kv store.KV) []byte {
			q, _ := Params(kv, id)
			setParams(kv, id, &q)
			return kv.Get(subnetParamsKey(id))
		}},
		{"network params", networkParamsKey(), func(kv store.KV) []byte { np := Network(kv); return np.encode() }},
		{"neuron", neuronKey(id, 1), func(kv store.KV) []byte { n, _ := GetNeuron(kv, id, 1); return n.encode() }},
		{"axon", axonKey(id, v), func(kv store.KV) []byte { a := Axon(kv, id, v); return a.encode() }},
		{"prometheus", prometheusKey(id, v), func(kv store.KV) []byte { q := Prometheus(kv, id, v); return q.encode() }},
		{"weights", weightsKey(id, 1), func(kv store.KV) []byte { return encodeRow(Weights(kv, id, 1)) }},
		{"commits", commitsKey(id, v), func(kv store.KV) []byte {
			setCommits(kv, id, v, Commits(kv, id, v))
			return kv.Get(commitsKey(id, v))
		}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return // an empty value is a deletion in the store
		}
		for _, r := range records {
			kv := store.NewCache(storetest.NewModelKV())
			kv.Set(r.key, data)
			func() {
				defer func() {
					if x := recover(); x != nil {
						if msg := fmt.Sprint(x); !strings.Contains(msg, hex.EncodeToString(r.key)) {
							t.Fatalf("%s: panic %q does not name the key", r.name, msg)
						}
					}
				}()
				if got := r.roundTrip(kv); !bytes.Equal(got, data) {
					t.Fatalf("%s: %x decoded without a panic but re-encodes as %x", r.name, data, got)
				}
			}()
		}
	})
}
