package node

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cometbft/cometbft/crypto/ed25519"
	cmtjson "github.com/cometbft/cometbft/libs/json"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/taonet/taonet/chain"
)

// ErrAlreadyInitialized is returned when a home folder already holds a genesis.
var ErrAlreadyInitialized = errors.New("node: home already initialized")

// Member is one node of a network being initialised.
type Member struct {
	// Home is the node's home folder.
	Home string
	// Settings are written to the node's config/taonet.json (PersistentPeers is filled in).
	Settings Settings
	// Power is the validator's voting power (default 10).
	Power int64
	// FullNode makes the member a non-validator: it follows and serves the
	// chain but is not in the genesis validator set.
	FullNode bool
}

// InitNetwork writes home folders for a network whose validators are the
// members: keys, a shared genesis (app state g) and settings that connect
// every member to every other. It refuses to touch a home that already has
// a genesis.
func InitNetwork(g *chain.Genesis, members []Member, genesisTime time.Time) error {
	validators := 0
	for _, m := range members {
		if !m.FullNode {
			validators++
		}
	}
	if validators == 0 {
		return fmt.Errorf("%w: no validators", ErrInvalidConfig)
	}
	if err := g.Validate(); err != nil {
		return err
	}
	appState, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("node: encode app state: %w", err)
	}
	doc := &cmttypes.GenesisDoc{
		GenesisTime:     genesisTime.UTC(),
		ChainID:         g.ChainID,
		InitialHeight:   1,
		ConsensusParams: cmttypes.DefaultConsensusParams(),
		AppState:        appState,
	}
	peers := make([]string, len(members))
	for i := range members {
		m := &members[i]
		if _, err := os.Stat(genesisPath(m.Home)); err == nil {
			return fmt.Errorf("%w: %s", ErrAlreadyInitialized, m.Home)
		}
		if err := m.Settings.Validate(); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(m.Home, "config"), 0o700); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(m.Home, "data"), 0o700); err != nil {
			return err
		}
		nk, err := p2p.LoadOrGenNodeKey(nodeKeyPath(m.Home))
		if err != nil {
			return fmt.Errorf("node: node key: %w", err)
		}
		pv := privval.LoadOrGenFilePV(privValKeyPath(m.Home), privValStatePath(m.Home))
		pub, err := pv.GetPubKey()
		if err != nil {
			return err
		}
		power := m.Power
		if power == 0 {
			power = 10
		}
		name := m.Settings.Moniker
		if name == "" {
			name = fmt.Sprintf("validator-%d", i)
		}
		if !m.FullNode {
			doc.Validators = append(doc.Validators, cmttypes.GenesisValidator{Address: pub.Address(), PubKey: pub, Power: power, Name: name})
		}
		peers[i] = fmt.Sprintf("%s@%s", nk.ID(), m.Settings.P2PAddr)
	}
	if err := doc.ValidateAndComplete(); err != nil {
		return fmt.Errorf("node: genesis: %w", err)
	}
	for i, m := range members {
		others := make([]string, 0, len(peers)-1)
		for j, p := range peers {
			if j != i {
				others = append(others, p)
			}
		}
		m.Settings.PersistentPeers = strings.Join(others, ",")
		if err := SaveSettings(m.Home, m.Settings); err != nil {
			return err
		}
		if err := doc.SaveAs(genesisPath(m.Home)); err != nil {
			return fmt.Errorf("node: write genesis: %w", err)
		}
	}
	return nil
}

// NodeID returns the CometBFT node id of the node in home (its p2p identity).
func NodeID(home string) (string, error) {
	nk, err := p2p.LoadNodeKey(nodeKeyPath(home))
	if err != nil {
		return "", fmt.Errorf("node: node key: %w", err)
	}
	return string(nk.ID()), nil
}

// Initialized reports whether home holds a genesis.
func Initialized(home string) bool {
	_, err := os.Stat(genesisPath(home))
	return err == nil
}

func genesisPath(home string) string { return filepath.Join(home, "config", "genesis.json") }
func nodeKeyPath(home string) string { return filepath.Join(home, "config", "node_key.json") }
func privValKeyPath(home string) string {
	return filepath.Join(home, "config", "priv_validator_key.json")
}
func privValStatePath(home string) string {
	return filepath.Join(home, "data", "priv_validator_state.json")
}

// ConsensusKey is a node's validator (consensus) public key.
type ConsensusKey struct {
	// Type is CometBFT's key type name ("tendermint/PubKeyEd25519").
	Type string `json:"type"`
	// Value is the public key, base64 (what authority add --consensus-key takes).
	Value string `json:"value"`
	// Address is CometBFT's validator address (hex).
	Address string `json:"address"`
}

// ShowValidator reads the consensus public key of the node in home, as
// CometBFT's show-validator prints it.
func ShowValidator(home string) (*ConsensusKey, error) {
	b, err := os.ReadFile(privValKeyPath(home))
	if err != nil {
		return nil, fmt.Errorf("node: consensus key: %w", err)
	}
	var k privval.FilePVKey
	if err := cmtjson.Unmarshal(b, &k); err != nil || k.PubKey == nil {
		return nil, fmt.Errorf("%w: %s: not a CometBFT validator key file", ErrInvalidConfig, privValKeyPath(home))
	}
	if k.PubKey.Type() != ed25519.KeyType {
		return nil, fmt.Errorf("%w: consensus key type %q, want ed25519", ErrInvalidConfig, k.PubKey.Type())
	}
	return &ConsensusKey{Type: ed25519.PubKeyName, Value: base64.StdEncoding.EncodeToString(k.PubKey.Bytes()), Address: k.PubKey.Address().String()}, nil
}
