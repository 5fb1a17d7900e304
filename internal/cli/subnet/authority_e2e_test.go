package subnet_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/cometbft/cometbft/crypto/ed25519"
)

// TestAuthorityLocalnet changes the validator set of an in-process node
// through the CLI: node show-validator prints the running validator's key;
// authority add makes a second (offline, low-power) key a validator, which
// CometBFT's set shows two blocks later; refusals are named; authority
// remove takes it out again.
func TestAuthorityLocalnet(t *testing.T) {
	n := startNode(t)
	url := n.APIURL()
	cmd := func(args ...string) []string { return append(args, "--node", url) }

	own := strings.TrimSpace(mustRun(t, nil, "node", "show-validator", "--home", n.Home()))
	var ownJSON struct{ Type, Value, Address string }
	mustRun(t, &ownJSON, "node", "show-validator", "--home", n.Home(), "-o", "json")
	if ownJSON.Value != own || ownJSON.Type != "tendermint/PubKeyEd25519" || len(ownJSON.Address) != 40 {
		t.Fatalf("show-validator json %+v, text %q", ownJSON, own)
	}
	type set struct {
		Height     int64 `json:"height"`
		TotalPower int64 `json:"total_power"`
		Validators []struct {
			ConsensusKey string `json:"consensus_key"`
			Power        int64  `json:"power"`
		} `json:"validators"`
	}
	var s set
	mustRun(t, &s, cmd("authority", "list", "-o", "json")...)
	if len(s.Validators) != 1 || s.Validators[0].ConsensusKey != own {
		t.Fatalf("initial set %+v, want the node's key %s", s, own)
	}

	// A second validator with 1 of 11 power: the running node keeps > 2/3.
	newKey := base64.StdEncoding.EncodeToString(ed25519.GenPrivKeyFromSecret([]byte("second")).PubKey().Bytes())
	var r txResult
	mustRun(t, &r, cmd("authority", "add", "--consensus-key", newKey, "--power", "1", "--uri", "//Alice", "-o", "json")...)
	waitFor(t, "the new validator in force", func() bool {
		mustRun(t, &s, cmd("authority", "list", "-o", "json")...)
		return len(s.Validators) == 2
	})
	if s.Height < r.Height+2 || s.TotalPower != 11 {
		t.Fatalf("set %+v after an add in block %d: want it from block %d, total power 11", s, r.Height, r.Height+2)
	}

	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"authority", "add", "--consensus-key", newKey, "--power", "1", "--uri", "//Alice"}, "DuplicateAuthority"},
		{[]string{"authority", "add", "--consensus-key", own, "--power", "5", "--uri", "//Bob"}, "BadOrigin"},
		{[]string{"authority", "remove", "--consensus-key", base64.StdEncoding.EncodeToString(make([]byte, 32)), "--uri", "//Alice"}, "UnknownAuthority"},
	} {
		if _, stderr, code := run(t, cmd(bad.args...)...); code == 0 || !strings.Contains(stderr, bad.want) {
			t.Errorf("%v: exit %d, stderr %q, want %s", bad.args, code, stderr, bad.want)
		}
	}
	if _, stderr, code := run(t, cmd("authority", "add", "--consensus-key", "nonsense", "--power", "1", "--uri", "//Alice")...); code != 2 {
		t.Errorf("bad key: exit %d (%s), want a usage error", code, stderr)
	}

	mustRun(t, nil, cmd("authority", "remove", "--consensus-key", newKey, "--uri", "//Alice")...)
	waitFor(t, "the second validator gone", func() bool {
		mustRun(t, &s, cmd("authority", "list", "-o", "json")...)
		return len(s.Validators) == 1
	})
	if _, stderr, code := run(t, cmd("authority", "remove", "--consensus-key", own, "--uri", "//Alice")...); code == 0 || !strings.Contains(stderr, "EmptyAuthoritySet") {
		t.Errorf("removing the last validator: exit %d, stderr %q", code, stderr)
	}
}
