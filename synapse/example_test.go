package synapse_test

import (
	"fmt"
	"net/http"

	"github.com/taonet/taonet/synapse"
)

// Double is a synapse: the dendrite fills Input, the axon fills Output.
type Double struct {
	synapse.Base
	Input  int  `json:"input" bt:"required"`
	Output *int `json:"output"`
}

// RequiredHashFields makes the body hash cover Input.
func (*Double) RequiredHashFields() []string { return []string{"input"} }

// raw reads a header by its exact lowercase name: ToHeaders stores the
// reference's names without canonicalising them.
func raw(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func Example() {
	s := &Double{Input: 21}
	s.Timeout = synapse.DefaultTimeout

	h, err := synapse.ToHeaders(s)
	if err != nil {
		panic(err)
	}
	fmt.Println(raw(h, "name"), raw(h, "timeout"), raw(h, "bt_header_input_obj_input"))
	fmt.Println(raw(h, "computed_body_hash") == synapse.Sha3Hex(synapse.Sha3Hex("21")))

	body, _ := synapse.Marshal(s)
	got := synapse.New(&Double{}).(*Double)
	if err := synapse.Unmarshal(body, got); err != nil {
		panic(err)
	}
	fmt.Println(got.Name, got.Input, got.Output == nil)
	// Output:
	// Double 12.0 MA==
	// true
	// Double 21 true
}

func ExamplePyStr() {
	for _, v := range []any{[]string{"it's", "a"}, 1e-05, true, map[string]int{"b": 1, "a": 2}, (*int)(nil)} {
		s, _ := synapse.PyStr(v)
		fmt.Println(s)
	}
	// Output:
	// ["it's", 'a']
	// 1e-05
	// True
	// {'a': 2, 'b': 1}
	// None
}
