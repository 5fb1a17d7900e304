package demo

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/forecast/validator"
	"github.com/taonet/taonet/subnets/template"
)

// Run serves the miners' axons and runs the validators' loops in-process
// on 127.0.0.1, and prints a table to Config.Out after every epoch, until
// ctx ends. It returns nil when ctx ends, or the first neuron that fails
// to start (a miner that cannot serve, a validator that is not
// registered).
func (d *Demo) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chain := template.NewChain(d.c)
	errc := make(chan error, len(d.neurons))
	var wg sync.WaitGroup
	defer wg.Wait()
	start := func(name string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil {
				errc <- fmt.Errorf("demo: %s: %w", name, err)
			}
		}()
	}
	var miners int
	for _, n := range d.neurons {
		if n.Role != RoleMiner {
			continue
		}
		model, err := miner.ModelByName(n.Model)
		if err != nil {
			return err
		}
		cfg := template.DefaultMinerConfig()
		cfg.Netuid, cfg.Axon.IP, cfg.Axon.Port = d.netuid, "127.0.0.1", 0
		cfg.SyncInterval, cfg.Logger = 5*d.cfg.PollInterval, d.log.With("name", n.Name)
		cfg.Axon.Coldkey = n.Coldkey.Public()
		m, err := template.NewMiner(cfg, chain, n.Hotkey)
		if err != nil {
			return err
		}
		if err := miner.Attach(m, model, d.cfg.Round.Limits); err != nil {
			return err
		}
		// Serve every axon before the validators look for them.
		if err := m.Start(ctx); err != nil {
			return fmt.Errorf("demo: %s: %w", n.Name, err)
		}
		start(n.Name, func(ctx context.Context) error {
			<-ctx.Done()
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = m.Axon().Shutdown(sctx)
			return nil
		})
		miners++
	}
	for _, n := range d.neurons {
		if n.Role != RoleValidator {
			continue
		}
		task, err := validator.NewTask(d.cfg.Round)
		if err != nil {
			return err
		}
		cfg := template.DefaultValidatorConfig()
		cfg.Netuid, cfg.SampleSize, cfg.Timeout = d.netuid, max(miners, 1), d.cfg.QueryTimeout
		cfg.EpochLength, cfg.StepInterval, cfg.Logger = d.cfg.epochLength(), d.cfg.StepInterval, d.log.With("name", n.Name)
		v, err := template.NewValidator(cfg, chain, n.Hotkey, task)
		if err != nil {
			return err
		}
		start(n.Name, func(ctx context.Context) error {
			defer v.Close()
			return v.Run(ctx)
		})
	}
	var lastStep uint64
	t := time.NewTicker(d.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return err
		case <-t.C:
		}
		snap, err := d.Snapshot(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			d.log.Warn("demo: reading the metagraph", "err", err)
			continue
		}
		if snap.LastStep != lastStep {
			lastStep = snap.LastStep
			if d.cfg.Out != nil {
				snap.WriteTable(d.cfg.Out)
			}
		}
	}
}
