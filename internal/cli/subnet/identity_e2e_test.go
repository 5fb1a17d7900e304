package subnet_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/taonet/taonet/client"
)

// TestIdentitiesCLI publishes a coldkey's and a subnet's identity through
// the CLI and reads them back from the API, subnet list and delegate list.
func TestIdentitiesCLI(t *testing.T) {
	n := startNode(t)
	cmd := func(args ...string) []string { return append(args, "--node", n.APIURL()) }
	c := client.New(n.APIURL())
	ctx := context.Background()
	mustRun(t, nil, cmd("subnet", "create", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner")...)
	if _, stderr, code := run(t, cmd("wallet", "set-identity", "--name", "Bob", "--uri", "//Bob")...); code != 1 || !strings.Contains(stderr, "HotKeyNotRegisteredInNetwork") {
		t.Fatalf("unregistered coldkey: exit %d %s", code, stderr)
	}
	mustRun(t, nil, cmd("wallet", "set-identity", "--name", "Alice Labs", "--url", "https://alice.example", "--uri", "//Alice")...)
	if _, stderr, code := run(t, cmd("wallet", "set-identity", "--name", strings.Repeat("x", 300), "--uri", "//Alice")...); code != 1 || !strings.Contains(stderr, "InvalidIdentity") {
		t.Fatalf("name over its limit: exit %d %s", code, stderr)
	}
	mustRun(t, nil, cmd("subnet", "set-identity", "--netuid", "1", "--subnet-name", "Forecasts", "--subnet-url", "https://f.example", "--uri", "//Alice")...)
	if _, stderr, code := run(t, cmd("subnet", "set-identity", "--netuid", "1", "--subnet-name", "Mine", "--uri", "//Bob")...); code != 1 || !strings.Contains(stderr, "NotSubnetOwner") {
		t.Fatalf("not the owner: exit %d %s", code, stderr)
	}

	id, err := c.Identity(ctx, addr(t, "//Alice"))
	if err != nil || id.Identity.Name != "Alice Labs" || id.Identity.URL != "https://alice.example" {
		t.Fatalf("GET /v1/identities: %+v %v", id, err)
	}
	if _, err := c.Identity(ctx, addr(t, "//Bob")); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("no identity: %v, want not found", err)
	}
	s, err := c.Subnet(ctx, 1)
	if err != nil || s.Identity == nil || s.Identity.SubnetName != "Forecasts" {
		t.Fatalf("subnet identity %+v %v", s.Identity, err)
	}
	if out := mustRun(t, nil, cmd("subnet", "list")...); !strings.Contains(out, "Forecasts") {
		t.Fatalf("subnet list does not show the name:\n%s", out)
	}
	mustRun(t, nil, cmd("root", "register", "--uri", "//Alice", "--hotkey-uri", "//Alice//owner")...)
	if out := mustRun(t, nil, cmd("delegate", "list")...); !strings.Contains(out, "Alice Labs") {
		t.Fatalf("delegate list does not show the owner's name:\n%s", out)
	}
}
