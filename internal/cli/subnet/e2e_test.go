package subnet_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/taonet/taonet/internal/testnode"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/root"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/metagraph"
	"github.com/taonet/taonet/node"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = root.Run(&cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}, args)
	return out.String(), errb.String(), code
}

// mustRun runs a command that must succeed and decodes its JSON output into out (if non-nil).
func mustRun(t *testing.T, out any, args ...string) string {
	t.Helper()
	stdout, stderr, code := run(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\nstdout %s\nstderr %s", args, code, stdout, stderr)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(stdout), out); err != nil {
			t.Fatalf("%v: decode %q: %v", args, stdout, err)
		}
	}
	return stdout
}

func startNode(t *testing.T) *node.Node {
	t.Helper()
	return testnode.Start(t, "subnet-cli-test", 100*time.Millisecond)
}

func addr(t *testing.T, uri string) string {
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp.SS58()
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func mustKey(t *testing.T, uri string) keys.PublicKey {
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp.Public()
}

type txResult struct {
	Height int64 `json:"height"`
	Events []struct {
		Type  string            `json:"type"`
		Attrs map[string]string `json:"attributes"`
	} `json:"events"`
}

func (r txResult) attr(typ, key string) string {
	for _, e := range r.Events {
		if e.Type == typ {
			return e.Attrs[key]
		}
	}
	return ""
}

// TestSubnetLifecycle drives the subnet commands against an in-process
// node: create a subnet, tune it with sudo, register by burn and by PoW,
// stake, wait for an epoch, set weights, become a delegate, join root, and
// read everything back through the CLI and the API; then checks that
// refusals carry the chain's error names (exit 1) and usage errors exit 2.
func TestSubnetLifecycle(t *testing.T) {
	n := startNode(t)
	url := n.APIURL()
	ctx := context.Background()
	c := client.New(url)
	node := []string{"--node", url}
	cmd := func(args ...string) []string { return append(args, node...) }
	alice, bob, charlieHot := addr(t, "//Alice"), addr(t, "//Bob"), addr(t, "//Charlie//hot")

	var r txResult
	mustRun(t, &r, cmd("subnet", "create", "--uri", "//Alice", "--hotkey-uri", "//Alice//hot", "-o", "json")...)
	if r.attr("NetworkAdded", "netuid") != "1" {
		t.Fatalf("subnet create: events %+v", r.Events)
	}
	for _, kv := range [][2]string{
		{"tempo", "10"}, {"max_registrations_per_block", "10"}, {"target_registrations_per_interval", "10"},
		{"weights_set_rate_limit", "0"}, {"min_difficulty", "1"}, {"difficulty", "2000"},
	} {
		mustRun(t, nil, cmd("sudo", "set", "--netuid", "1", "--param", kv[0], "--value", kv[1], "--uri", "//Alice")...)
	}
	var hp struct {
		Tempo      uint16 `json:"tempo"`
		Difficulty uint64 `json:"difficulty"`
	}
	if mustRun(t, &hp, cmd("subnet", "hyperparameters", "--netuid", "1", "-o", "json")...); hp.Tempo != 10 || hp.Difficulty != 2000 {
		t.Fatalf("hyperparameters after sudo: %+v", hp)
	}
	if out := mustRun(t, nil, cmd("subnet", "hyperparameters", "--netuid", "1")...); !strings.Contains(out, "tempo") || !strings.Contains(out, "immunity_period") {
		t.Fatalf("hyperparameters table: %q", out)
	}

	mustRun(t, &r, cmd("subnet", "register", "--netuid", "1", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot", "-o", "json")...)
	if r.attr("NeuronRegistered", "uid") != "1" {
		t.Fatalf("burned register: %+v", r.Events)
	}
	// The PoW hotkey signs its registration, so it pays the fee.
	mustRun(t, nil, cmd("transfer", "--to", charlieHot, "--amount", "1", "--uri", "//Alice")...)
	_, powErr, code := run(t, cmd("subnet", "pow-register", "--netuid", "1", "--uri", "//Charlie//hot",
		"--coldkey-ss58", addr(t, "//Charlie"), "--update-interval", "50ms", "-o", "json")...)
	if code != 0 || !strings.Contains(powErr, "difficulty 2000") || !strings.Contains(powErr, "solved") {
		t.Fatalf("pow-register: exit %d, stderr %q", code, powErr)
	}

	// A wallet on disk: the coldkey signs, the hotkey is read from hotkeys/<name>pub.txt.
	wpath := t.TempDir()
	wflags := []string{"--wallet.name", "w", "--wallet.path", wpath, "--wallet.hotkey", "miner"}
	mustRun(t, nil, "wallet", "regen-coldkey", "--wallet.name", "w", "--wallet.path", wpath, "--seed",
		"0x"+strings.Repeat("11", 32), "--no-password")
	mustRun(t, nil, append([]string{"wallet", "regen-hotkey", "--seed", "0x" + strings.Repeat("22", 32)}, wflags...)...)
	var wc struct {
		Address string `json:"ss58"`
	}
	mustRun(t, &wc, "key", "inspect", "0x"+strings.Repeat("11", 32), "-o", "json")
	mustRun(t, nil, cmd("transfer", "--to", wc.Address, "--amount", "10", "--uri", "//Alice")...)
	mustRun(t, &r, cmd(append([]string{"subnet", "register", "--netuid", "1", "-o", "json"}, wflags...)...)...)
	if r.attr("NeuronRegistered", "uid") != "3" {
		t.Fatalf("register by wallet: %+v", r.Events)
	}

	mustRun(t, nil, cmd("stake", "add", "--amount", "100.5", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")...)
	var stakes struct {
		Total  uint64 `json:"total_stake"`
		Stakes []struct {
			Hotkey string `json:"hotkey"`
			Stake  uint64 `json:"stake"`
		} `json:"stakes"`
	}
	if mustRun(t, &stakes, cmd("stake", "list", "--uri", "//Bob", "-o", "json")...); stakes.Total != 100_500_000_000 || len(stakes.Stakes) != 1 {
		t.Fatalf("stake list: %+v", stakes)
	}
	mustRun(t, nil, cmd("stake", "remove", "--amount", "0.5", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")...)

	// Wait for an epoch to hand out validator permits.
	deadline := time.Now().Add(20 * time.Second)
	for {
		m, err := c.Metagraph(ctx, 1, true)
		if err == nil && m.N == 4 && m.ValidatorPermit[1] {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no validator permit for UID 1: %+v %v", m, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	mustRun(t, nil, cmd("weights", "set", "--netuid", "1", "--uids", "0,1,2", "--weights", "0.2,0.3,0.5", "--uri", "//Bob//hot")...)
	nr, err := c.Neuron(ctx, 1, 1)
	if err != nil || fmt.Sprint(nr.Weights) != "[[0 26214] [1 39321] [2 65535]]" || nr.Stake != 100*1_000_000_000 {
		t.Fatalf("neuron 1 after set weights: %+v %v", nr, err)
	}

	// Commit-reveal: commit in one epoch, reveal in the next.
	mustRun(t, nil, cmd("sudo", "set", "--netuid", "1", "--param", "commit_reveal_weights_enabled", "--value", "true", "--uri", "//Alice")...)
	waitFor(t, "room in the epoch", func() bool {
		s, err := c.Subnet(ctx, 1)
		return err == nil && s.BlocksUntilNextEpoch >= 7
	})
	crArgs := []string{"--netuid", "1", "--uids", "0,1", "--weights", "1,1", "--salt", "7,8,9", "--uri", "//Bob//hot"}
	mustRun(t, &r, cmd(append([]string{"weights", "commit", "-o", "json"}, crArgs...)...)...)
	if r.attr("WeightsCommitted", "hash") == "" {
		t.Fatalf("weights commit: %+v", r.Events)
	}
	epoch := subtensor.EpochIndex(1, 10, uint64(r.Height))
	if _, stderr, code := run(t, cmd(append([]string{"weights", "reveal"}, crArgs...)...)...); code != 1 || !strings.Contains(stderr, "RevealTooEarly") {
		t.Fatalf("early reveal: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := run(t, cmd("weights", "set", "--netuid", "1", "--uids", "0", "--weights", "1", "--uri", "//Bob//hot")...); code != 1 || !strings.Contains(stderr, "CommitRevealEnabled") {
		t.Fatalf("set weights under commit-reveal: exit %d, stderr %q", code, stderr)
	}
	waitFor(t, "the next epoch", func() bool {
		st, err := c.Status(ctx)
		return err == nil && subtensor.EpochIndex(1, 10, uint64(st.Height)) == epoch+1
	})
	mustRun(t, nil, cmd(append([]string{"weights", "reveal"}, crArgs...)...)...)
	if nr, err := c.Neuron(ctx, 1, 1); err != nil || fmt.Sprint(nr.Weights) != "[[0 65535] [1 65535]]" {
		t.Fatalf("neuron 1 after reveal: %+v %v", nr.Weights, err)
	}
	mustRun(t, nil, cmd("sudo", "set", "--netuid", "1", "--param", "commit_reveal_weights_enabled", "--value", "false", "--uri", "//Alice")...)

	// The metagraph through the CLI (table and JSON) and through the API.
	table := mustRun(t, nil, cmd("subnet", "metagraph", "--netuid", "1")...)
	if !strings.Contains(table, addr(t, "//Bob//hot")) || !strings.Contains(table, "100.000000000") || !strings.Contains(table, "CONSENSUS") ||
		!strings.Contains(table, "PRUNING") || !strings.Contains(table, "IMMUNE") {
		t.Fatalf("metagraph table: %q", table)
	}
	var mj struct {
		Block   int64      `json:"block"`
		N       int        `json:"n"`
		Hotkeys []string   `json:"hotkeys"`
		Weights [][][2]int `json:"weights"`
		// Issue 9 rule 3: per-UID pruning score and blocks of immunity left.
		PruningScore        []uint16 `json:"pruning_score"`
		ImmunityLeft        []uint64 `json:"immunity_left"`
		BlockAtRegistration []uint64 `json:"block_at_registration"`
		Subnet              struct {
			Hyperparameters struct {
				ImmunityPeriod uint64 `json:"immunity_period"`
			} `json:"hyperparameters"`
		} `json:"subnet"`
	}
	if mustRun(t, &mj, cmd("subnet", "metagraph", "--netuid", "1", "-o", "json", "--full")...); mj.N != 4 || mj.Hotkeys[2] != charlieHot || len(mj.Weights[1]) != 2 {
		t.Fatalf("metagraph json: %+v", mj)
	}
	if len(mj.PruningScore) != mj.N || len(mj.ImmunityLeft) != mj.N {
		t.Fatalf("metagraph json: pruning_score %v, immunity_left %v for %d UIDs", mj.PruningScore, mj.ImmunityLeft, mj.N)
	}
	for i, left := range mj.ImmunityLeft {
		imm := mj.Subnet.Hyperparameters.ImmunityPeriod
		if want := imm - min(imm, uint64(mj.Block)-mj.BlockAtRegistration[i]); left != want {
			t.Fatalf("uid %d: immunity_left %d, want %d (immunity %d, registered at %d, block %d)", i, left, want, imm, mj.BlockAtRegistration[i], mj.Block)
		}
	}
	var subs struct {
		Subnets []struct {
			Netuid uint16 `json:"netuid"`
			N      uint16 `json:"subnetwork_n"`
		} `json:"subnets"`
	}
	if mustRun(t, &subs, cmd("subnet", "list", "-o", "json")...); len(subs.Subnets) < 2 || subs.Subnets[1].N != 4 {
		t.Fatalf("subnet list: %+v", subs)
	}

	if out := mustRun(t, nil, cmd("subnet", "burn-cost")...); !strings.Contains(out, "lock cost ") || !strings.Contains(out, "1 of 64 subnets") {
		t.Fatalf("burn-cost: %q", out)
	}
	mustRun(t, nil, cmd("delegate", "become", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")...)
	mustRun(t, nil, cmd("delegate", "set-take", "--take", "0.09", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")...)
	var ds struct {
		Delegates []struct {
			Hotkey string `json:"hotkey"`
			Take   uint16 `json:"take"`
		} `json:"delegates"`
	}
	if mustRun(t, &ds, cmd("delegate", "list", "-o", "json")...); len(ds.Delegates) != 1 || ds.Delegates[0].Take != 5898 {
		t.Fatalf("delegate list: %+v", ds)
	}
	mustRun(t, nil, cmd("root", "register", "--uri", "//Alice", "--hotkey-uri", "//Alice//hot")...)
	mustRun(t, nil, cmd("sudo", "set", "--netuid", "0", "--param", "sudo_set_weights_set_rate_limit", "--value", "0", "--uri", "//Alice")...)
	mustRun(t, nil, cmd("root", "weights", "--netuids", "1", "--weights", "1", "--uri", "//Alice", "--hotkey-uri", "//Alice//hot")...)
	if nw, err := c.Network(ctx); err != nil || nw.SubnetCount < 1 || nw.Sudo != alice {
		t.Fatalf("network: %+v %v", nw, err)
	}

	// The SDK metagraph follows the chain over the websocket.
	mg := metagraph.New(c, 1)
	wctx, stop := context.WithCancel(ctx)
	synced := make(chan int64, 16)
	go func() {
		_ = mg.Watch(wctx, metagraph.WatchOptions{Every: 2, OnSync: func(s *metagraph.Snapshot, err error) {
			if err == nil {
				synced <- s.Block
			}
		}})
	}()
	var blocks []int64
	for len(blocks) < 3 {
		select {
		case b := <-synced:
			blocks = append(blocks, b)
		case <-time.After(10 * time.Second):
			t.Fatalf("metagraph watch: synced at %v only", blocks)
		}
	}
	stop()
	if blocks[2] < blocks[1]+2 || blocks[1] <= blocks[0] || mg.N() != 4 || !mg.IsRegistered(mustKey(t, "//Bob//hot")) ||
		mg.Stake(mustKey(t, "//Bob//hot")) != 100*1_000_000_000 {
		t.Fatalf("metagraph watch: synced at %v, n %d", blocks, mg.N())
	}

	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"register twice", cmd("subnet", "register", "--netuid", "1", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"), 1, "HotKeyAlreadyRegisteredInSubNet"},
		{"no such subnet", cmd("subnet", "register", "--netuid", "9", "--uri", "//Bob", "--hotkey-uri", "//Dave//hot"), 1, "SubnetNotExists"},
		{"weights unregistered", cmd("weights", "set", "--netuid", "1", "--uids", "0", "--weights", "1", "--uri", "//Dave"), 1, "HotKeyNotRegisteredInSubNet"},
		{"unstake too much", cmd("stake", "remove", "--amount", "1000", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"), 1, "NotEnoughStakeToWithdraw"},
		{"sudo by non-owner", cmd("sudo", "set", "--netuid", "1", "--param", "tempo", "--value", "20", "--uri", "//Bob"), 1, "BadOrigin"},
		{"metagraph unknown", cmd("subnet", "metagraph", "--netuid", "9"), 1, "SubnetNotExists"},
		{"missing netuid", cmd("subnet", "register", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"), 2, "--netuid is required"},
		{"uri without hotkey", cmd("stake", "add", "--amount", "1", "--uri", "//Bob"), 2, "--hotkey-ss58"},
		{"bad weights", cmd("weights", "set", "--netuid", "1", "--uids", "0,1", "--weights", "1,x", "--uri", "//Bob//hot"), 2, "not a non-negative number"},
		{"weights length", cmd("weights", "set", "--netuid", "1", "--uids", "0,1", "--weights", "1", "--uri", "//Bob//hot"), 2, "2 uids but 1 weights"},
		{"unknown param", cmd("sudo", "set", "--netuid", "1", "--param", "nope", "--value", "1", "--uri", "//Alice"), 2, "unknown --param"},
		{"bad param value", cmd("sudo", "set", "--netuid", "1", "--param", "tempo", "--value", "70000", "--uri", "//Alice"), 2, "want u16"},
		{"bad amount", cmd("stake", "add", "--amount", "1.0000000001", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"), 2, "9 decimals"},
		{"bad take", cmd("delegate", "set-take", "--take", "2", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"), 2, "fraction"},
		{"pow without coldkey", cmd("subnet", "pow-register", "--netuid", "1", "--uri", "//Eve//hot"), 2, "--coldkey-ss58"},
	}
	for _, b := range bad {
		_, stderr, code := run(t, b.args...)
		if code != b.code || !strings.Contains(stderr, b.want) {
			t.Errorf("%s: exit %d (want %d), stderr %q (want %q)", b.name, code, b.code, stderr, b.want)
		}
	}
	_ = bob
}
