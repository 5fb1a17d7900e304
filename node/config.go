package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
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
}

// DefaultSettings returns settings for a single local node.
func DefaultSettings() Settings {
	return Settings{Moniker: "taonet", APIAddr: "127.0.0.1:8090", P2PAddr: "127.0.0.1:26656", BlockTime: "1s", LogLevel: "info"}
}

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
	return writeFileAtomic(settingsPath(home), append(b, '\n'), 0o600)
}

func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
