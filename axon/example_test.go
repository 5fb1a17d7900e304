package axon_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// Square is a synapse: the axon squares X.
type Square struct {
	synapse.Base
	X      int  `json:"x" bt:"required"`
	Result *int `json:"result"`
}

// RequiredHashFields makes the dendrite's signature cover X.
func (*Square) RequiredHashFields() []string { return []string{"x"} }

// Example attaches a synapse with a custom blacklist. An axon is an
// http.Handler, so it can be tried without a network: an anonymous ping is
// refused by verification (401), an anonymous Square by the blacklist, which
// runs first (403), an unknown route with 404.
func Example() {
	hotkey, _ := keys.FromURI("//Alice")
	cfg := axon.DefaultConfig()
	cfg.Logger = slog.New(slog.DiscardHandler)
	a, err := axon.New(hotkey, cfg)
	if err != nil {
		panic(err)
	}
	err = axon.Attach(a, axon.Handler[*Square]{
		Forward: func(_ context.Context, s *Square) error {
			r := s.X * s.X
			s.Result = &r
			return nil
		},
		Blacklist: func(_ context.Context, s *Square) (bool, string) {
			return s.Dendrite.Hotkey == "", "anonymous"
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Synapses())

	for _, path := range []string{"/Synapse", "/Square", "/Cube"} {
		req := httptest.NewRequest(http.MethodPost, path, nil)
		// What a Python dendrite sends for a field without default: a
		// base64 JSON empty value ("0"), exact lowercase name.
		req.Header["bt_header_input_obj_x"] = []string{"MA=="}
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Body.String())
	}
	// Output:
	// [Synapse Square]
	// 401 {"message":"Not Verified with error: No SS58 formatted address or public key provided."}
	// 403 {"message":"Forbidden. Key is blacklisted: anonymous."}
	// 404 {"message":"Synapse name 'Cube' not found. Available synapses ['Synapse', 'Square']"}
}
