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
// TestCorruptKeysHaltLoudly: a record whose key does not have its
// layout's length (an id or account cut short or overlong) panics with the
// key named instead of being skipped, misread or read out of range.
func TestCorruptKeysHaltLoudly(t *testing.T) {
	e, id, v := weightsEnv(t)
	tests := []struct {
		name string
		key  []byte
		read func()
	}{
		{"netuids", append(subnetParamsPrefix(), 7), func() { Netuids(e.kv) }},
		{"neurons", append(neuronPrefix(id), 0, 1, 2), func() { Neurons(e.kv, id) }},
		{"registrations", append(membershipPrefix(v), 9), func() { Registrations(e.kv, v) }},
		{"owned hotkeys", append(ownedHotkeyPrefix(acct("v")), 1, 2), func() { OwnedHotkeys(e.kv, acct("v")) }},
		{"nominators", append(stakePrefix(v), 1), func() { Nominators(e.kv, v) }},
		{"stakes of coldkey", append(coldkeyStakePrefix(acct("v")), 1), func() { StakesOfColdkey(e.kv, acct("v")) }},
		{"epoch weights", append(weightsPrefix(id), 5), func() { EpochInput(e.kv, id, &SubnetParams{}, uint64(e.height), 0) }},
		{"accounts", append(bank.BalancePrefix(), 1, 2, 3), func() { bank.Accounts(e.kv, func(keys.PublicKey, uint64) bool { return true }) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.kv.Set(tt.key, []byte{1})
			defer func() {
				e.kv.Delete(tt.key)
				wantCorruptPanic(t, recover(), tt.key)
			}()
			tt.read()
		})
	}
}

func wantCorruptPanic(t *testing.T, r any, key []byte) {
	t.Helper()
	if r == nil {
		t.Fatal("a corrupt record read without a panic")
	}
	if msg := fmt.Sprint(r); !strings.Contains(msg, "corrupt") || !strings.Contains(msg, hex.EncodeToString(key)) {
		t.Fatalf("panic %q does not name the key %x", msg, key)
	}
}

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
		{"stake", stakeKey(v, acct("v")), func() { Stake(e.kv, v, acct("v")) }},
		{"nominators", stakeKey(v, acct("v")), func() { Nominators(e.kv, v) }},
		{"hotkey total stake", totalHotkeyKey(v), func() { TotalHotkeyStake(e.kv, v) }},
		{"issuance", []byte{bank.Prefix, 0x02}, func() { bank.TotalIssuance(e.kv) }},
		{"accounts", append(bank.BalancePrefix(), v[:]...), func() { bank.Accounts(e.kv, func(keys.PublicKey, uint64) bool { return true }) }},
		{"epoch weights", weightsKey(id, 1), func() { EpochInput(e.kv, id, &SubnetParams{}, uint64(e.height), 0) }},
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
				wantCorruptPanic(t, recover(), tt.key)
			}()
			tt.read()
		})
	}
}
