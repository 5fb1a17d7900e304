package echo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/subnets/template"
	"github.com/taonet/taonet/tx"
)

// Setup registers a miner and a validator hotkey on netuid by burn, paid
// by coldkey, and stakes stake rao on the validator (so that it earns a
// validator permit at the subnet's next epoch).
func Setup(ctx context.Context, c *client.Client, netuid uint16, coldkey, miner, validator *keys.Keypair, stake uint64) error {
	for _, call := range []tx.Call{
		tx.BurnedRegister{Netuid: netuid, Hotkey: miner.Public()},
		tx.BurnedRegister{Netuid: netuid, Hotkey: validator.Public()},
		tx.AddStake{Hotkey: validator.Public(), Amount: stake},
	} {
		if _, err := c.SignAndSubmit(ctx, coldkey, call, 0, true); err != nil {
			return fmt.Errorf("echo: %s: %w", call.Name(), err)
		}
	}
	return nil
}

// RunLocal runs the walkthrough against a node: it serves the miner,
// then runs `steps` validator steps (one query each), printing the rewards
// to out. The miner listens on 127.0.0.1 (any free port) and announces
// the loopback alias, as on a localnet.
func RunLocal(ctx context.Context, c *client.Client, netuid uint16, miner, validator *keys.Keypair, steps int, out io.Writer) error {
	chain := template.NewChain(c)
	mcfg := template.DefaultMinerConfig()
	mcfg.Netuid, mcfg.Axon.Port = netuid, 0
	m, err := template.NewMiner(mcfg, chain, miner)
	if err != nil {
		return err
	}
	if err := Serve(m); err != nil {
		return err
	}
	if err := m.Start(ctx); err != nil { // checks registration, serves, announces with serve_axon
		return err
	}
	defer m.Axon().Shutdown(context.Background())

	vcfg := template.DefaultValidatorConfig()
	vcfg.Netuid = netuid
	v, err := template.NewValidator(vcfg, chain, validator, Task)
	if err != nil {
		return err
	}
	defer v.Close()
	for step := 0; step < steps; step++ {
		uids, rewards, err := v.Forward(ctx) // waits for the miner's announced axon to show
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "step %d: uids %v rewards %v\n", step, uids, rewards)
		if len(uids) == 0 {
			time.Sleep(time.Second)
		}
	}
	return nil
}
