package process_test

import (
	"fmt"

	"github.com/taonet/taonet/subnets/forecast/process"
)

func Example() {
	// A validator derives each round's seed from its secret, so it can
	// replay a round while miners cannot foresee one.
	seed := process.DeriveSeed([]byte("validator secret"), 17)
	history, truth := process.Draw(seed, 128, 8)
	again, _ := process.Draw(seed, 128, 8)
	fmt.Println(len(history), len(truth), history[0] == again[0])
	// Output:
	// 128 8 true
}
