package echo_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/testnode"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/subnets/echo"
	"github.com/taonet/taonet/tx"
)

func key(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	k, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestWalkthrough runs the README's walkthrough on an in-process localnet:
// //Alice creates subnet 1, registers the echo miner and validator, and the
// validator's steps reward the miner's reversed words.
func TestWalkthrough(t *testing.T) {
	n := testnode.Start(t, "echo-walkthrough", 100*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := client.New(n.APIURL())
	alice := key(t, "//Alice")
	if _, err := c.SignAndSubmit(ctx, alice, tx.RegisterNetwork{Hotkey: key(t, "//Alice//owner").Public()}, 0, true); err != nil {
		t.Fatal(err)
	}
	miner, validator := key(t, "//Alice//echo-miner"), key(t, "//Alice//echo-validator")
	if err := echo.Setup(ctx, c, 1, alice, miner, validator, 1000*1_000_000_000); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := echo.RunLocal(ctx, c, 1, miner, validator, 3, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "rewards [1]") {
		t.Fatalf("the validator never rewarded the miner:\n%s", out.String())
	}
}

func TestReverse(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "a", "taonet": "tenoat", "τao": "oaτ"} {
		if got := echo.Reverse(in); got != want {
			t.Errorf("Reverse(%q) = %q, want %q", in, got, want)
		}
	}
}
