package testnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/node"
)

func TestInitWritesConnectedHomes(t *testing.T) {
	out := t.TempDir()
	res, err := Init(&InitOptions{Validators: 4, FullNodes: 1, Dir: out, ChainID: "tn", P2PBasePort: 36656, APIBasePort: 18090, BlockTime: 1e9})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Nodes) != 5 || res.ChainID != "tn" {
		t.Fatalf("%+v", res)
	}
	var homes []string
	for i, n := range res.Nodes {
		homes = append(homes, n.Home)
		wantRole := "validator"
		if i == 4 {
			wantRole = "full"
		}
		if n.Role != wantRole || n.NodeID == "" || n.Name != "node"+itoa(i) || n.P2P != "127.0.0.1:"+itoa(36656+i) {
			t.Fatalf("node %d: %+v", i, n)
		}
	}
	var genesis []byte
	for i, h := range homes {
		g, err := os.ReadFile(filepath.Join(h, "config", "genesis.json"))
		if err != nil {
			t.Fatal(err)
		}
		if genesis != nil && !bytes.Equal(g, genesis) {
			t.Fatalf("node%d has a different genesis", i)
		}
		genesis = g
		st, err := node.LoadSettings(h)
		if err != nil {
			t.Fatal(err)
		}
		if peers := strings.Split(st.PersistentPeers, ","); len(peers) != 4 {
			t.Fatalf("node%d peers %q", i, st.PersistentPeers)
		}
		if st.APIAddr != "127.0.0.1:"+itoa(18090+i) {
			t.Fatalf("node%d api %s", i, st.APIAddr)
		}
	}
	var doc struct {
		Validators []json.RawMessage `json:"validators"`
		ChainID    string            `json:"chain_id"`
	}
	// The full node is not in the validator set.
	if err := json.Unmarshal(genesis, &doc); err != nil || len(doc.Validators) != 4 || doc.ChainID != "tn" {
		t.Fatalf("genesis: %v %d validators", err, len(doc.Validators))
	}
	// A second init over the same folder refuses to overwrite.
	if _, err := Init(&InitOptions{Validators: 4, Dir: out, ChainID: "tn", P2PBasePort: 36656, APIBasePort: 18090, BlockTime: 1e9}); !errors.Is(err, node.ErrAlreadyInitialized) || !strings.Contains(err.Error(), "choose a new --dir folder") {
		t.Fatalf("re-init: %v (want the refusal with a hint)", err)
	}
	// The default ports stay clear of a localnet's (API 8090, p2p 26656) and a miner's 8091.
	for i := 0; i < 64; i++ {
		if api, p2p := DefaultAPIBasePort+i, DefaultP2PBasePort+i; api == 8090 || api == 8091 || p2p == 26656 {
			t.Fatalf("node%d default ports %d/%d collide with a localnet", i, api, p2p)
		}
	}
	var fe *cmdutil.FlagError
	if _, err := Init(&InitOptions{Validators: 0, Dir: t.TempDir()}); !errors.As(err, &fe) {
		t.Fatalf("0 validators: %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestInitFairLaunch runs "testnet init --fair-launch --output json": the
// genesis every node gets has no accounts, no sudo, no triumvirate and
// subnet 1 open to PoW registration; without the flag it funds the dev
// accounts and makes //Alice sudo.
func TestInitFairLaunch(t *testing.T) {
	for _, fair := range []bool{true, false} {
		var out, errOut bytes.Buffer
		cmd := NewCmd(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		dir := filepath.Join(t.TempDir(), "tn")
		args := []string{"init", "--validators", "2", "--dir", dir, "--chain-id", "fl", "--output", "json"}
		if fair {
			args = append(args, "--fair-launch")
		}
		cmd.SetArgs(args)
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %s", err, errOut.String())
		}
		var res InitResult
		if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.FairLaunch != fair || len(res.Nodes) != 2 {
			t.Fatalf("output %q: %v", out.String(), err)
		}
		raw, err := os.ReadFile(filepath.Join(res.Nodes[1].Home, "config", "genesis.json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			AppState chain.Genesis `json:"app_state"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		g := doc.AppState
		if err := g.Validate(); err != nil {
			t.Fatal(err)
		}
		if !fair {
			if len(g.Accounts) != 6 || g.Sudo == "" || len(g.Subtensor.Subnets) != 0 {
				t.Fatalf("localnet genesis: %d accounts, sudo %q, %d subnets", len(g.Accounts), g.Sudo, len(g.Subtensor.Subnets))
			}
			continue
		}
		if len(g.Accounts) != 0 || g.Sudo != "" || len(g.Governance.Triumvirate) != 0 || len(g.Subtensor.Stakes) != 0 {
			t.Fatalf("fair-launch genesis holds balances or keys: %+v", g)
		}
		if s := g.Subtensor.Subnets; len(s) != 1 || s[0].Netuid != 1 || s[0].Params == nil || !s[0].Params.PowRegistrationAllowed ||
			s[0].Params.Difficulty != chain.FairLaunchDifficulty || s[0].EmissionValue == 0 {
			t.Fatalf("fair-launch subnets %+v", s)
		}
	}
}
