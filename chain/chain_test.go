package chain_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

const tao = uint64(1_000_000_000)

func newChain(t *testing.T) *testchain.Chain {
	t.Helper()
	g := testchain.Genesis(t, "test-chain", 100*tao, "//Alice", "//Bob")
	return testchain.New(t, g)
}

func balance(c *testchain.Chain, pk keys.PublicKey) (free, nonce uint64) {
	c.Read(func(r store.Reader) { free, nonce = bank.Balance(r, pk), auth.Nonce(r, pk) })
	return
}

func signed(t *testing.T, kp *keys.Keypair, mutate func(*tx.Tx)) []byte {
	t.Helper()
	bob := testchain.Key(t, "//Bob").Public()
	x := &tx.Tx{ChainID: "test-chain", Call: tx.Transfer{Dest: bob, Value: tao}}
	if mutate != nil {
		mutate(x)
	}
	if err := x.Sign(kp); err != nil {
		t.Fatal(err)
	}
	return x.Encode()
}

func TestTransfer(t *testing.T) {
	c := newChain(t)
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	res := c.Block(c.Tx(alice, tx.Transfer{Dest: bob.Public(), Value: 3*tao + 7}))
	if !res[0].OK() {
		t.Fatalf("transfer failed: %+v", res[0])
	}
	fee := auth.DefaultBaseFee
	if res[0].Fee != fee {
		t.Fatalf("fee %d, want %d", res[0].Fee, fee)
	}
	af, an := balance(c, alice.Public())
	bf, _ := balance(c, bob.Public())
	if af != 100*tao-3*tao-7-fee || an != 1 || bf != 103*tao+7 {
		t.Fatalf("alice %d (nonce %d), bob %d", af, an, bf)
	}
	// The fee is recycled: issuance = balances + pending emission.
	c.Read(func(r store.Reader) {
		if got, want := bank.TotalIssuance(r), af+bf+coinbase.PendingEmission(r); got != want {
			t.Fatalf("issuance %d != balances+pending %d", got, want)
		}
	})
}

