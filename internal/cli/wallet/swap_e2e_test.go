package wallet_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/apitypes"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/node"
)

type swapEvents struct {
	Height int64 `json:"height"`
	Events []struct {
		Type  string            `json:"type"`
		Attrs map[string]string `json:"attributes"`
	} `json:"events"`
}

func (r swapEvents) attr(typ, key string) string {
	for _, e := range r.Events {
		if e.Type == typ {
			return e.Attrs[key]
		}
	}
	return ""
}

func ss58(t *testing.T, uri string) string {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp.SS58()
}

// TestSwapCommandsLocalnet runs swap-hotkey, swap-coldkey and swap-check
// against an in-process localnet (coldkey swaps run after
// node.LocalnetColdkeySwapScheduleDuration blocks there).
func TestSwapCommandsLocalnet(t *testing.T) {
	n := testnode.Start(t, "swap-cli-test", 100*time.Millisecond)
	url := n.APIURL()
	c := client.New(url)
	ctx := context.Background()
	tc := testnode.NewCLI(t, url)
	cli, mustCLI := tc.Run, tc.Must
	mustCLI(nil, "subnet", "create", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner")
	mustCLI(nil, "subnet", "register", "--netuid", "1", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot")

	var r swapEvents
	mustCLI(&r, "wallet", "swap-hotkey", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot", "--new-hotkey-uri", "//Bob//hot2", "-o", "json")
	if r.attr("HotkeySwapped", "new_hotkey") != ss58(t, "//Bob//hot2") {
		t.Fatalf("swap-hotkey events %+v", r.Events)
	}
	nr, err := c.Neuron(ctx, 1, 1)
	if err != nil || nr.Hotkey != ss58(t, "//Bob//hot2") || nr.Coldkey != ss58(t, "//Bob") {
		t.Fatalf("uid 1 after the swap: %+v %v", nr, err)
	}
	// A registered hotkey is refused with the reference's error; so is a second new-key flag.
	if _, stderr, code := cli("wallet", "swap-hotkey", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot2", "--new-hotkey-uri", "//Alice//owner"); code == 0 || !strings.Contains(stderr, "HotKeyAlreadyRegisteredInSubNet") {
		t.Fatalf("swap to a registered hotkey: exit %d %s", code, stderr)
	}
	if _, _, code := cli("wallet", "swap-hotkey", "--uri", "//Bob", "--hotkey-uri", "//Bob//hot2", "--new-hotkey-uri", "//X", "--new-hotkey-ss58", ss58(t, "//Y")); code != 2 {
		t.Fatalf("two new keys: exit %d, want 2 (usage)", code)
	}

	mustCLI(&r, "wallet", "swap-coldkey", "--uri", "//Charlie", "--new-coldkey-uri", "//Charlie//new", "-o", "json")
	if r.attr("ColdkeySwapScheduled", "new_coldkey") != ss58(t, "//Charlie//new") {
		t.Fatalf("swap-coldkey events %+v", r.Events)
	}
	var one apitypes.ColdkeySwapInfo
	mustCLI(&one, "wallet", "swap-check", "--uri", "//Charlie", "-o", "json")
	if one.Arbitration || len(one.Destinations) != 1 || one.Destinations[0] != ss58(t, "//Charlie//new") ||
		one.ExecutionBlock != uint64(r.Height)+node.LocalnetColdkeySwapScheduleDuration {
		t.Fatalf("swap-check %+v (scheduled at %d)", one, r.Height)
	}
	var all apitypes.ColdkeySwaps
	mustCLI(&all, "wallet", "swap-check", "--all", "-o", "json")
	if len(all.Swaps) != 1 || all.Swaps[0].Coldkey != ss58(t, "//Charlie") || all.ScheduleDuration != node.LocalnetColdkeySwapScheduleDuration {
		t.Fatalf("swap-check --all %+v", all)
	}
	// The balance is frozen until the swap.
	if _, stderr, code := cli("wallet", "transfer", "--uri", "//Charlie", "--dest", ss58(t, "//Dave"), "--amount", "1"); code == 0 || !strings.Contains(stderr, "ColdkeyInSwapSchedule") {
		t.Fatalf("transfer during the schedule: exit %d %s", code, stderr)
	}
	for deadline := time.Now().Add(20 * time.Second); n.Height() <= int64(one.ExecutionBlock); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the swap block")
		}
	}
	stdout, _, code := cli("wallet", "swap-check", "--uri", "//Charlie")
	if code != 0 || !strings.Contains(stdout, "no pending coldkey swap") {
		t.Fatalf("after the swap: exit %d %q", code, stdout)
	}
	if bal, err := c.Balance(ctx, ss58(t, "//Charlie//new")); err != nil || bal == 0 {
		t.Fatalf("the new coldkey's balance %d (%v)", bal, err)
	}
}
