package mainnetday

import (
	"errors"
	"fmt"

	"github.com/taonet/taonet/chain/subtensor"
)

// ErrBadConfig is returned for a Config that cannot describe a network.
var ErrBadConfig = errors.New("mainnetday: invalid configuration")

// Config describes the replayed network and its workload.
type Config struct {
	// Blocks is the number of measured blocks (a day is 7,200).
	Blocks int
	// Subnets is the number of subnets (netuids 1..Subnets).
	Subnets int
	// UIDs is each subnet's max_allowed_uids; setup fills them all.
	UIDs int
	// Validators is the number of validator hotkeys, registered on every
	// subnet and on root; also each subnet's max_allowed_validators.
	Validators int
	// Tempo is every subnet's tempo in blocks.
	Tempo int
	// Seed makes the workload: the same seed gives the same blocks.
	Seed uint64
	// Nominators is the number of staking and transferring coldkeys.
	Nominators int
	// ChurnPerTempo is each subnet's burned registrations of fresh hotkeys per tempo.
	ChurnPerTempo int
	// StakeMovesPerBlock is the add_stake calls per block, and as many remove_stake.
	StakeMovesPerBlock int
	// TransfersPerBlock is the transfers per block.
	TransfersPerBlock int
}

// DefaultConfig is a day of a 64-subnet network of 256 UIDs and 64
// validators at tempo 360.
func DefaultConfig() Config {
	return Config{
		Blocks: 7200, Subnets: 64, UIDs: 256, Validators: 64, Tempo: 360, Seed: 1,
		Nominators: 256, ChurnPerTempo: 3, StakeMovesPerBlock: 4, TransfersPerBlock: 8,
	}
}

// Validate checks c's bounds.
func (c Config) Validate() error {
	switch {
	case c.Blocks < 1:
		return fmt.Errorf("%w: blocks %d, want at least 1", ErrBadConfig, c.Blocks)
	case c.Subnets < 1 || c.Subnets > 1024:
		return fmt.Errorf("%w: subnets %d, want 1..1024", ErrBadConfig, c.Subnets)
	case c.UIDs < 2 || c.UIDs > int(subtensor.MaxUIDs):
		return fmt.Errorf("%w: uids %d, want 2..%d", ErrBadConfig, c.UIDs, subtensor.MaxUIDs)
	case c.Validators < 1 || c.Validators >= c.UIDs:
		return fmt.Errorf("%w: validators %d, want 1..uids-1 (%d)", ErrBadConfig, c.Validators, c.UIDs-1)
	case c.Validators > 64:
		return fmt.Errorf("%w: validators %d, want at most 64 (the root network's size)", ErrBadConfig, c.Validators)
	case c.Tempo < 2 || c.Tempo > 65535:
		return fmt.Errorf("%w: tempo %d, want 2..65535", ErrBadConfig, c.Tempo)
	case c.Nominators < 2:
		return fmt.Errorf("%w: nominators %d, want at least 2", ErrBadConfig, c.Nominators)
	case c.ChurnPerTempo < 0 || c.StakeMovesPerBlock < 0 || c.TransfersPerBlock < 0:
		return fmt.Errorf("%w: negative per-block counts", ErrBadConfig)
	}
	return nil
}
