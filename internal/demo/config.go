package demo

import (
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/taonet/taonet/subnets/forecast/miner"
	"github.com/taonet/taonet/subnets/forecast/round"
)

// TAO is one TAO in rao.
const TAO uint64 = 1_000_000_000

// The demo's subnets.
const (
	// KindForecast is the forecasting subnet (DefaultConfig).
	KindForecast = "forecast"
	// KindStorage is the storage subnet (StorageConfig).
	KindStorage = "storage"
)

// The storage demo's miner behaviours (its Models).
const (
	// StorageHonest keeps every chunk and answers at once.
	StorageHonest = "honest"
	// StorageSlow keeps every chunk but answers after Config.SlowDelay.
	StorageSlow = "slow"
	// StorageLazy answers "stored" but drops half its chunks.
	StorageLazy = "lazy"
)

// Config configures the demo. Start from DefaultConfig or StorageConfig.
type Config struct {
	// Kind is the subnet: KindForecast ("" too) or KindStorage.
	Kind string
	// Tempo is the subnet's and the root network's tempo in blocks
	// (an epoch every Tempo+1 blocks).
	Tempo uint16
	// Models are the miners' models, one miner each: names of
	// miner.ModelByName on the forecasting subnet, StorageHonest,
	// StorageSlow or StorageLazy on the storage subnet; at most 12.
	Models []string
	// SlowDelay is how long a slow storage miner waits before answering.
	SlowDelay time.Duration
	// StorageBytes bounds each storage miner's store.
	StorageBytes int64
	// ValidatorStake is each validator's stake in rao, one validator each;
	// one or two validators.
	ValidatorStake []uint64
	// HotkeyFunds is the rao each neuron's hotkey receives from its
	// coldkey. serve_axon and set_weights are fee-free (as the reference's
	// Pays::No calls); the balance covers any other call the hotkey signs.
	HotkeyFunds uint64
	// EpochLength is the validators' --neuron.epoch_length; 0 means Tempo/2.
	EpochLength uint64
	// StepInterval is the validators' pause between steps.
	StepInterval time.Duration
	// QueryTimeout bounds each validator query.
	QueryTimeout time.Duration
	// Round is the forecasting round the validators draw.
	Round round.Config
	// PollInterval is how often Run looks for a new epoch to print.
	PollInterval time.Duration
	// TxTimeout bounds the wait for each batch of setup transactions.
	TxTimeout time.Duration
	// Out receives the epoch tables; nil prints nothing.
	Out io.Writer
	// Logger receives the neurons' logs; nil means slog.Default().
	Logger *slog.Logger
}

// DefaultConfig returns a tempo of 20 blocks, two miners each of the
// last-value, AR and ensemble models, validators staking 1000 and 500 TAO,
// a validator step every second and the subnet's default round.
func DefaultConfig() Config {
	return Config{
		Kind:           KindForecast,
		Tempo:          20,
		Models:         []string{"last", "last", "ar", "ar", "ensemble", "ensemble"},
		ValidatorStake: []uint64{1000 * TAO, 500 * TAO},
		HotkeyFunds:    10 * TAO,
		StepInterval:   time.Second,
		QueryTimeout:   5 * time.Second,
		Round:          round.DefaultConfig(),
		PollInterval:   500 * time.Millisecond,
		TxTimeout:      60 * time.Second,
		SlowDelay:      300 * time.Millisecond,
		StorageBytes:   1 << 30,
	}
}

// StorageConfig returns DefaultConfig for the storage subnet: four honest
// miners, a slow one and a lazy one, each of its own coldkey (a file's
// shards go to miners of distinct coldkeys).
func StorageConfig() Config {
	c := DefaultConfig()
	c.Kind = KindStorage
	c.Models = []string{StorageHonest, StorageHonest, StorageHonest, StorageHonest, StorageSlow, StorageLazy}
	return c
}

// storage reports whether c is the storage subnet's demo.
func (c Config) storage() bool { return c.Kind == KindStorage }

// Validate reports the first unusable setting; errors wrap ErrInvalidConfig
// or the round's and models' errors.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
	}
	switch {
	case c.Tempo < 2:
		return bad("tempo %d, want at least 2", c.Tempo)
	case len(c.Models) < 1 || len(c.Models) > 12:
		return bad("%d miners, want 1 to 12", len(c.Models))
	case len(c.ValidatorStake) < 1 || len(c.ValidatorStake) > 2:
		return bad("%d validators, want 1 or 2", len(c.ValidatorStake))
	case c.HotkeyFunds < TAO/100:
		return bad("hotkey funds %d rao, want at least 0.01 TAO", c.HotkeyFunds)
	case c.StepInterval < 0 || c.QueryTimeout <= 0 || c.PollInterval <= 0 || c.TxTimeout <= 0 || c.SlowDelay < 0:
		return bad("intervals and timeouts must be positive")
	case c.Kind != "" && c.Kind != KindForecast && c.Kind != KindStorage:
		return bad("subnet %q, want %s or %s", c.Kind, KindForecast, KindStorage)
	case c.storage() && c.StorageBytes < 1<<20:
		return bad("storage of %d bytes per miner, want at least 1 MiB", c.StorageBytes)
	}
	for i, s := range c.ValidatorStake {
		if s == 0 || s > 100_000*TAO {
			return bad("validator %d stake %d rao, want 1 rao to 100,000 TAO", i, s)
		}
	}
	for _, m := range c.Models {
		if c.storage() {
			if m != StorageHonest && m != StorageSlow && m != StorageLazy {
				return bad("storage miner %q, want %s, %s or %s", m, StorageHonest, StorageSlow, StorageLazy)
			}
			continue
		}
		if _, err := miner.ModelByName(m); err != nil {
			return err
		}
	}
	return c.Round.Validate()
}

// epochLength returns the validators' epoch length.
func (c Config) epochLength() uint64 {
	if c.EpochLength > 0 {
		return c.EpochLength
	}
	return max(uint64(c.Tempo)/2, 1)
}
