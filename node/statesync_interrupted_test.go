package node

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInterruptedStateSync(t *testing.T) {
	tests := []struct {
		name string
		p    syncProgress
		want bool
	}{
		{"fresh node", syncProgress{}, false},
		{"app restored, CometBFT not bootstrapped", syncProgress{app: 40}, true},
		{"CometBFT bootstrapped, no block yet", syncProgress{app: 40, state: 40}, true},
		{"CometBFT state without the app's", syncProgress{state: 40}, true},
		{"following the chain after state sync", syncProgress{app: 45, state: 45, blocks: 45}, false},
		{"a node that replayed", syncProgress{app: 9, state: 9, blocks: 9}, false},
	}
	for _, tt := range tests {
		if got := tt.p.interrupted(); got != tt.want {
			t.Errorf("%s: interrupted %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestWipeKeepsSigningState: starting state sync over never forgets what
// the validator signed.
func TestWipeKeepsSigningState(t *testing.T) {
	home := t.TempDir()
	data := filepath.Join(home, "data")
	for _, p := range []string{"app/000001.log", "state.db/x", "blockstore.db/x", "state_sync_height", "priv_validator_state.json"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(data, p)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, p), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := wipeForStateSync(home); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(data)
	if len(entries) != 1 || entries[0].Name() != "priv_validator_state.json" {
		t.Fatalf("left %v, want only priv_validator_state.json", entries)
	}
}
