package app_test

import (
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/ed25519"
	cryptoenc "github.com/cometbft/cometbft/crypto/encoding"

	"filippo.io/edwards25519"

	"github.com/taonet/taonet/chain/authority"
	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// consensusKey returns a deterministic ed25519 consensus key.
func consensusKey(seed string) [32]byte {
	var k [32]byte
	copy(k[:], ed25519.GenPrivKeyFromSecret([]byte(seed)).PubKey().Bytes())
	return k
}

func genesisValidator(t *testing.T, k [32]byte, power int64) abci.ValidatorUpdate {
	t.Helper()
	pk, err := cryptoenc.PubKeyToProto(ed25519.PubKey(k[:]))
	if err != nil {
		t.Fatal(err)
	}
	return abci.ValidatorUpdate{PubKey: pk, Power: power}
}

// TestAuthorityChanges drives add/remove through blocks and checks the
// state, the ValidatorUpdates handed to CometBFT and every refusal.
func TestAuthorityChanges(t *testing.T) {
	v0, v1, v2 := consensusKey("v0"), consensusKey("v1"), consensusKey("v2")
	g := testchain.Genesis(t, "auth", 1_000_000_000_000, "//Alice", "//Bob")
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	g.Sudo = alice.SS58()
	c := testchain.New(t, g, testchain.Options{Validators: []abci.ValidatorUpdate{genesisValidator(t, v0, 10)}})
	set := func() string {
		var s string
		c.Read(func(r store.Reader) {
			for _, a := range authority.Set(r) {
				s += fmt.Sprintf("%X:%d ", a.Key[:2], a.Power)
			}
		})
		return s
	}
	c.Block() // the genesis state commits with the first block
	if got, want := set(), fmt.Sprintf("%X:10 ", v0[:2]); got != want {
		t.Fatalf("genesis set %q, want %q", got, want)
	}

	// Add v1: one update, power 3.
	res := c.Block(c.Tx(alice, tx.AddAuthority{Key: v1, Power: 3}))
	if !res[0].OK() {
		t.Fatalf("add: %+v", res[0])
	}
	if len(c.ValidatorUpdates) != 1 || c.ValidatorUpdates[0].Power != 3 || string(c.ValidatorUpdates[0].PubKey.GetEd25519()) != string(v1[:]) {
		t.Fatalf("updates %v", c.ValidatorUpdates)
	}
	c.Block()
	if len(c.ValidatorUpdates) != 0 {
		t.Fatalf("an empty block carried updates %v", c.ValidatorUpdates)
	}

	// Add and remove v2 in one block: no update at all (CometBFT would
	// refuse to remove a key it does not have).
	res = c.Block(c.Tx(alice, tx.AddAuthority{Key: v2, Power: 5}), c.Tx(alice, tx.RemoveAuthority{Key: v2}))
	if !res[0].OK() || !res[1].OK() || len(c.ValidatorUpdates) != 0 {
		t.Fatalf("add+remove in one block: %+v, updates %v", res, c.ValidatorUpdates)
	}

	// Refusals: each named, state unchanged (the fee and nonce are spent).
	var badKey [32]byte // not the encoding of a curve point
	for badKey[0] = 2; ; badKey[0]++ {
		if _, err := new(edwards25519.Point).SetBytes(badKey[:]); err != nil {
			break
		}
	}
	cases := []struct {
		name   string
		signer string
		call   tx.Call
		want   *module.Error
	}{
		{"duplicate key", "alice", tx.AddAuthority{Key: v1, Power: 1}, authority.ErrDuplicateAuthority},
		{"zero power", "alice", tx.AddAuthority{Key: v2, Power: 0}, authority.ErrInvalidAuthority},
		{"not an ed25519 key", "alice", tx.AddAuthority{Key: badKey, Power: 1}, authority.ErrInvalidAuthority},
		{"power bound", "alice", tx.AddAuthority{Key: v2, Power: authority.MaxTotalPower}, authority.ErrAuthorityPowerBound},
		{"unknown key", "alice", tx.RemoveAuthority{Key: v2}, authority.ErrUnknownAuthority},
		{"not root", "bob", tx.AddAuthority{Key: v2, Power: 1}, governance.ErrBadOrigin},
	}
	for _, tc := range cases {
		signer := alice
		if tc.signer == "bob" {
			signer = bob
		}
		before := set()
		res := c.Block(c.Tx(signer, tc.call))
		if res[0].OK() || res[0].Error != tc.want.Name {
			t.Errorf("%s: result %+v, want %s", tc.name, res[0], tc.want.Name)
		}
		if set() != before || len(c.ValidatorUpdates) != 0 {
			t.Errorf("%s: set changed to %q or updates %v", tc.name, set(), c.ValidatorUpdates)
		}
	}

	// Remove v1, then removing the last validator is refused.
	c.Block(c.Tx(alice, tx.RemoveAuthority{Key: v1}))
	if len(c.ValidatorUpdates) != 1 || c.ValidatorUpdates[0].Power != 0 {
		t.Fatalf("remove: updates %v", c.ValidatorUpdates)
	}
	res = c.Block(c.Tx(alice, tx.RemoveAuthority{Key: v0}))
	if res[0].OK() || res[0].Error != authority.ErrEmptyAuthoritySet.Name {
		t.Fatalf("removing the last validator: %+v", res[0])
	}
}
