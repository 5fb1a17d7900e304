package app

import (
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

func signedTx(t *testing.T, kp *keys.Keypair, nonce uint64) []byte {
	t.Helper()
	x := &tx.Tx{ChainID: "c", Nonce: nonce, Call: tx.Transfer{Dest: kp.Public(), Value: 1}}
	if err := x.Sign(kp); err != nil {
		t.Fatal(err)
	}
	return x.Encode()
}

// TestSigCacheVerdicts checks that the cached, the plain and the prepared
// paths all accept good signatures and refuse forged ones.
func TestSigCacheVerdicts(t *testing.T) {
	alice, _ := keys.FromURI("//Alice")
	c := newSigCache()
	var txs [][]byte
	for n := uint64(0); n < 6; n++ {
		raw := signedTx(t, alice, n)
		forged := append([]byte(nil), raw...)
		forged[len(forged)-5] ^= 0x40
		txs = append(txs, raw, forged, []byte{1, 2, 3})
	}
	for round := 0; round < 2; round++ { // round 1: everything good comes from the hash cache
		ok := c.verifyAll(txs)
		for i := range txs {
			if want := i%3 == 0; ok[i] != want {
				t.Fatalf("round %d tx %d: verified %v, want %v", round, i, ok[i], want)
			}
		}
	}
	if c.verifier(alice.Public()) == nil {
		t.Fatal("a repeat signer has no prepared verifier")
	}
	bob, _ := keys.FromURI("//Bob")
	if c.verifier(bob.Public()) != nil {
		t.Fatal("a first-time signer got a prepared verifier")
	}
}

func TestVerifierCacheBounded(t *testing.T) {
	c := newSigCache()
	for i := 0; i < 3*verifierCacheSize; i++ {
		kp, err := keys.FromSeed(append(make([]byte, 30), byte(i>>8), byte(i)))
		if err != nil {
			t.Fatal(err)
		}
		c.verifier(kp.Public())
		c.verifier(kp.Public())
	}
	if len(c.vcur)+len(c.vold) > 2*verifierCacheSize {
		t.Fatalf("%d verifiers cached, bound %d", len(c.vcur)+len(c.vold), 2*verifierCacheSize)
	}
}
