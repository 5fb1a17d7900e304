// Command echo runs the README's walkthrough subnet against a node: it
// registers a miner and a validator (paid by --uri), serves the miner and
// runs validator steps.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/subnets/echo"
)

func main() {
	node := flag.String("node", "http://127.0.0.1:8090", "node API")
	netuid := flag.Uint("netuid", 1, "subnet")
	uri := flag.String("uri", "//Alice", "coldkey paying the registrations")
	steps := flag.Int("steps", 5, "validator steps")
	flag.Parse()
	must := func(err error) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "echo:", err)
			os.Exit(1)
		}
	}
	cold, err := keys.FromURI(*uri)
	must(err)
	miner, err := keys.FromURI(*uri + "//echo-miner")
	must(err)
	validator, err := keys.FromURI(*uri + "//echo-validator")
	must(err)
	ctx := context.Background()
	c := client.New(*node)
	must(echo.Setup(ctx, c, uint16(*netuid), cold, miner, validator, 1000*1_000_000_000))
	must(echo.RunLocal(ctx, c, uint16(*netuid), miner, validator, *steps, os.Stdout))
}
