package subnet_test

import (
	"context"
	"strings"
	"testing"

	"github.com/taonet/taonet/client"
)

// TestGovernanceLocalnet drives the committees through the CLI on an
// in-process localnet (//Alice is sudo and the only triumvirate member):
// three root validators form the senate; a motion to change a subnet's
// tempo passes with two ayes and takes effect; a second with one aye and
// two nays is rejected and changes nothing; a non-member's vote is refused.
func TestGovernanceLocalnet(t *testing.T) {
	n := startNode(t)
	url := n.APIURL()
	ctx := context.Background()
	c := client.New(url)
	cmd := func(args ...string) []string { return append(args, "--node", url) }

	mustRun(t, nil, cmd("subnet", "create", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner")...)
	senators := []string{"//Bob", "//Charlie", "//Dave"}
	for _, s := range senators {
		// One root registration per block; let a block pass so the mempool's
		// view has the counter reset.
		h := n.Height()
		waitFor(t, "next block", func() bool { return n.Height() > h })
		mustRun(t, nil, cmd("root", "register", "--uri", s, "--hotkey-uri", s+"//gov")...)
	}
	var senate struct {
		Senate      []struct{ Hotkey string } `json:"senate"`
		Triumvirate []string                  `json:"triumvirate"`
	}
	waitFor(t, "three senators", func() bool {
		mustRun(t, &senate, cmd("root", "senate", "-o", "json")...)
		return len(senate.Senate) == 3
	})
	if len(senate.Triumvirate) != 1 || senate.Triumvirate[0] != addr(t, "//Alice") {
		t.Fatalf("triumvirate %v, want //Alice only", senate.Triumvirate)
	}

	tempo := func() uint16 {
		t.Helper()
		s, err := c.Subnet(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		return s.Tempo
	}
	propose := func(value string) string {
		t.Helper()
		var r txResult
		mustRun(t, &r, cmd("root", "propose", "--call", "sudo set --netuid 1 --param tempo --value "+value, "--uri", "//Alice", "-o", "json")...)
		h := r.attr("Proposed", "proposal_hash")
		if h == "" || r.attr("Proposed", "threshold") != "2" {
			t.Fatalf("propose: events %+v", r.Events)
		}
		return h
	}
	vote := func(who, hash, side string) (string, int) {
		_, stderr, code := run(t, cmd("root", "senate-vote", "--proposal", hash, side, "--uri", who, "--hotkey-uri", who+"//gov")...)
		return stderr, code
	}
	closeMotion := func(hash string) txResult {
		t.Helper()
		var r txResult
		mustRun(t, &r, cmd("root", "close-proposal", "--proposal", hash, "--uri", "//Ferdie", "-o", "json")...)
		return r
	}

	before := tempo()
	h1 := propose("20")
	if stderr, code := vote("//Eve", h1, "--vote-aye"); code != 1 || !strings.Contains(stderr, "NotSenateMember") {
		t.Fatalf("non-member vote: exit %d, stderr %s", code, stderr)
	}
	if stderr, code := vote("//Bob", h1, "--vote-aye"); code != 0 {
		t.Fatalf("bob aye: %s", stderr)
	}
	if _, stderr, code := run(t, cmd("root", "close-proposal", "--proposal", h1, "--uri", "//Ferdie")...); code != 1 || !strings.Contains(stderr, "TooEarly") {
		t.Fatalf("early close: exit %d, stderr %s", code, stderr)
	}
	if stderr, code := vote("//Charlie", h1, "--vote-aye"); code != 0 {
		t.Fatalf("charlie aye: %s", stderr)
	}
	if r := closeMotion(h1); r.attr("Executed", "result") != "ok" {
		t.Fatalf("close passed motion: events %+v", r.Events)
	}
	if got := tempo(); got != 20 || got == before {
		t.Fatalf("tempo %d after the passed motion, want 20 (was %d)", got, before)
	}

	h2 := propose("30")
	for who, side := range map[string]string{"//Bob": "--vote-aye", "//Charlie": "--vote-nay", "//Dave": "--vote-nay"} {
		if stderr, code := vote(who, h2, side); code != 0 {
			t.Fatalf("%s %s: %s", who, side, stderr)
		}
	}
	if r := closeMotion(h2); r.attr("Disapproved", "proposal_hash") != h2 || r.attr("Executed", "result") != "" {
		t.Fatalf("close rejected motion: events %+v", r.Events)
	}
	if got := tempo(); got != 20 {
		t.Fatalf("tempo %d after the rejected motion, want 20", got)
	}
	g, err := c.Governance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Proposals) != 0 || len(g.Senate) != 3 || g.Sudo != addr(t, "//Alice") || g.Params.MotionDuration != 3600 {
		t.Fatalf("GET /v1/governance: %+v", g)
	}
}

// TestSubnetDissolveCLI: the owner schedules a dissolution (no instant
// refund), an immediate one needs sudo.
func TestSubnetDissolveCLI(t *testing.T) {
	n := startNode(t)
	cmd := func(args ...string) []string { return append(args, "--node", n.APIURL()) }
	mustRun(t, nil, cmd("subnet", "create", "--uri", "//Bob", "--hotkey-uri", "//Bob//owner")...)
	var r txResult
	mustRun(t, &r, cmd("subnet", "dissolve", "--netuid", "1", "--uri", "//Bob", "-o", "json")...)
	if at := r.attr("DissolveNetworkScheduled", "execution_block"); at == "" || at == "0" {
		t.Fatalf("schedule: events %+v", r.Events)
	}
	if _, stderr, code := run(t, cmd("subnet", "dissolve", "--netuid", "1", "--uri", "//Bob")...); code != 1 || !strings.Contains(stderr, "FailedToSchedule") {
		t.Fatalf("second schedule: exit %d %s", code, stderr)
	}
	if _, stderr, code := run(t, cmd("subnet", "dissolve", "--netuid", "1", "--now", "--uri", "//Bob")...); code != 1 || !strings.Contains(stderr, "BadOrigin") {
		t.Fatalf("owner dissolving at once: exit %d %s", code, stderr)
	}
	mustRun(t, &r, cmd("subnet", "dissolve", "--netuid", "1", "--now", "--uri", "//Alice", "-o", "json")...)
	if r.attr("NetworkRemoved", "netuid") != "1" {
		t.Fatalf("sudo dissolve: events %+v", r.Events)
	}
}
