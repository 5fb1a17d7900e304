package demo

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// Role is a neuron's part in the demo.
type Role string

// The demo's roles.
const (
	RoleOwner     Role = "owner"
	RoleValidator Role = "validator"
	RoleMiner     Role = "miner"
)

// Neuron is one of the demo's keys on the subnet.
type Neuron struct {
	// Name is e.g. "miner0" or "validator1".
	Name string
	// Role is the neuron's role.
	Role Role
	// Model is a miner's model name ("" for others).
	Model string
	// ColdkeyURI and HotkeyURI derive the keys from the dev phrase, e.g.
	// "//Dave" and "//Dave//miner0".
	ColdkeyURI, HotkeyURI string
	// Coldkey owns and funds Hotkey; Hotkey holds the UID and signs
	// serve_axon and set_weights.
	Coldkey, Hotkey *keys.Keypair
	// Stake is the rao the coldkey stakes on the hotkey (validators).
	Stake uint64
	// Funder, if set, funds Coldkey first (a coldkey that is not one of
	// the dev accounts).
	Funder *keys.Keypair
}

// Demo is a set-up demo subnet.
type Demo struct {
	cfg     Config
	c       *client.Client
	log     *slog.Logger
	netuid  uint16
	neurons []Neuron
}

// Neurons returns the demo's keys: the owner, the validators, the miners.
// The storage demo's keys are apart from the forecasting demo's (both may
// run on one chain): //Alice//storage-owner, //Bob//storage-validator, …,
// and its miners have coldkeys of their own (//Alice//storage-cold0 …,
// funded by //Alice), as a file's shards go to distinct coldkeys.
func Neurons(cfg Config) ([]Neuron, error) {
	mk := func(name string, role Role, model, cold, hot string, stake uint64) (Neuron, error) {
		ck, err := keys.FromURI(cold)
		if err != nil {
			return Neuron{}, err
		}
		hk, err := keys.FromURI(hot)
		if err != nil {
			return Neuron{}, err
		}
		return Neuron{Name: name, Role: role, Model: model, ColdkeyURI: cold, HotkeyURI: hot, Coldkey: ck, Hotkey: hk, Stake: stake}, nil
	}
	prefix := ""
	if cfg.storage() {
		prefix = "storage-"
	}
	var out []Neuron
	add := func(n Neuron, err error) error {
		out = append(out, n)
		return err
	}
	if err := add(mk("owner", RoleOwner, "", "//Alice", "//Alice//"+prefix+"owner", 0)); err != nil {
		return nil, err
	}
	vcold := []string{"//Bob", "//Charlie"}
	for i, s := range cfg.ValidatorStake {
		if err := add(mk(fmt.Sprintf("validator%d", i), RoleValidator, "", vcold[i], vcold[i]+"//"+prefix+"validator", s)); err != nil {
			return nil, err
		}
	}
	mcold := []string{"//Dave", "//Eve", "//Ferdie"}
	for i, m := range cfg.Models {
		cold := mcold[i%len(mcold)]
		hot := fmt.Sprintf("%s//miner%d", cold, i)
		if cfg.storage() {
			cold = fmt.Sprintf("//Alice//storage-cold%d", i)
			hot = cold + "//miner"
		}
		if err := add(mk(fmt.Sprintf("miner%d", i), RoleMiner, m, cold, hot, 0)); err != nil {
			return nil, err
		}
		if cfg.storage() {
			out[len(out)-1].Funder = out[0].Coldkey
		}
	}
	return out, nil
}

// Netuid returns the demo subnet's netuid.
func (d *Demo) Netuid() uint16 { return d.netuid }

// Neurons returns the demo's keys (see the function Neurons).
func (d *Demo) Neurons() []Neuron { return slices.Clone(d.neurons) }

