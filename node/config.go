package node

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/taonet/taonet/internal/atomicfile"
)

// Settings are a node's settings, kept in config/taonet.json. CometBFT's
// configuration is derived from them at start.
type Settings struct {
	// Moniker names the node to its peers.
	Moniker string `json:"moniker"`
	// APIAddr is the host:port the HTTP API listens on (loopback by default).
	APIAddr string `json:"api_addr"`
	// P2PAddr is the host:port CometBFT's p2p layer listens on.
	P2PAddr string `json:"p2p_addr"`
	// PersistentPeers lists peers as id@host:port, comma separated.
	PersistentPeers string `json:"persistent_peers"`
	// BlockTime is the target time between blocks (CometBFT's timeout_commit), e.g. "1s".
	BlockTime string `json:"block_time"`
	// LogLevel is one of debug, info, warn, error.
	LogLevel string `json:"log_level"`
	// SnapshotInterval is the number of blocks between state-sync
	// snapshots this node takes and serves (0: none).
	SnapshotInterval uint64 `json:"snapshot_interval,omitempty"`
	// SnapshotKeepRecent is the number of snapshots kept (0: 2).
	SnapshotKeepRecent int `json:"snapshot_keep_recent,omitempty"`
	// PruningKeepRecent is the number of recent blocks kept; older blocks
	// are pruned, except those a served snapshot needs (0: keep all).
	PruningKeepRecent int64 `json:"pruning_keep_recent,omitempty"`
	// StateSync, when enabled, makes a node with no state restore a
	// snapshot from its peers instead of replaying every block.
	StateSync *StateSyncSettings `json:"state_sync,omitempty"`
}

// StateSyncSettings configure state sync (CometBFT's [statesync]).
type StateSyncSettings struct {
	// Enable turns state sync on for a node that has no state yet.
	Enable bool `json:"enable"`
	// RPCServers are at least two CometBFT JSON-RPC URLs (the same may be
	// given twice) the light client fetches headers and commits from; a
	// taonet node serves one at <api>/cometbft.
	RPCServers []string `json:"rpc_servers"`
	// TrustHeight and TrustHash name a block the operator trusts; the light
	// client verifies every later header from it by validator signatures.
	TrustHeight int64  `json:"trust_height"`
	TrustHash   string `json:"trust_hash"`
	// TrustPeriod is how long validators' signatures stay trusted, e.g. "168h".
	TrustPeriod string `json:"trust_period"`
	// DiscoveryTime is how long to look for snapshots before choosing one, e.g. "5s".
	DiscoveryTime string `json:"discovery_time,omitempty"`
}

// DefaultSettings returns settings for a single local node.
func DefaultSettings() Settings {
	return Settings{Moniker: "taonet", APIAddr: "127.0.0.1:8090", P2PAddr: "127.0.0.1:26656", BlockTime: "1s", LogLevel: "info"}
}

// MinPruningKeepRecent is the fewest blocks a pruning node keeps.
const MinPruningKeepRecent = 100

// ErrInvalidConfig is returned by Validate.
var ErrInvalidConfig = errors.New("node: invalid config")

