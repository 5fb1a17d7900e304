package subtensor

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/keys"
)

// TestCorruptRecordsHaltLoudly: every state record decoder checks its
// error; a corrupt record panics with its key named instead of reading as
// absent.
func TestCorruptRecordsHaltLoudly(t *testing.T) {
	e, id, v := weightsEnv(t)
	bad := []byte{1, 2, 3}
	tests := []struct {
		name string
		key  []byte
		read func()
	}{
		{"subnet params", subnetParamsKey(id), func() { Params(e.kv, id) }},
		{"network params", networkParamsKey(), func() { Network(e.kv) }},
		{"subnet state", subnetStateKey(id), func() { State(e.kv, id) }},
		{"neuron", neuronKey(id, 1), func() { GetNeuron(e.kv, id, 1) }},
		{"neurons", neuronKey(id, 1), func() { Neurons(e.kv, id) }},
		{"uid", uidKey(id, v), func() { UID(e.kv, id, v) }},
		{"owner", ownerKey(v), func() { Owner(e.kv, v) }},
		{"take", delegateKey(v), func() { Take(e.kv, v) }},
		{"weights", weightsKey(id, 1), func() { Weights(e.kv, id, 1) }},
		{"bonds", bondsKey(id, 1), func() { Bonds(e.kv, id, 1) }},
		{"axon", axonKey(id, v), func() { Axon(e.kv, id, v) }},
		{"prometheus", prometheusKey(id, v), func() { Prometheus(e.kv, id, v) }},
		{"commits", commitsKey(id, v), func() { Commits(e.kv, id, v) }},
		{"sudo", sudoKey(), func() { Sudo(e.kv) }},
		{"total stake", totalStakeKey(), func() { TotalStake(e.kv) }},
		{"stake", stakeKey(v, acct("v")), func() { Nominators(e.kv, v) }},
		{"hotkey stake", totalHotkeyKey(v), func() { TotalHotkeyStake(e.kv, v) }},
		{"scheduled dissolution", dissolveAtKey(uint64(e.height+1), id), func() {
			e.height++
			defer func() { e.height-- }()
			_ = BeginBlock(e.ctx(keys.PublicKey{}))
		}},
		{"balance", append(bank.BalancePrefix(), v[:]...), func() { bank.Balance(e.kv, v) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := e.kv.Get(tt.key)
			e.kv.Set(tt.key, bad)
			defer func() {
				if old == nil {
					e.kv.Delete(tt.key)
				} else {
					e.kv.Set(tt.key, old)
				}
				r := recover()
				if r == nil {
					t.Fatal("a corrupt record read without a panic")
				}
				if msg := fmt.Sprint(r); !strings.Contains(msg, hex.EncodeToString(tt.key)) {
					t.Fatalf("panic %q does not name the key %x", msg, tt.key)
				}
			}()
			tt.read()
		})
	}
}
