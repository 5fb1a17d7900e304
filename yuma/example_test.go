package yuma_test

import (
	"fmt"

	"github.com/taonet/taonet/yuma"
)

// Two validators (UIDs 0 and 1) weight two miners (UIDs 2 and 3).
func ExampleEpoch() {
	params := yuma.DefaultParams()
	params.Tempo, params.ActivityCutoff = 10, 100
	in := &yuma.Input{
		N:                   4,
		Block:               50,
		Params:              params,
		Stake:               yuma.StakeFromU64([]uint64{600, 400, 0, 0}),
		LastUpdate:          []uint64{50, 50, 0, 0},
		BlockAtRegistration: []uint64{0, 0, 0, 0},
		ValidatorPermit:     []bool{true, true, false, false},
		Weights: [][]yuma.Weight{
			{{UID: 2, Weight: 65535}, {UID: 3, Weight: 32767}},
			{{UID: 2, Weight: 65535}, {UID: 3, Weight: 65535}},
			nil, nil,
		},
		RaoEmission: 1_000_000_000,
	}
	out, err := yuma.Epoch(in)
	if err != nil {
		panic(err)
	}
	fmt.Println("active:   ", out.Active)
	fmt.Println("permits:  ", out.ValidatorPermit)
	fmt.Println("consensus:", out.Consensus)
	fmt.Println("incentive:", out.Incentive)
	fmt.Println("dividends:", out.Dividends)
	fmt.Println("miners:   ", out.ServerEmission)
	fmt.Println("validators:", out.ValidatorEmission)
	fmt.Println("bonds of 0:", out.Bonds[0])
	// Output:
	// active:    [true true true true]
	// permits:   [true true false false]
	// consensus: [0 0 43690 21844]
	// incentive: [0 0 42129 23405]
	// dividends: [42129 23405 0 0]
	// miners:    [0 0 321430128 178569871]
	// validators: [321429038 178570961 0 0]
	// bonds of 0: [{2 65535} {3 65535}]
}