// Validate checks the settings.
func (s Settings) Validate() error {
	if _, _, err := net.SplitHostPort(s.APIAddr); err != nil {
		return fmt.Errorf("%w: api_addr %q: %v", ErrInvalidConfig, s.APIAddr, err)
	}
	if _, _, err := net.SplitHostPort(s.P2PAddr); err != nil {
		return fmt.Errorf("%w: p2p_addr %q: %v", ErrInvalidConfig, s.P2PAddr, err)
	}
	if d, err := time.ParseDuration(s.BlockTime); err != nil || d <= 0 {
		return fmt.Errorf("%w: block_time %q: want a positive duration such as 1s", ErrInvalidConfig, s.BlockTime)
	}
	if s.PruningKeepRecent < 0 {
		return fmt.Errorf("%w: pruning_keep_recent %d: want 0 (keep all) or more", ErrInvalidConfig, s.PruningKeepRecent)
	}
	if s.PruningKeepRecent > 0 && s.PruningKeepRecent < MinPruningKeepRecent {
		return fmt.Errorf("%w: pruning_keep_recent %d: keep at least %d blocks (peers catching up fetch them)", ErrInvalidConfig, s.PruningKeepRecent, MinPruningKeepRecent)
	}
	if s.SnapshotKeepRecent < 0 {
		return fmt.Errorf("%w: snapshot_keep_recent %d: want 0 (default) or more", ErrInvalidConfig, s.SnapshotKeepRecent)
	}
	if ss := s.StateSync; ss != nil && ss.Enable {
		if len(ss.RPCServers) < 2 {
			return fmt.Errorf("%w: state_sync.rpc_servers: want at least two (a primary and a witness; the same URL may be given twice)", ErrInvalidConfig)
		}
		if ss.TrustHeight <= 0 {
			return fmt.Errorf("%w: state_sync.trust_height: want a positive height", ErrInvalidConfig)
		}
		if h, err := hex.DecodeString(ss.TrustHash); err != nil || len(h) != 32 {
			return fmt.Errorf("%w: state_sync.trust_hash %q: want 32 bytes of hex", ErrInvalidConfig, ss.TrustHash)
		}
		if d, err := time.ParseDuration(ss.TrustPeriod); err != nil || d <= 0 {
			return fmt.Errorf("%w: state_sync.trust_period %q: want a positive duration such as 168h", ErrInvalidConfig, ss.TrustPeriod)
		}
		if ss.DiscoveryTime != "" {
			if d, err := time.ParseDuration(ss.DiscoveryTime); err != nil || d <= 0 {
				return fmt.Errorf("%w: state_sync.discovery_time %q: want a positive duration such as 5s", ErrInvalidConfig, ss.DiscoveryTime)
			}
		}
	}
	switch s.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("%w: log_level %q: want debug, info, warn or error", ErrInvalidConfig, s.LogLevel)
	}
	return nil
}

func settingsPath(home string) string { return filepath.Join(home, "config", "taonet.json") }

// LoadSettings reads config/taonet.json, falling back to defaults for a missing file.
func LoadSettings(home string) (Settings, error) {
	s := DefaultSettings()
	b, err := os.ReadFile(settingsPath(home))
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("node: read settings: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("%w: %s: %v", ErrInvalidConfig, settingsPath(home), err)
	}
	return s, s.Validate()
}

// SaveSettings writes config/taonet.json atomically.
func SaveSettings(home string, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	return atomicfile.Write(settingsPath(home), append(b, '\n'), 0o600)
}

// DefaultPruningKeepRecent is the number of blocks "--pruning default" keeps.
const DefaultPruningKeepRecent = 10000

// ErrInvalidPruning is returned by ParsePruning.
var ErrInvalidPruning = errors.New("node: invalid pruning")

// PruningHelp describes the values ParsePruning accepts, for flag help.
const PruningHelp = `block pruning: "nothing" (keep every block), "default" (keep the last 10000), ` +
	`"everything" (keep the last 100), or "keep-recent=N" / "N" (keep the last N, N >= 100)`

// ParsePruning parses a --pruning value into the number of recent blocks to
// keep (0: keep all).
func ParsePruning(s string) (int64, error) {
	v := strings.TrimSpace(strings.ToLower(s))
	switch v {
	case "", "nothing", "none", "off":
		return 0, nil
	case "default":
		return DefaultPruningKeepRecent, nil
	case "everything":
		return MinPruningKeepRecent, nil
	}
	v = strings.TrimPrefix(v, "keep-recent=")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w %q: want %s", ErrInvalidPruning, s, PruningHelp)
	}
	if n > 0 && n < MinPruningKeepRecent {
		return 0, fmt.Errorf("%w %q: keep at least %d blocks", ErrInvalidPruning, s, MinPruningKeepRecent)
	}
	return n, nil
}
