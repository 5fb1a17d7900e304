package mainnetday

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// ChainID is the replayed chain's id.
const ChainID = "mainnet-day"

const tao = subtensor.TAO

// workload generates the signed transactions of every block.
type workload struct {
	cfg       Config
	valHot    []*keys.Keypair // validator hotkeys (sign set_weights)
	valCold   []*keys.Keypair // their coldkeys (stake, root)
	minerCold []*keys.Keypair // one per subnet, pays its miners' registrations
	noms      []*keys.Keypair // nominators: stake moves and transfers
	sudo      *keys.Keypair   // opens root to the validators' registrations
	nonces    map[keys.PublicKey]uint64
	used      map[keys.PublicKey]bool // signers of the last block
}

// tagged is a signed transaction and the name of its call.
type tagged struct {
	raw  []byte
	call string
}

func newWorkload(cfg Config) (*workload, error) {
	w := &workload{cfg: cfg, nonces: map[keys.PublicKey]uint64{}, used: map[keys.PublicKey]bool{}}
	var err error
	if w.valHot, err = w.keys("validator-hotkey", cfg.Validators); err != nil {
		return nil, err
	}
	if w.valCold, err = w.keys("validator-coldkey", cfg.Validators); err != nil {
		return nil, err
	}
	if w.minerCold, err = w.keys("miner-coldkey", cfg.Subnets); err != nil {
		return nil, err
	}
	if w.noms, err = w.keys("nominator", cfg.Nominators); err != nil {
		return nil, err
	}
	sudo, err := w.keys("sudo", 1)
	if err != nil {
		return nil, err
	}
	w.sudo = sudo[0]
	return w, nil
}

// keys derives n keypairs of role from the seed.
func (w *workload) keys(role string, n int) ([]*keys.Keypair, error) {
	out := make([]*keys.Keypair, n)
	for i := range out {
		s := sha256.Sum256(fmt.Appendf(nil, "taonet/mainnet-day/%d/%s/%d", w.cfg.Seed, role, i))
		kp, err := keys.FromSeed(s[:])
		if err != nil {
			return nil, fmt.Errorf("mainnetday: %s key %d: %w", role, i, err)
		}
		out[i] = kp
	}
	return out, nil
}

// hotkey is a miner's hotkey: only its public key is needed (miners'
// registrations are signed by their coldkey).
func (w *workload) hotkey(parts ...uint64) keys.PublicKey {
	var b []byte
	b = fmt.Appendf(b, "taonet/mainnet-day/%d/miner-hotkey", w.cfg.Seed)
	for _, p := range parts {
		b = binary.BigEndian.AppendUint64(b, p)
	}
	return keys.PublicKey(sha256.Sum256(b))
}

