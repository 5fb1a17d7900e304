package tx_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// TestPowVectorsBigEndian checks MeetsDifficulty against verdicts computed
// independently of the solver, by testdata/gen_pow_vectors.py with Python's
// int.from_bytes(seal, "big") (the reference's U256::from(&[u8]) reading);
// most vectors pass under one byte order and fail under the other.
func TestPowVectorsBigEndian(t *testing.T) {
	raw, err := os.ReadFile("testdata/pow_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []struct {
		Seal       string `json:"seal"`
		Difficulty uint64 `json:"difficulty"`
		Big        bool   `json:"meets_big_endian"`
		Little     bool   `json:"meets_little_endian"`
	}
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	disagree := 0
	for i, v := range vs {
		b, err := hex.DecodeString(v.Seal)
		if err != nil || len(b) != 32 {
			t.Fatalf("vector %d: bad seal", i)
		}
		var seal [32]byte
		copy(seal[:], b)
		if got := tx.MeetsDifficulty(seal, v.Difficulty); got != v.Big {
			t.Errorf("vector %d: MeetsDifficulty(%s, %d) = %v, want %v (big-endian)", i, v.Seal, v.Difficulty, got, v.Big)
		}
		if v.Big != v.Little {
			disagree++
		}
	}
	if disagree < len(vs)/2 {
		t.Fatalf("only %d of %d vectors tell the byte orders apart", disagree, len(vs))
	}
}

// TestPowVectorsRealSeals checks SealHash and MeetsDifficulty on seals of
// create_seal_hash computed independently of the Go code by
// testdata/gen_seal_vectors.py (a plain-Python Keccak-256 checked against
// the empty-string digest, hashlib's SHA-256, and int.from_bytes(seal,
// "big") for the verdict); the difficulties sit between the big- and
// little-endian readings' limits, so a little-endian reading fails them.
func TestPowVectorsRealSeals(t *testing.T) {
	raw, err := os.ReadFile("testdata/seal_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []struct {
		BlockHash  string `json:"block_hash"`
		Hotkey     string `json:"hotkey"`
		Nonce      uint64 `json:"nonce"`
		Seal       string `json:"seal"`
		Difficulty uint64 `json:"difficulty"`
		Big        bool   `json:"meets_big_endian"`
		Little     bool   `json:"meets_little_endian"`
	}
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 8 {
		t.Fatalf("%d vectors", len(vs))
	}
	disagree := 0
	for i, v := range vs {
		bh, err1 := hex.DecodeString(v.BlockHash)
		hk, err2 := hex.DecodeString(v.Hotkey)
		if err1 != nil || err2 != nil || len(hk) != 32 {
			t.Fatalf("vector %d: bad hex", i)
		}
		var hot keys.PublicKey
		copy(hot[:], hk)
		seal := tx.SealHash(bh, hot, v.Nonce)
		if got := hex.EncodeToString(seal[:]); got != v.Seal {
			t.Fatalf("vector %d: SealHash = %s, want %s", i, got, v.Seal)
		}
		if got := tx.MeetsDifficulty(seal, v.Difficulty); got != v.Big {
			t.Errorf("vector %d: MeetsDifficulty(%s, %d) = %v, want %v (big-endian)", i, v.Seal, v.Difficulty, got, v.Big)
		}
		if v.Big != v.Little {
			disagree++
		}
	}
	if disagree != len(vs) {
		t.Fatalf("only %d of %d vectors tell the byte orders apart", disagree, len(vs))
	}
}
