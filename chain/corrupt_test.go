package chain_test

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/authority"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/governance"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

// TestCorruptStateStopsTheBlock: a corrupt record met while executing a
// block panics with its key named (the node stops), in the block hooks and
// in a transaction alike; it never reads as absent, and a transaction that
// meets one never turns into an ordinary failed result. Keys are the
// documented schemas (the doc comments of chain/auth, chain/bank, chain/coinbase and
// chain/governance's keys.go).
func TestCorruptStateStopsTheBlock(t *testing.T) {
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	transfer := func(t *testing.T) []byte {
		x := &tx.Tx{ChainID: "corrupt", Call: tx.Transfer{Dest: bob.Public(), Value: tao}}
		if err := x.Sign(alice); err != nil {
			t.Fatal(err)
		}
		return x.Encode()
	}
	pk := alice.Public()
	tests := []struct {
		name string
		key  []byte
		run  func(t *testing.T, c *chain.Chain, env module.Env, kv store.KV)
	}{
		{"nonce in a tx", module.Key(auth.Prefix, []byte{0x01}, pk[:]), applyTx(transfer)},
		{"base fee in a tx", []byte{auth.Prefix, 0x02}, applyTx(transfer)},
		{"balance in a tx", bank.BalanceKey(pk), applyTx(transfer)},
		{"total issuance at block start", []byte{bank.Prefix, 0x02}, beginBlock},
		{"coinbase pool at block start", []byte{0x03, 0x02}, beginBlock},
		{"governance params", []byte{governance.Prefix, 0x01}, func(_ *testing.T, _ *chain.Chain, _ module.Env, kv store.KV) {
			governance.GetParams(kv)
		}},
		{"authority power", append([]byte{authority.Prefix, 0x01}, pk[:]...), func(_ *testing.T, _ *chain.Chain, _ module.Env, kv store.KV) {
			authority.Set(kv)
		}},
		{"authority key of the wrong length", []byte{authority.Prefix, 0x01, 0xaa}, func(_ *testing.T, _ *chain.Chain, _ module.Env, kv store.KV) {
			authority.TotalPower(kv)
		}},
		{"authority change record at block end", append([]byte{authority.Prefix, 0x02}, pk[:]...), endBlock},
		{"governance proposal count", []byte{governance.Prefix, 0x05}, func(_ *testing.T, _ *chain.Chain, _ module.Env, kv store.KV) {
			governance.ProposalCount(kv)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testchain.Genesis(t, "corrupt", 100*tao, "//Alice", "//Bob")
			kv := store.NewCache(storetest.NewModelKV())
			if err := chain.InitGenesis(kv, g); err != nil {
				t.Fatal(err)
			}
			kv.Set(tt.key, []byte{0xde, 0xad, 0xbe})
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("a corrupt record did not stop the block")
				}
				if msg := fmt.Sprint(r); !strings.Contains(msg, hex.EncodeToString(tt.key)) {
					t.Fatalf("panic %q does not name the key %x", msg, tt.key)
				}
			}()
			tt.run(t, chain.New(), module.Env{ChainID: "corrupt", Height: 1}, kv)
		})
	}
}

func applyTx(raw func(*testing.T) []byte) func(*testing.T, *chain.Chain, module.Env, store.KV) {
	return func(t *testing.T, c *chain.Chain, env module.Env, kv store.KV) {
		r := c.ApplyTx(env, kv, raw(t))
		t.Fatalf("the tx ran to a result over a corrupt record: %+v", r)
	}
}

func beginBlock(t *testing.T, c *chain.Chain, env module.Env, kv store.KV) {
	_, err := c.BeginBlock(env, kv)
	t.Fatalf("the block started over a corrupt record (err %v)", err)
}

func endBlock(t *testing.T, c *chain.Chain, env module.Env, kv store.KV) {
	_, err := c.EndBlock(env, kv)
	t.Fatalf("the block ended over a corrupt record (err %v)", err)
}
