package app_test

import (
	"bytes"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/taonet/taonet/internal/testchain"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

var rewrite = flag.Bool("rewrite", false, "rewrite golden files in testdata")

var uris = []string{"//Alice", "//Bob", "//Charlie", "//Dave"}

func keyring(t testchain.T) []*keys.Keypair {
	out := make([]*keys.Keypair, len(uris))
	for i, u := range uris {
		out[i] = testchain.Key(t, u)
	}
	return out
}

// TestDeterminism drives two fresh chains with the same random blocks of
// transfers (valid and invalid) and requires equal app hashes at every height.
func TestDeterminism(t *testing.T) {
	ks := keyring(t)
	rapid.Check(t, func(rt *rapid.T) {
		g := testchain.Genesis(rt, "det", 1_000_000_000_000, uris...)
		a, b := testchain.New(rt, g), testchain.New(rt, g)
		blocks := rapid.IntRange(1, 6).Draw(rt, "blocks")
		for h := 0; h < blocks; h++ {
			n := rapid.IntRange(0, 5).Draw(rt, "txs")
			var txs [][]byte
			for i := 0; i < n; i++ {
				from := rapid.IntRange(0, len(ks)-1).Draw(rt, "from")
				to := rapid.IntRange(0, len(ks)-1).Draw(rt, "to")
				amt := rapid.Uint64Range(0, 2_000_000_000_000).Draw(rt, "amount")
				keep := rapid.Bool().Draw(rt, "keep")
				// Build on a; b gets the identical bytes.
				txs = append(txs, a.Tx(ks[from], tx.Transfer{Dest: ks[to].Public(), Value: amt, KeepAlive: keep}))
			}
			ra, rb := a.Block(txs...), b.Block(txs...)
			for i := range ra {
				if ra[i].Code != rb[i].Code {
					rt.Fatalf("height %d tx %d: results differ %+v vs %+v", h+1, i, ra[i], rb[i])
				}
				if !ra[i].Charged() { // a tx refused before its call does not use its nonce
					x, _ := tx.Decode(txs[i])
					for _, k := range ks {
						if k.Public() == x.Signer {
							a.ResetNonce(k, x.Nonce)
						}
					}
				}
			}
			if !bytes.Equal(a.AppHash(), b.AppHash()) {
				rt.Fatalf("height %d: app hashes differ", h+1)
			}
		}
	})
}

// TestGoldenAppHashes replays a fixed block sequence and compares the app
// hash at every height with testdata/golden_app_hashes.txt (regenerate with
// -rewrite). A change here means the state layout or rules changed.
func TestGoldenAppHashes(t *testing.T) {
	ks := keyring(t)
	c := testchain.New(t, testchain.Genesis(t, "golden", 1_000_000_000_000, uris...))
	var got []string
	for h := 0; h < 12; h++ {
		var txs [][]byte
		for i := 0; i < h%4; i++ {
			from, to := ks[(h+i)%4], ks[(h+2*i+1)%4]
			txs = append(txs, c.Tx(from, tx.Transfer{Dest: to.Public(), Value: uint64(1+h*1000+i) * 1_000_000, KeepAlive: i%2 == 0}))
		}
		for i, r := range c.Block(txs...) {
			if !r.OK() {
				t.Fatalf("height %d tx %d refused: %+v", h+1, i, r)
			}
		}
		got = append(got, hex.EncodeToString(c.AppHash()))
	}
	path := filepath.Join("testdata", "golden_app_hashes.txt")
	text := strings.Join(got, "\n") + "\n"
	if *rewrite {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -rewrite to create)", err)
	}
	if string(want) != text {
		t.Fatalf("app hashes differ from %s:\n got:\n%s\nwant:\n%s", path, text, want)
	}
}