// mix is a deterministic hash of the seed and parts (splitmix64 rounds).
func (w *workload) mix(parts ...uint64) uint64 {
	h := w.cfg.Seed ^ 0x9e3779b97f4a7c15
	for _, p := range parts {
		h ^= p + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// sign signs call by kp with kp's next nonce.
func (w *workload) sign(kp *keys.Keypair, call tx.Call) (tagged, error) {
	pub := kp.Public()
	t := &tx.Tx{ChainID: ChainID, Nonce: w.nonces[pub], Call: call}
	if err := t.Sign(kp); err != nil {
		return tagged{}, fmt.Errorf("mainnetday: sign %s: %w", call.Name(), err)
	}
	w.nonces[pub]++
	w.used[pub] = true
	return tagged{raw: t.Encode(), call: call.Name()}, nil
}

// genesis returns the network's genesis: the subnets with their
// hyperparameters, the funded coldkeys and the validators' stake.
func (w *workload) genesis() *chain.Genesis {
	c := w.cfg
	g := chain.DefaultGenesis(ChainID)
	g.Sudo = w.sudo.SS58()
	np := subtensor.DefaultNetworkParams()
	np.DefaultTempo = uint16(c.Tempo)
	np.SubnetLimit = uint16(max(int(np.SubnetLimit), c.Subnets+1))
	g.Subtensor.Params = &np
	for s := 1; s <= c.Subnets; s++ {
		p := subtensor.DefaultSubnetParams(uint16(c.Tempo))
		p.MaxAllowedUIDs = uint16(c.UIDs)
		p.MaxAllowedValidators = uint16(c.Validators)
		p.MaxRegsPerBlock = uint16(c.UIDs)       // setup fills a subnet in one block
		p.TargetRegsPerInterval = uint16(c.UIDs) // and the burn does not climb for it
		p.AdjustmentInterval = uint16(c.Tempo)
		p.WeightsRateLimit = uint64(min(100, c.Tempo/2))
		g.Subtensor.Subnets = append(g.Subtensor.Subnets, subtensor.GenesisSubnet{Netuid: uint16(s), Params: &p, EmissionValue: 1})
	}
	// Within the 21M TAO supply: ~4.4M staked by 64 validators, 64k for
	// their registrations, 10k per subnet for its miners' burns, 1k per nominator.
	fund := func(kp *keys.Keypair, balance uint64) {
		g.Accounts = append(g.Accounts, chain.GenesisAccount{Address: kp.SS58(), Balance: balance})
	}
	for v := range w.valCold {
		fund(w.valCold[v], 1_000*tao)
		// Stakes from 100k TAO down, so permits and dividends differ.
		amount := uint64(100_000-v*1_000) * tao
		g.Subtensor.Stakes = append(g.Subtensor.Stakes, subtensor.GenesisStake{Hotkey: w.valHot[v].SS58(), Coldkey: w.valCold[v].SS58(), Amount: amount})
	}
	for _, kp := range w.minerCold {
		fund(kp, 10_000*tao)
	}
	for _, kp := range w.noms {
		fund(kp, 1_000*tao)
	}
	fund(w.sudo, 1_000*tao)
	return g
}

// setup returns the blocks that fill the network before the measured
// day: the validators register on every subnet and on root and become
// delegates, and the nominators stake on them; then every subnet fills
// with miners, at most maxTxs transactions a block.
func (w *workload) setup(maxTxs int) ([][]tagged, error) {
	c := w.cfg
	var first []tagged
	// Root takes all the validators in one block (its defaults: one a block, three an interval).
	for _, name := range []string{"sudo_set_max_registrations_per_block", "sudo_set_target_registrations_per_interval"} {
		p, ok := tx.AdminParamByName(name)
		if !ok {
			return nil, fmt.Errorf("mainnetday: no admin call %s", name)
		}
		t, err := w.sign(w.sudo, tx.AdminSet{Call: p.Index, Netuid: subtensor.RootNetUID, Value: uint64(c.Validators)})
		if err != nil {
			return nil, err
		}
		first = append(first, t)
	}
	for v := range w.valHot {
		hot := w.valHot[v].Public()
		for s := 1; s <= c.Subnets; s++ {
			t, err := w.sign(w.valCold[v], tx.BurnedRegister{Netuid: uint16(s), Hotkey: hot})
			if err != nil {
				return nil, err
			}
			first = append(first, t)
		}
		for _, call := range []tx.Call{tx.BecomeDelegate{Hotkey: hot}, tx.RootRegister{Hotkey: hot}} {
			t, err := w.sign(w.valCold[v], call)
			if err != nil {
				return nil, err
			}
			first = append(first, t)
		}
	}
	// Nominators stake on their validator, now a delegate.
	for n, kp := range w.noms {
		t, err := w.sign(kp, tx.AddStake{Hotkey: w.valHot[n%len(w.valHot)].Public(), Amount: 100 * tao})
		if err != nil {
			return nil, err
		}
		first = append(first, t)
	}
	blocks := [][]tagged{first}
	var cur []tagged
	for s := 1; s <= c.Subnets; s++ {
		if len(cur)+c.UIDs-c.Validators > maxTxs && len(cur) > 0 {
			blocks, cur = append(blocks, cur), nil
		}
		for j := c.Validators; j < c.UIDs; j++ {
			t, err := w.sign(w.minerCold[s-1], tx.BurnedRegister{Netuid: uint16(s), Hotkey: w.hotkey(0, uint64(s), uint64(j))})
			if err != nil {
				return nil, err
			}
			cur = append(cur, t)
		}
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks, nil
}

// block returns the transactions of block h of the day's workload;
// without churn, no registrations (the warm-up: before a subnet's first
// epoch every score is 0 and a registration would prune a validator).
func (w *workload) block(h uint64, churn bool) ([]tagged, error) {
	c := w.cfg
	var out []tagged
	add := func(kp *keys.Keypair, call tx.Call) error {
		t, err := w.sign(kp, call)
		if err == nil {
			out = append(out, t)
		}
		return err
	}
	tempo := uint64(c.Tempo)
	epoch := h / tempo
	// Weights: each validator once per tempo on each subnet, dense over the miners.
	for s := 1; s <= c.Subnets; s++ {
		for v := range w.valHot {
			if w.mix(1, uint64(s), uint64(v))%tempo != h%tempo {
				continue
			}
			n := c.UIDs - c.Validators
			dests, weights := make([]uint16, n), make([]uint16, n)
			for i := range dests {
				uid := uint64(c.Validators + i)
				dests[i] = uint16(uid)
				// A miner's quality per subnet, seen with noise that drifts each epoch.
				weights[i] = uint16(1 + w.mix(2, uint64(s), uid)%50_000 + w.mix(3, uint64(s), uint64(v), epoch, uid)%10_000)
			}
			if err := add(w.valHot[v], tx.SetWeights{Netuid: uint16(s), Dests: dests, Weights: weights}); err != nil {
				return nil, err
			}
		}
	}
	// Root weights: each root validator once per tempo (at least past
	// root's weights rate limit) over all subnets.
	rootPeriod := max(tempo, subtensor.DefaultRootParams().WeightsRateLimit+1)
	for v := range w.valHot {
		if w.mix(4, uint64(v))%rootPeriod != h%rootPeriod {
			continue
		}
		dests, weights := make([]uint16, c.Subnets), make([]uint16, c.Subnets)
		for i := range dests {
			dests[i] = uint16(i + 1)
			weights[i] = uint16(1 + w.mix(5, uint64(v), uint64(i), epoch)%65_000)
		}
		if err := add(w.valCold[v], tx.SetRootWeights{Netuid: subtensor.RootNetUID, Hotkey: w.valHot[v].Public(), Dests: dests, Weights: weights}); err != nil {
			return nil, err
		}
	}
	// Registration churn: each subnet takes ChurnPerTempo fresh hotkeys a
	// tempo, each at an offset of its own.
	for s := 1; churn && s <= c.Subnets; s++ {
		for i := range c.ChurnPerTempo {
			if w.mix(10, uint64(s), uint64(i))%tempo != h%tempo {
				continue
			}
			if err := add(w.minerCold[s-1], tx.BurnedRegister{Netuid: uint16(s), Hotkey: w.hotkey(1, h, uint64(s), uint64(i))}); err != nil {
				return nil, err
			}
		}
	}
	// Stake moves: nominators add to and take from their validator.
	nom := func(parts ...uint64) (*keys.Keypair, keys.PublicKey) {
		n := w.mix(parts...) % uint64(len(w.noms))
		return w.noms[n], w.valHot[n%uint64(len(w.valHot))].Public()
	}
	for i := range c.StakeMovesPerBlock {
		kp, hot := nom(6, h, uint64(i))
		if err := add(kp, tx.AddStake{Hotkey: hot, Amount: tao}); err != nil {
			return nil, err
		}
		kp, hot = nom(7, h, uint64(i))
		if err := add(kp, tx.RemoveStake{Hotkey: hot, Amount: tao}); err != nil {
			return nil, err
		}
	}
	// Transfers between nominators.
	for i := range c.TransfersPerBlock {
		from := w.mix(8, h, uint64(i)) % uint64(len(w.noms))
		to := (from + 1 + w.mix(9, h, uint64(i))%uint64(len(w.noms)-1)) % uint64(len(w.noms))
		if err := add(w.noms[from], tx.Transfer{Dest: w.noms[to].Public(), Value: tao / 10}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resync sets the nonces of the last block's signers to the chain's (a
// transaction refused before its fee does not use its nonce).
func (w *workload) resync(next func(keys.PublicKey) uint64) {
	for pub := range w.used {
		w.nonces[pub] = next(pub)
	}
	clear(w.used)
}
