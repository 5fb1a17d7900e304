package stake_test

import (
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
)

func ss58(t *testing.T, uri string) string {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp.SS58()
}

// TestChildrenCommandsLocalnet: set-children schedules, the children apply
// after the localnet's 15-block cooldown and get-children shows them on
// both sides; refusals carry the reference's error names.
func TestChildrenCommandsLocalnet(t *testing.T) {
	n := testnode.Start(t, "children-cli-test", 100*time.Millisecond)
	url := n.APIURL()
	tc := testnode.NewCLI(t, url)
	cli, mustCLI := tc.Run, tc.Must
	mustCLI(nil, "subnet", "create", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner")
	mustCLI(nil, "stake", "add", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner", "--amount", "100")
	child := ss58(t, "//Bob//hot")
	mustCLI(nil, "subnet", "register", "--netuid", "1", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")

	// Refused by the chain, by name.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--children", ss58(t, "//Alice//owner"), "--proportions", "0.5"}, "InvalidChild"},
		{[]string{"--children", child + "," + ss58(t, "//Charlie//hot"), "--proportions", "0.6,0.6"}, "ProportionOverflow"},
	} {
		args := append([]string{"stake", "set-children", "--netuid", "1", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner"}, tc.args...)
		if _, stderr, code := cli(args...); code == 0 || !strings.Contains(stderr, tc.want) {
			t.Fatalf("%v: exit %d %s, want %s", tc.args, code, stderr, tc.want)
		}
	}
	if _, _, code := cli("stake", "set-children", "--netuid", "1", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner", "--children", child, "--proportions", "0.5,0.1"); code != 2 {
		t.Fatalf("mismatched lists: exit %d, want 2", code)
	}

	mustCLI(nil, "stake", "set-children", "--netuid", "1", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner", "--children", child, "--proportions", "0.25")
	var ck apitypes.Childkeys
	mustCLI(&ck, "stake", "get-children", "--netuid", "1", "--hotkey", ss58(t, "//Alice//owner"), "-o", "json")
	if ck.Pending == nil || len(ck.Pending.Children) != 1 || len(ck.Children) != 0 {
		t.Fatalf("before the cooldown: %+v", ck)
	}
	for deadline := time.Now().Add(30 * time.Second); n.Height() < int64(ck.Pending.AppliesAt); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("height %d, children apply at %d", n.Height(), ck.Pending.AppliesAt)
		}
	}
	ck = apitypes.Childkeys{} // a fresh value: "pending" is omitted once applied
	mustCLI(&ck, "stake", "get-children", "--netuid", "1", "--hotkey", ss58(t, "//Alice//owner"), "-o", "json")
	if len(ck.Children) != 1 || ck.Children[0].Hotkey != child || ck.Pending != nil {
		t.Fatalf("after the cooldown: %+v", ck)
	}
	var childView apitypes.Childkeys
	mustCLI(&childView, "stake", "get-children", "--netuid", "1", "--hotkey", child, "-o", "json")
	if len(childView.Parents) != 1 || childView.Parents[0].Hotkey != ss58(t, "//Alice//owner") || childView.StakeWeight == 0 {
		t.Fatalf("the child's view: %+v", childView)
	}
	mustCLI(nil, "stake", "set-childkey-take", "--netuid", "1", "--take", "0.09", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")
	mustCLI(&childView, "stake", "get-children", "--netuid", "1", "--hotkey", child, "-o", "json")
	if childView.ChildkeyTake != 5898 {
		t.Fatalf("childkey take %d, want 5898", childView.ChildkeyTake)
	}
	if _, stderr, code := cli("stake", "set-childkey-take", "--netuid", "1", "--take", "0.5", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot"); code == 0 || !strings.Contains(stderr, "InvalidChildkeyTake") {
		t.Fatalf("a take above the maximum: exit %d %s", code, stderr)
	}
	text, _, _ := cli("stake", "get-children", "--netuid", "1", "--hotkey", child)
	if !strings.Contains(text, "parents:") || !strings.Contains(text, "0.2500") {
		t.Fatalf("text output:\n%s", text)
	}
}
