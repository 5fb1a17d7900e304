package demo

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	st "github.com/taonet/taonet/storage"
	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/forecast/validator"
	"github.com/taonet/taonet/subnets/storage"
	"github.com/taonet/taonet/subnets/storage/routing"
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
		cfg := template.DefaultMinerConfig()
		cfg.Netuid, cfg.Axon.IP, cfg.Axon.Port = d.netuid, "127.0.0.1", 0
		cfg.SyncInterval, cfg.Logger = 5*d.cfg.PollInterval, d.log.With("name", n.Name)
		cfg.Axon.Coldkey = n.Coldkey.Public()
		m, err := template.NewMiner(cfg, chain, n.Hotkey)
		if err != nil {
			return err
		}
		var dht func(context.Context) error
		if d.cfg.storage() {
			dht, err = d.attachStorage(m, n, cfg)
		} else {
			err = d.attachForecast(m, n)
		}
		if err != nil {
			return err
		}
		// Serve every axon before the validators look for them.
		if err := m.Start(ctx); err != nil {
			return fmt.Errorf("demo: %s: %w", n.Name, err)
		}
		// Serving keeps the metagraph fresh: it backs the blacklist (the
		// storage miners take stores from validator permits, given at epochs).
		start(n.Name, m.Serve)
		if dht != nil {
			start(n.Name+" DHT", dht)
		}
		miners++
	}
	for _, n := range d.neurons {
		if n.Role != RoleValidator {
			continue
		}
		task, err := d.newTask()
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
			if d.cfg.Out != nil { // one write: another demo may share Out
				var b bytes.Buffer
				snap.WriteTable(&b)
				_, _ = d.cfg.Out.Write(b.Bytes())
			}
		}
	}
}

// newTask returns a validator's task on the demo's subnet.
func (d *Demo) newTask() (template.Task, error) {
	if d.cfg.storage() {
		return storage.NewTask(), nil
	}
	return validator.NewTask(d.cfg.Round)
}

// attachForecast serves a forecasting miner's model on m.
func (d *Demo) attachForecast(m *template.Miner, n Neuron) error {
	model, err := miner.ModelByName(n.Model)
	if err != nil {
		return err
	}
	return miner.Attach(m, model, d.cfg.Round.Limits)
}

// attachStorage serves a storage miner on m with a DHT node, slow or lazy
// as n's model says, and returns the loop that keeps its DHT node joined.
func (d *Demo) attachStorage(m *template.Miner, n Neuron, cfg template.MinerConfig) (func(context.Context) error, error) {
	node, err := routing.New(routing.Config{Server: true, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	sm := &storage.Miner{Store: storage.NewStore(d.cfg.StorageBytes), Routing: node, Logger: cfg.Logger}
	switch n.Model {
	case StorageSlow:
		sm.Delay = d.cfg.SlowDelay
	case StorageLazy: // keeps the chunks whose CID starts with an even byte
		sm.Store.Keep = func(c st.CID) bool { return c[0]%2 == 0 }
	}
	if err := sm.AttachTemplate(m); err != nil {
		node.Close()
		return nil, err
	}
	return func(ctx context.Context) error {
		defer node.Close()
		return sm.RunDHT(ctx, m, n.Hotkey, 5*d.cfg.PollInterval)
	}, nil
}