// TestRefusedTxChangesNothing runs each bad transaction through CheckTx and
// FinalizeBlock on one chain and an empty block on a twin: both must refuse
// with the named error and end with the same app hash.
func TestRefusedTxChangesNothing(t *testing.T) {
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	eve := testchain.Key(t, "//Eve") // unfunded
	good := func(t *testing.T) []byte { return signed(t, alice, nil) }
	forged := func(t *testing.T) []byte {
		raw := good(t)
		raw[len(raw)-10] ^= 1
		return raw
	}
	tests := []struct {
		name string
		raw  func(t *testing.T) []byte
		want string
		// callFails marks a tx that passes the ante and fails in its call:
		// in a block it pays its fee and uses its nonce (and nothing else).
		callFails bool
	}{
		{"forged signature", forged, "BadProof", false},
		{"signature by another key", func(t *testing.T) []byte {
			x, _ := tx.Decode(signed(t, bob, nil))
			x.Signer = alice.Public()
			return x.Encode()
		}, "BadProof", false},
		{"wrong chain id", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.ChainID = "other" }) }, "BadChainId", false},
		{"reused nonce", nil, "Stale", false},
		{"skipped nonce", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.Nonce = 5 }) }, "Future", false},
		{"unknown call", func(t *testing.T) []byte {
			raw := good(t)
			raw[1+1+10+32+8+8] = 0xee
			return raw
		}, "UnknownCall", false},
		{"truncated", func(t *testing.T) []byte { raw := good(t); return raw[:len(raw)-3] }, "TxDecode", false},
		{"oversized", func(t *testing.T) []byte { return bytes.Repeat([]byte{1}, tx.MaxTxBytes+1) }, "ExhaustsResources", false},
		{"zero amount", func(t *testing.T) []byte {
			return signed(t, alice, func(x *tx.Tx) { x.Call = tx.Transfer{Dest: bob.Public(), Value: 0} })
		}, "ZeroAmount", true},
		{"fee overflow", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.Tip = math.MaxUint64 }) }, "Payment", false},
		{"unfunded signer", func(t *testing.T) []byte { return signed(t, eve, nil) }, "Payment", false},
		{"balance below amount plus fee", func(t *testing.T) []byte {
			return signed(t, alice, func(x *tx.Tx) { x.Call = tx.Transfer{Dest: bob.Public(), Value: 100 * tao} })
		}, "InsufficientBalance", true},
		{"dust left below existential deposit", func(t *testing.T) []byte {
			return signed(t, alice, func(x *tx.Tx) {
				x.Call = tx.Transfer{Dest: bob.Public(), Value: 100*tao - auth.DefaultBaseFee - 499}
			})
		}, "ExistentialDeposit", true},
		{"keep-alive would kill sender", func(t *testing.T) []byte {
			return signed(t, alice, func(x *tx.Tx) {
				x.Call = tx.Transfer{Dest: bob.Public(), Value: 100*tao - auth.DefaultBaseFee, KeepAlive: true}
			})
		}, "Expendability", true},
		{"new account below existential deposit", func(t *testing.T) []byte {
			return signed(t, alice, func(x *tx.Tx) { x.Call = tx.Transfer{Dest: eve.Public(), Value: 499} })
		}, "ExistentialDeposit", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad, twin := newChain(t), newChain(t)
			var raw []byte
			if tt.raw == nil { // reused nonce: apply nonce 0 on both chains, then replay it
				first := signed(t, alice, nil)
				bad.Block(first)
				twin.Block(first)
				raw = first
			} else {
				raw = tt.raw(t)
			}
			if r := bad.CheckTx(raw); r.Code == 0 || r.Info != tt.want {
				t.Fatalf("CheckTx: code %d error %q (%s), want %s", r.Code, r.Info, r.Log, tt.want)
			}
			res := bad.Block(raw)
			if res[0].OK() || res[0].Error != tt.want {
				t.Fatalf("FinalizeBlock: %+v, want %s", res[0], tt.want)
			}
			if tt.callFails {
				// The ante holds: the fee is paid and the nonce used, nothing else.
				after, nonce := balance(bad, alice.Public())
				if res[0].Fee != auth.DefaultBaseFee || after != 100*tao-auth.DefaultBaseFee || nonce != 1 {
					t.Fatalf("failed call: fee %d, balance 100 TAO → %d rao, nonce %d; want the fee paid and nonce 1", res[0].Fee, after, nonce)
				}
				if r := bad.CheckTx(raw); r.Info != "Stale" {
					t.Fatalf("replay of the failed tx: %q, want Stale", r.Info)
				}
				return
			}
			twin.Block()
			if len(res[0].Events) != 0 || res[0].Fee != 0 {
				t.Fatalf("refused tx emitted events or charged a fee: %+v", res[0])
			}
			if !bytes.Equal(bad.AppHash(), twin.AppHash()) {
				t.Fatal("refused tx changed state (app hash differs from an empty block)")
			}
		})
	}
}

func TestTransferAllowDeathEmptiesAccount(t *testing.T) {
	c := newChain(t)
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	res := c.Block(c.Tx(alice, tx.Transfer{Dest: bob.Public(), Value: 100*tao - auth.DefaultBaseFee}))
	if !res[0].OK() {
		t.Fatalf("%+v", res[0])
	}
	free, nonce := balance(c, alice.Public())
	if free != 0 || nonce != 1 {
		t.Fatalf("alice %d nonce %d; want emptied with nonce kept", free, nonce)
	}
	// The nonce survives the empty balance, so the old tx cannot be replayed.
	c.Block(c.Tx(bob, tx.Transfer{Dest: alice.Public(), Value: 10 * tao}))
	replay := signed(t, alice, func(x *tx.Tx) { x.Call = tx.Transfer{Dest: bob.Public(), Value: tao} })
	if r := c.CheckTx(replay); r.Info != "Stale" {
		t.Fatalf("replay after refund: %q", r.Info)
	}
}

func TestMempoolQueuesConsecutiveNonces(t *testing.T) {
	c := newChain(t)
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	var txs [][]byte
	for i := 0; i < 5; i++ {
		raw := c.Tx(alice, tx.Transfer{Dest: bob.Public(), Value: tao})
		if r := c.CheckTx(raw); r.Code != 0 {
			t.Fatalf("CheckTx %d: %s", i, r.Log)
		}
		txs = append(txs, raw)
	}
	for i, r := range c.Block(txs...) {
		if !r.OK() {
			t.Fatalf("tx %d: %+v", i, r)
		}
	}
	if _, n := balance(c, alice.Public()); n != 5 {
		t.Fatalf("nonce %d, want 5", n)
	}
}

