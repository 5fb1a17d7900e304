package chain_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/taonet/taonet/chain"
	"github.com/taonet/taonet/chain/auth"
	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/coinbase"
	"github.com/taonet/taonet/chain/module"
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

// TestRefusedTxChangesNothing runs each transaction the ante refuses
// (decoding, chain id, nonce, signature, fee) through CheckTx and
// FinalizeBlock on one chain and an empty block on a twin: both must refuse
// with the named error and end with the same app hash. A tx whose call
// fails after the ante pays its fee instead (TestFailedTxPaysFeeAndUsesNonce).
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
	}{
		{"forged signature", forged, "BadProof"},
		{"signature by another key", func(t *testing.T) []byte {
			x, _ := tx.Decode(signed(t, bob, nil))
			x.Signer = alice.Public()
			return x.Encode()
		}, "BadProof"},
		{"wrong chain id", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.ChainID = "other" }) }, "BadChainId"},
		{"reused nonce", nil, "Stale"},
		{"skipped nonce", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.Nonce = 5 }) }, "Future"},
		{"unknown call", func(t *testing.T) []byte {
			raw := good(t)
			raw[1+1+10+32+8+8] = 0xee
			return raw
		}, "UnknownCall"},
		{"truncated", func(t *testing.T) []byte { raw := good(t); return raw[:len(raw)-3] }, "TxDecode"},
		{"oversized", func(t *testing.T) []byte { return bytes.Repeat([]byte{1}, tx.MaxTxBytes+1) }, "ExhaustsResources"},
		{"fee overflow", func(t *testing.T) []byte { return signed(t, alice, func(x *tx.Tx) { x.Tip = math.MaxUint64 }) }, "Payment"},
		{"unfunded signer", func(t *testing.T) []byte { return signed(t, eve, nil) }, "Payment"},
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
			twin.Block()
			if res[0].OK() || res[0].Error != tt.want {
				t.Fatalf("FinalizeBlock: %+v, want %s", res[0], tt.want)
			}
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

func TestCoinbaseMintsEachBlock(t *testing.T) {
	c := newChain(t)
	c.Blocks(10)
	c.Read(func(r store.Reader) {
		if got := coinbase.PendingEmission(r); got != 10*tao {
			t.Fatalf("pending %d, want %d", got, 10*tao)
		}
		if got := bank.TotalIssuance(r); got != 200*tao+10*tao {
			t.Fatalf("issuance %d", got)
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
		{tx.DecreaseTake{}, 7},
		{tx.IncreaseTake{}, 7},
		{tx.SetRootWeights{}, 7},
		{tx.BecomeDelegate{}, 7},
		{tx.ServePrometheus{}, 7},
		{tx.BurnedRegister{}, base + 7},
		{tx.RegisterNetwork{}, base + 7},
		{tx.RootRegister{}, base + 7},
		{tx.RemoveStake{}, base + 7},
		{tx.DissolveNetwork{}, base + 7},
		{tx.AdminSet{Call: tx.AdminParams[0].Index}, base + 7},
		{tx.CommitWeights{}, 7},
		{tx.RevealWeights{}, 7},
		{tx.Transfer{}, base + 7},
		{tx.AddStake{}, base + 7},
	} {
		var got uint64
		var err error
		c.Read(func(r store.Reader) { got, err = auth.Fee(r, &tx.Tx{Call: tt.call, Tip: 7}) })
		if err != nil || got != tt.want {
			t.Errorf("%s: fee %d, %v; want %d", tt.call.Name(), got, err, tt.want)
		}
	}
}

// failingCalls are transfers that pass the ante (signature, chain id,
// nonce, fee) and then fail in the Balances call.
func failingCalls(bob, eve keys.PublicKey) []struct {
	name string
	call tx.Call
	want string
} {
	return []struct {
		name string
		call tx.Call
		want string
	}{
		{"zero amount", tx.Transfer{Dest: bob, Value: 0}, "ZeroAmount"},
		{"balance below amount plus fee", tx.Transfer{Dest: bob, Value: 100 * tao}, "InsufficientBalance"},
		{"dust left below existential deposit", tx.Transfer{Dest: bob, Value: 100*tao - auth.DefaultBaseFee - 499}, "ExistentialDeposit"},
		{"keep-alive would kill sender", tx.Transfer{Dest: bob, Value: 100*tao - auth.DefaultBaseFee, KeepAlive: true}, "Expendability"},
		{"new account below existential deposit", tx.Transfer{Dest: eve, Value: 499}, "ExistentialDeposit"},
	}
}

// TestFailedTxPaysFeeAndUsesNonce puts into a block (FinalizeBlock, not
// CheckTx, which refuses them) transactions whose call fails after the
// ante: each must report the call's named error, pay the base fee (recycled:
// issuance drops by it), use its nonce, emit TransactionFeePaid and
// ExtrinsicFailed, change nothing else, and its bytes replayed later must be
// refused as Stale.
func TestFailedTxPaysFeeAndUsesNonce(t *testing.T) {
	alice, bob := testchain.Key(t, "//Alice"), testchain.Key(t, "//Bob")
	eve := testchain.Key(t, "//Eve")
	for _, tt := range failingCalls(bob.Public(), eve.Public()) {
		t.Run(tt.name, func(t *testing.T) {
			c := newChain(t)
			raw := signed(t, alice, func(x *tx.Tx) { x.Call = tt.call })
			if r := c.CheckTx(raw); r.Code == 0 || r.Info != tt.want {
				t.Fatalf("CheckTx: code %d error %q, want %s", r.Code, r.Info, tt.want)
			}
			res := c.Block(raw)[0]
			if res.OK() || res.Error != tt.want || res.Call != "Balances.transfer_allow_death" && res.Call != "Balances.transfer_keep_alive" {
				t.Fatalf("FinalizeBlock: %+v, want error %s", res, tt.want)
			}
			if res.Fee != auth.DefaultBaseFee {
				t.Fatalf("fee %d, want %d", res.Fee, auth.DefaultBaseFee)
			}
			if len(res.Events) != 2 || res.Events[0].Type != "TransactionFeePaid" || res.Events[1].Type != chain.EventExtrinsicFailed ||
				res.Events[1].Attrs[2] != (module.Attr{Key: "error", Value: tt.want}) {
				t.Fatalf("events %+v, want TransactionFeePaid then ExtrinsicFailed(error=%s)", res.Events, tt.want)
			}
			af, an := balance(c, alice.Public())
			bf, _ := balance(c, bob.Public())
			ef, _ := balance(c, eve.Public())
			if af != 100*tao-auth.DefaultBaseFee || an != 1 || bf != 100*tao || ef != 0 {
				t.Fatalf("alice %d nonce %d, bob %d, eve %d: want only the fee and nonce taken", af, an, bf, ef)
			}
			c.Read(func(r store.Reader) {
				if got, want := bank.TotalIssuance(r), af+bf+coinbase.PendingEmission(r); got != want {
					t.Fatalf("issuance %d != balances+pending %d (the fee is recycled)", got, want)
				}
			})
			if r := c.CheckTx(raw); r.Info != "Stale" {
				t.Fatalf("replay CheckTx: %q, want Stale", r.Info)
			}
			if r := c.Block(raw)[0]; r.Error != "Stale" || r.Fee != 0 || len(r.Events) != 0 {
				t.Fatalf("replay in a block: %+v, want Stale with no fee", r)
			}
			if _, n := balance(c, alice.Public()); n != 1 {
				t.Fatalf("replay moved the nonce to %d", n)
			}
		})
	}
}
