package template_test

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/subnets/template"
)

// A miner that doubles its input, and one validator step that queries it,
// rewards the right answer and moves its score by alpha (0.1).
func Example() {
	ctx := context.Background()
	owner, val, miner := mustKey("//Owner"), mustKey("//Val"), mustKey("//Miner")
	chain := newFakeChain(1, owner.Public(), val.Public(), miner.Public())

	mcfg := template.DefaultMinerConfig()
	mcfg.Axon.Port, mcfg.Logger = 0, quiet // any free port on 127.0.0.1
	m, err := template.NewMiner(mcfg, chain, miner)
	if err != nil {
		panic(err)
	}
	err = template.Attach(m, axon.Handler[*Dummy]{Forward: func(_ context.Context, s *Dummy) error {
		out := 2 * s.DummyInput
		s.DummyOutput = &out
		return nil
	}})
	if err != nil {
		panic(err)
	}
	if err := m.Start(ctx); err != nil { // checks registration, serves, announces
		panic(err)
	}
	defer m.Axon().Shutdown(ctx)

	vcfg := template.DefaultValidatorConfig()
	vcfg.Logger = quiet
	v, err := template.NewValidator(vcfg, chain, val, dummyTask{})
	if err != nil {
		panic(err)
	}
	defer v.Close()
	uids, rewards, err := v.Forward(ctx)
	fmt.Println(uids, rewards, err)
	fmt.Printf("%.2f\n", v.Scores())
	// Output:
	// [2] [1] <nil>
	// [0.00 0.00 0.10]
}

// The serve_axon call a miner on a local chain sends: the loopback alias
// as the chain's u128 (the chain refuses 127.0.0.1 itself).
func ExampleServeAxonCall() {
	info := axon.Info{IP: netip.MustParseAddr(template.LoopbackAlias), Port: 8091, Protocol: axon.ProtocolTCP}
	call, err := template.ServeAxonCall(1, info)
	fmt.Println(call.Name(), err)
	fmt.Printf("netuid %d ip %#x:%#x type %d port %d protocol %d\n", call.Netuid, call.IPHigh, call.IPLow, call.IPType, call.Port, call.Protocol)
	// Output:
	// SubtensorModule.serve_axon <nil>
	// netuid 1 ip 0x0:0x7f000002 type 4 port 8091 protocol 4
}
