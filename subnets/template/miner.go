package template

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/synapse"
	"github.com/taonet/taonet/tx"
)

// MinerConfig configures a Miner. Start from DefaultMinerConfig.
type MinerConfig struct {
	// Netuid is the subnet (--netuid).
	Netuid uint16
	// Axon configures the axon server (--axon.port is Axon.Port, --axon.ip
	// Axon.IP, --axon.external_ip Axon.ExternalIP). The announced address
	// is Axon.ExternalIP, or Axon.IP when that is empty; it must not be the
	// unspecified address.
	Axon axon.Config
	// SyncInterval is how often the miner re-reads the metagraph (which
	// backs the axon's blacklist and priority).
	SyncInterval time.Duration
	// ForceValidatorPermit refuses callers without a validator permit
	// (--blacklist.force_validator_permit).
	ForceValidatorPermit bool
	// AllowNonRegistered serves callers that hold no UID on the subnet
	// (--blacklist.allow_non_registered).
	AllowNonRegistered bool
	// Logger receives the miner's logs; nil means slog.Default().
	Logger *slog.Logger
}

// LoopbackAlias is the address a miner on a local chain announces. The
// chain refuses 127.0.0.1 in serve_axon (as subtensor's
// is_valid_ip_address does), so local miners listen on 127.0.0.1 and
// announce this alias, and local validators set it as their dendrite's
// external ip: a dendrite dials loopback for an axon announcing its own
// external address.
const LoopbackAlias = "127.0.0.2"

// DefaultMinerConfig returns netuid 1, an axon listening on
// 127.0.0.1:8091 announced as LoopbackAlias (a local chain's setup; set
// Axon.ExternalIP to the public address otherwise) and a metagraph sync
// every 12 s (the template's block cache TTL).
func DefaultMinerConfig() MinerConfig {
	a := axon.DefaultConfig()
	a.IP, a.ExternalIP = "127.0.0.1", LoopbackAlias
	return MinerConfig{Netuid: 1, Axon: a, SyncInterval: 12 * time.Second}
}

// Validate reports the first unusable setting; errors wrap ErrInvalidConfig
// or axon.ErrInvalidConfig.
func (c MinerConfig) Validate() error {
	if err := c.Axon.Validate(); err != nil {
		return err
	}
	if c.SyncInterval <= 0 {
		return fmt.Errorf("%w: sync interval %v", ErrInvalidConfig, c.SyncInterval)
	}
	ext := c.Axon.ExternalIP
	if ext == "" {
		ext = c.Axon.IP
	}
	if ip, _ := netip.ParseAddr(ext); ip.IsUnspecified() {
		return fmt.Errorf("%w: announced ip %s: set the external ip", ErrInvalidConfig, ext)
	}
	return nil
}

// Miner serves a subnet's synapses on an axon and announces it on chain.
type Miner struct {
	cfg    MinerConfig
	chain  Chain
	hotkey *keys.Keypair
	axon   *axon.Axon
	log    *slog.Logger
	mg     *metagraph.Metagraph
	uid    atomic.Int32

	mu      sync.Mutex
	started bool
}

// NewMiner returns a miner serving with hotkey. Attach its handlers, then
// Run it.
func NewMiner(cfg MinerConfig, chain Chain, hotkey *keys.Keypair) (*Miner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m := &Miner{cfg: cfg, chain: chain, hotkey: hotkey, log: cfg.Logger, mg: metagraph.New(chain, cfg.Netuid)}
	if m.log == nil {
		m.log = slog.Default()
	}
	m.log = m.log.With("neuron", "miner", "hotkey", hotkey.SS58())
	m.uid.Store(-1)
	acfg := cfg.Axon
	acfg.Registry = m.mg
	if acfg.Logger == nil {
		acfg.Logger = m.log
	}
	a, err := axon.New(hotkey, acfg)
	if err != nil {
		return nil, err
	}
	m.axon = a
	return m, nil
}

// Attach adds a handler for synapse type S to m's axon. It must be called
// before Run. Unless h sets its own, the blacklist is the template's (see
// Miner.Blacklist) and the priority is the caller's stake.
func Attach[T any, S interface {
	*T
	synapse.Synapse
}](m *Miner, h axon.Handler[S]) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.started {
		return ErrStarted
	}
	if h.Blacklist == nil {
		h.Blacklist = func(_ context.Context, s S) (bool, string) { return m.Blacklist(s) }
	}
	return axon.Attach(m.axon, h)
}

// AttachStream adds a handler for the streaming synapse type S to m's axon
// (see axon.AttachStream), with the template's blacklist unless h sets
// its own. It must be called before Run.
func AttachStream[T any, S interface {
	*T
	synapse.Synapse
}](m *Miner, h axon.StreamHandler[S]) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.started {
		return ErrStarted
	}
	if h.Blacklist == nil {
		h.Blacklist = func(_ context.Context, s S) (bool, string) { return m.Blacklist(s) }
	}
	return axon.AttachStream(m.axon, h)
}