// A bare chain (no subnet with an emission value) mints nothing: its
// issuance stays constant block after block, while the scheduled block
// emission is still recorded.
func TestBareChainMintsNothing(t *testing.T) {
	c := newChain(t)
	for range 10 {
		c.Block()
		c.Read(func(r store.Reader) {
			if got := bank.TotalIssuance(r); got != 200*tao {
				t.Fatalf("block %d: issuance %d, want the genesis %d", c.Height(), got, 200*tao)
			}
		})
	}
	c.Read(func(r store.Reader) {
		if got := coinbase.PendingEmission(r); got != 0 {
			t.Fatalf("pending %d, want 0", got)
		}
		if got := bank.TotalIssuance(r); got != 200*tao {
			t.Fatalf("issuance %d, want the genesis %d", got, 200*tao)
		}
		if got := coinbase.BlockEmission(r); got != tao {
			t.Fatalf("scheduled block emission %d, want %d", got, tao)
		}
	})
}

func TestGenesisRoundTrip(t *testing.T) {
	c := newChain(t)
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	c.Block(c.Tx(alice, tx.Transfer{Dest: bob.Public(), Value: tao}))
	var exported *chain.Genesis
	c.Read(func(r store.Reader) { exported = chain.ExportGenesis(r, c.ChainID) })
	again := testchain.New(t, exported)
	// Genesis is committed with the first block: run one empty block on both.
	c.Block()
	again.Block()
	var want, got *chain.Genesis
	c.Read(func(r store.Reader) { want = chain.ExportGenesis(r, c.ChainID) })
	again.Read(func(r store.Reader) { got = chain.ExportGenesis(r, c.ChainID) })
	if len(got.Accounts) != 2 || got.Accounts[0] != want.Accounts[0] || got.Accounts[1] != want.Accounts[1] ||
		got.PendingEmission != want.PendingEmission || got.Params != want.Params {
		t.Fatalf("round trip differs:\n%+v\n%+v", want, got)
	}
	if !bytes.Equal(c.AppHash(), again.AppHash()) {
		t.Fatal("state rebuilt from the export has a different app hash")
	}
}

func TestGenesisValidate(t *testing.T) {
	alice := testchain.Key(t, "//Alice").SS58()
	tests := []struct {
		name string
		g    chain.Genesis
	}{
		{"no chain id", chain.Genesis{Params: chain.DefaultParams()}},
		{"bad address", chain.Genesis{ChainID: "x", Params: chain.DefaultParams(), Accounts: []chain.GenesisAccount{{Address: "nope", Balance: tao}}}},
		{"duplicate", chain.Genesis{ChainID: "x", Params: chain.DefaultParams(), Accounts: []chain.GenesisAccount{{Address: alice, Balance: tao}, {Address: alice, Balance: tao}}}},
		{"below ED", chain.Genesis{ChainID: "x", Params: chain.DefaultParams(), Accounts: []chain.GenesisAccount{{Address: alice, Balance: 1}}}},
		{"above supply", chain.Genesis{ChainID: "x", Params: chain.DefaultParams(), Accounts: []chain.GenesisAccount{{Address: alice, Balance: bank.TotalSupply + 1}}}},
	}
	for _, tt := range tests {
		if err := tt.g.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", tt.name)
		}
	}
}

func TestFeeExemptCalls(t *testing.T) {
	c := newChain(t)
	var base uint64
	c.Read(func(r store.Reader) { base = auth.BaseFee(r) })
	for _, tt := range []struct {
		call tx.Call
		want uint64
	}{
		{tx.SetWeights{}, 7},
		{tx.ServeAxon{}, 7},
		{tx.PowRegister{}, 7},
		{tx.CommitWeights{}, 7},
		{tx.RevealWeights{}, 7},
		{tx.AddStake{}, 7},
		{tx.RemoveStake{}, 7},
		{tx.BurnedRegister{}, 7},
		{tx.RootRegister{}, 7},
		{tx.RegisterNetwork{}, 7},
		{tx.SetRootWeights{}, 7},
		{tx.AdminSet{Call: 29}, 7}, // sudo_set_network_rate_limit: Pays::No
		{tx.Transfer{}, base + 7},
		{tx.AdminSet{Call: 30}, base + 7}, // sudo_set_tempo pays
		{tx.Vote{}, base + 7},             // the committees' calls pay
		{tx.Propose{Proposal: tx.RemoveSudoKey{}}, base + 7},
	} {
		var got uint64
		var err error
		c.Read(func(r store.Reader) { got, err = auth.Fee(r, &tx.Tx{Call: tt.call, Tip: 7}) })
		if err != nil || got != tt.want {
			t.Errorf("%s: fee %d, %v; want %d", tt.call.Name(), got, err, tt.want)
		}
	}
}
