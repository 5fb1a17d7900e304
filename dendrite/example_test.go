package dendrite_test

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/synapse"
)

// Echo is a synapse whose axon reports the length of Text.
type Echo struct {
	synapse.Base
	Text   string `json:"text" bt:"required"`
	Length *int   `json:"length"`
}

// RequiredHashFields makes the signature cover Text.
func (*Echo) RequiredHashFields() []string { return []string{"text"} }

// Example serves Echo from an axon signing as //Alice and queries it from a
// dendrite signing as //Bob.
func Example() {
	alice, _ := keys.FromURI("//Alice")
	bob, _ := keys.FromURI("//Bob")

	cfg := axon.DefaultConfig()
	cfg.IP, cfg.Port = "127.0.0.1", 0
	cfg.Logger = slog.New(slog.DiscardHandler)
	a, err := axon.New(alice, cfg)
	if err != nil {
		panic(err)
	}
	err = axon.Attach(a, axon.Handler[*Echo]{
		Forward: func(_ context.Context, s *Echo) error {
			n := len(s.Text)
			s.Length = &n
			return nil
		},
	})
	if err != nil {
		panic(err)
	}
	if err := a.Start(); err != nil {
		panic(err)
	}
	defer a.Shutdown(context.Background())

	dcfg := dendrite.DefaultConfig()
	dcfg.Logger = slog.New(slog.DiscardHandler)
	d, err := dendrite.New(bob, dcfg)
	if err != nil {
		panic(err)
	}
	defer d.Close()

	for _, r := range d.Query(context.Background(), []axon.Info{a.Info()}, &Echo{Text: "bittensor"}, 5*time.Second) {
		out := r.Synapse.(*Echo)
		fmt.Println(r.StatusCode, r.Message, r.AxonSigned, *out.Length)
	}
	// Output:
	// 200 Success true 9
}