// Blacklist is the template's blacklist over the miner's latest
// metagraph: a caller without a UID is refused ("Unrecognized hotkey")
// unless AllowNonRegistered, and with ForceValidatorPermit a caller without
// a validator permit is refused ("Non-validator hotkey"). A missing or
// malformed hotkey passes, so that verification answers it with 401.
func (m *Miner) Blacklist(s synapse.Synapse) (blacklisted bool, reason string) {
	pk, err := keys.ParseSS58(s.SynapseBase().Dendrite.Hotkey)
	if err != nil {
		return false, ""
	}
	snap := m.mg.Snapshot()
	var uid uint16
	ok := false
	if snap != nil {
		uid, ok = snap.UIDOf(pk)
	}
	switch {
	case !ok && !m.cfg.AllowNonRegistered:
		return true, "Unrecognized hotkey"
	case m.cfg.ForceValidatorPermit && (!ok || !snap.ValidatorPermit[uid]):
		return true, "Non-validator hotkey"
	}
	return false, ""
}

// Metagraph returns the miner's metagraph, synced by Start and Run.
func (m *Miner) Metagraph() *metagraph.Metagraph { return m.mg }

// Axon returns the miner's axon.
func (m *Miner) Axon() *axon.Axon { return m.axon }

// UID returns the miner's uid, or -1 before Start.
func (m *Miner) UID() int { return int(m.uid.Load()) }

// Start checks registration, starts the axon and announces it with
// serve_axon (unless the chain already holds the same address). Errors
// wrap ErrNotRegistered, ErrStarted or the chain's and axon's errors.
func (m *Miner) Start(ctx context.Context) error {
	m.mu.Lock()
	if m.started {
		m.mu.Unlock()
		return ErrStarted
	}
	m.started = true
	m.mu.Unlock()
	v, err := m.sync(ctx)
	if err != nil {
		return err
	}
	if err := m.axon.Start(); err != nil {
		return err
	}
	if err := m.serve(ctx, v); err != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = m.axon.Shutdown(sctx)
		return err
	}
	return nil
}

// Run starts the miner (see Start) and keeps its metagraph fresh until ctx
// ends; then it shuts the axon down. It returns nil when ctx ends. It is
// Start followed by Serve.
func (m *Miner) Run(ctx context.Context) error {
	if err := m.Start(ctx); err != nil {
		return err
	}
	return m.Serve(ctx)
}

// Serve keeps a started miner's metagraph fresh (Sync every SyncInterval)
// until ctx ends, then shuts the axon down. It returns nil when ctx ends,
// or ErrNotRegistered once the miner's UID was given to another hotkey.
func (m *Miner) Serve(ctx context.Context) error {
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = m.axon.Shutdown(sctx)
	}()
	t := time.NewTicker(m.cfg.SyncInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		if err := m.Sync(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, ErrNotRegistered) {
				// Deregistered (replaced): the template exits here.
				return err
			}
			m.log.Warn("metagraph sync failed", "err", err)
		}
	}
}

// Sync re-reads the metagraph, which backs the blacklist and priority, and
// checks that the miner is still registered (ErrNotRegistered otherwise).
// Run calls it every SyncInterval.
func (m *Miner) Sync(ctx context.Context) error {
	_, err := m.sync(ctx)
	return err
}

// sync syncs the metagraph and checks registration.
func (m *Miner) sync(ctx context.Context) (*metagraph.Snapshot, error) {
	snap, uid, err := syncUID(ctx, m.mg, m.hotkey.Public())
	if err != nil {
		return nil, err
	}
	m.uid.Store(int32(uid))
	return snap, nil
}

// serve announces the axon unless the chain already has its address.
func (m *Miner) serve(ctx context.Context, snap *metagraph.Snapshot) error {
	info := m.axon.Info()
	uid, _ := snap.UIDOf(m.hotkey.Public())
	cur := snap.AxonInfo(uid)
	if cur.IP == info.IP && cur.Port == info.Port && cur.Version == info.Version && cur.Protocol == info.Protocol {
		m.log.Info("axon already announced", "uid", uid, "addr", info.HostPort())
		return nil
	}
	call, err := ServeAxonCall(m.cfg.Netuid, info)
	if err != nil {
		return err
	}
	if err := m.chain.Submit(ctx, m.hotkey, call, true); err != nil {
		return err
	}
	m.log.Info("axon served", "uid", uid, "addr", info.HostPort())
	return nil
}

// ServeAxonCall returns the serve_axon call announcing info on netuid (the
// ip as the chain's u128).
func ServeAxonCall(netuid uint16, info axon.Info) (tx.ServeAxon, error) {
	hi, lo, ipType, err := apitypes.ParseIP(info.IP.Unmap().String())
	if err != nil {
		return tx.ServeAxon{}, fmt.Errorf("%w: axon ip %v", ErrInvalidConfig, info.IP)
	}
	return tx.ServeAxon{
		Netuid: netuid, Version: info.Version, IPHigh: hi, IPLow: lo, Port: info.Port,
		IPType: ipType, Protocol: info.Protocol,
	}, nil
}