// Setup prepares the demo subnet on the chain behind c (see the package
// doc) and returns it. It needs //Alice to be the chain's sudo key
// (ErrNoSudo otherwise). Errors wrap ErrInvalidConfig, ErrNoSudo,
// ErrTxFailed or the client's errors.
func Setup(ctx context.Context, c *client.Client, cfg Config) (*Demo, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	neurons, err := Neurons(cfg)
	if err != nil {
		return nil, err
	}
	d := &Demo{cfg: cfg, c: c, neurons: neurons, log: cfg.Logger}
	if d.log == nil {
		d.log = slog.Default()
	}
	owner := neurons[0]
	st, err := waitFirstBlock(ctx, c, cfg.TxTimeout)
	if err != nil {
		return nil, err
	}
	nw, err := c.Network(ctx)
	if err != nil {
		return nil, err
	}
	if nw.Sudo != owner.Coldkey.SS58() {
		return nil, ErrNoSudo
	}
	b := newBatch(c, st.ChainID)

	// Batch 0: coldkeys that are not dev accounts get their money.
	funded := false
	for _, n := range neurons {
		if n.Funder == nil {
			continue
		}
		bal, err := c.Balance(ctx, n.Coldkey.SS58())
		if err != nil {
			return nil, err
		}
		if bal < coldkeyFunds/2 {
			if err := b.add(ctx, n.Funder, tx.Transfer{Dest: n.Coldkey.Public(), Value: coldkeyFunds}, "fund "+n.ColdkeyURI); err != nil {
				return nil, err
			}
			funded = true
		}
	}
	if funded {
		if err := b.wait(ctx, cfg.TxTimeout); err != nil {
			return nil, err
		}
	}

	// Batch 1: the subnet, the root network's timing, the hotkeys' fee money.
	netuid, found, err := d.findSubnet(ctx)
	if err != nil {
		return nil, err
	}
	if !found {
		// The other demo may have registered its subnet a moment ago.
		if err := sudo(ctx, b, owner.Coldkey, "sudo_set_network_rate_limit", 0, 0); err != nil {
			return nil, err
		}
		if err := b.add(ctx, owner.Coldkey, tx.RegisterNetwork{Hotkey: owner.Hotkey.Public()}, "register_network"); err != nil {
			return nil, err
		}
	}
	for _, s := range []struct {
		name string
		v    uint64
	}{{"sudo_set_tempo", uint64(cfg.Tempo)}, {"sudo_set_weights_set_rate_limit", 0}} {
		if err := sudo(ctx, b, owner.Coldkey, s.name, 0, s.v); err != nil {
			return nil, err
		}
	}
	for _, n := range neurons[1:] {
		bal, err := c.Balance(ctx, n.Hotkey.SS58())
		if err != nil {
			return nil, err
		}
		if bal < cfg.HotkeyFunds/2 {
			if err := b.add(ctx, n.Coldkey, tx.Transfer{Dest: n.Hotkey.Public(), Value: cfg.HotkeyFunds}, "fund "+n.Name); err != nil {
				return nil, err
			}
		}
	}
	if err := b.wait(ctx, cfg.TxTimeout); err != nil {
		return nil, err
	}
	if !found {
		if netuid, found, err = d.findSubnet(ctx); err != nil {
			return nil, err
		} else if !found {
			return nil, fmt.Errorf("%w: register_network left no subnet owned by %s", ErrTxFailed, owner.Hotkey.SS58())
		}
	}
	d.netuid = netuid

	// Batch 2: the subnet's timing and caps (first, so that they apply to
	// the rest of the block), registrations, stake, the root validator.
	for _, s := range []struct {
		name string
		v    uint64
	}{
		{"sudo_set_tempo", uint64(cfg.Tempo)},
		{"sudo_set_weights_set_rate_limit", 0},
		{"sudo_set_target_registrations_per_interval", 64},
		{"sudo_set_max_registrations_per_block", 64},
		// A restarted demo announces its miners' new ports at once.
		{"sudo_set_serving_rate_limit", 0},
	} {
		if err := sudo(ctx, b, owner.Coldkey, s.name, netuid, s.v); err != nil {
			return nil, err
		}
	}
	mg, err := c.Metagraph(ctx, netuid, true)
	if err != nil {
		return nil, err
	}
	for _, n := range neurons[1:] {
		if i := slices.Index(mg.Hotkeys, n.Hotkey.SS58()); i < 0 {
			if err := b.add(ctx, n.Coldkey, tx.BurnedRegister{Netuid: netuid, Hotkey: n.Hotkey.Public()}, "register "+n.Name); err != nil {
				return nil, err
			}
		} else if mg.Stake[i] >= n.Stake {
			continue
		}
		if n.Stake > 0 {
			if err := b.add(ctx, n.Coldkey, tx.AddStake{Hotkey: n.Hotkey.Public(), Amount: n.Stake}, "stake on "+n.Name); err != nil {
				return nil, err
			}
		}
	}
	root, err := c.Metagraph(ctx, 0, true)
	if err != nil {
		return nil, err
	}
	rv := neurons[1]
	if !slices.Contains(root.Hotkeys, rv.Hotkey.SS58()) {
		if err := b.add(ctx, rv.Coldkey, tx.RootRegister{Hotkey: rv.Hotkey.Public()}, "root_register "+rv.Name); err != nil {
			return nil, err
		}
	}
	err = b.add(ctx, rv.Coldkey, tx.SetRootWeights{Netuid: 0, Hotkey: rv.Hotkey.Public(), Dests: []uint16{netuid}, Weights: []uint16{65535}},
		"set_root_weights "+rv.Name)
	if err != nil {
		return nil, err
	}
	if err := b.wait(ctx, cfg.TxTimeout); err != nil {
		return nil, err
	}
	return d, nil
}

// coldkeyFunds is what a funded coldkey receives: its hotkey's funds and
// the registration burn, with room to spare.
const coldkeyFunds = 100 * TAO

// waitFirstBlock waits until the chain has committed a block (before it,
// the API reads an empty state), within timeout.
func waitFirstBlock(ctx context.Context, c *client.Client, timeout time.Duration) (*api.Status, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		st, err := c.Status(ctx)
		if err == nil && st.Height >= 1 {
			return st, nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			return nil, fmt.Errorf("demo: waiting for the first block: %w", err)
		case <-t.C:
		}
	}
}

// findSubnet returns the netuid of the subnet owned by the demo's owner hotkey.
func (d *Demo) findSubnet(ctx context.Context) (uint16, bool, error) {
	subs, err := d.c.Subnets(ctx)
	if err != nil {
		return 0, false, err
	}
	owner := d.neurons[0].Hotkey.SS58()
	for _, s := range subs.Subnets {
		if s.Netuid != 0 && s.OwnerHotkey == owner {
			return s.Netuid, true, nil
		}
	}
	return 0, false, nil
}

// sudo adds the AdminUtils setter name(netuid, v) signed by kp to b.
func sudo(ctx context.Context, b *batch, kp *keys.Keypair, name string, netuid uint16, v uint64) error {
	p, ok := tx.AdminParamByName(name)
	if !ok {
		return fmt.Errorf("demo: unknown setter %s", name)
	}
	return b.add(ctx, kp, tx.AdminSet{Call: p.Index, Netuid: netuid, Value: v}, fmt.Sprintf("%s(%d, %d)", name, netuid, v))
}
