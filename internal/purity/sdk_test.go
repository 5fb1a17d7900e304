package purity

import (
	"os/exec"
	"strings"
	"testing"
)

// sdk are the packages people import to write a client, miner or validator.
var sdk = []string{
	"github.com/taonet/taonet/client", "github.com/taonet/taonet/metagraph", "github.com/taonet/taonet/axon",
	"github.com/taonet/taonet/dendrite", "github.com/taonet/taonet/synapse", "github.com/taonet/taonet/apitypes",
	"github.com/taonet/taonet/gateway", "github.com/taonet/taonet/gateway/mixture",
}

// serverSide may not appear in the SDK's dependency graph: the node's
// consensus, storage, state machine and API server.
var serverSide = []string{
	"github.com/cometbft/", "github.com/cockroachdb/pebble",
	"github.com/taonet/taonet/app", "github.com/taonet/taonet/api", "github.com/taonet/taonet/node",
	"github.com/taonet/taonet/store", "github.com/taonet/taonet/chain",
}

// TestSDKHasNoServerDependencies fails if a neuron SDK package pulls in
// CometBFT, Pebble, the state machine or the API server (go list -deps).
func TestSDKHasNoServerDependencies(t *testing.T) {
	out, err := exec.Command("go", append([]string{"list", "-deps"}, sdk...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < len(sdk) {
		t.Fatalf("go list -deps listed %d packages", len(deps))
	}
	for _, d := range deps {
		for _, bad := range serverSide {
			if within(d, bad) {
				t.Errorf("the SDK depends on %s", d)
			}
		}
	}
}
