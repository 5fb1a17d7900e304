package tx_test

import (
	"fmt"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// A PoW registration solves a seal over a recent block's hash (read with
// GET /v1/subnets/{netuid}/pow through the API) for the hotkey, then submits
// tx.PowRegister{BlockNumber, Nonce, Work: seal, ...} signed by the hotkey
// within the chain's PoW block window (3 blocks).
func ExampleSolvePow() {
	var hotkey keys.PublicKey // the registering hotkey's public key
	blockHash := []byte("hash of a recent block")
	nonce, seal, ok := tx.SolvePow(blockHash, hotkey, 1000, 0, 1_000_000)
	fmt.Println(ok, tx.MeetsDifficulty(seal, 1000), tx.SealHash(blockHash, hotkey, nonce) == seal)
	// Output: true true true
}

// A commit-reveal validator commits CommitHash now and reveals the same
// uids, values, salt and version key one reveal period later.
func ExampleCommitHash() {
	var hotkey keys.PublicKey
	h := tx.CommitHash(hotkey, 1, []uint16{0, 1}, []uint16{10, 20}, []uint16{7}, 0)
	fmt.Println(len(tx.CommitPreimage(hotkey, 1, []uint16{0, 1}, []uint16{10, 20}, []uint16{7}, 0)), len(h))
	// Output: 55 32
}
