package tx_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/taonet/taonet/tx"
)

func TestMeetsDifficulty(t *testing.T) {
	var zero, one, top [32]byte
	one[31] = 1   // big-endian: 1
	top[0] = 0x80 // big-endian: 2^255
	tests := []struct {
		seal [32]byte
		d    uint64
		want bool
	}{
		{zero, ^uint64(0), true},
		{one, ^uint64(0), true},
		{top, 1, true},
		{top, 2, false}, // 2^256 overflows
		{top, 3, false},
	}
	for i, tt := range tests {
		if got := tx.MeetsDifficulty(tt.seal, tt.d); got != tt.want {
			t.Errorf("case %d: MeetsDifficulty = %v", i, got)
		}
	}
}

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
			t.Errorf("vector %d: tx.MeetsDifficulty(%s, %d) = %v, want %v (big-endian)", i, v.Seal, v.Difficulty, got, v.Big)
		}
		if v.Big != v.Little {
			disagree++
		}
	}
	if disagree < len(vs)/2 {
		t.Fatalf("only %d of %d vectors tell the byte orders apart", disagree, len(vs))
	}
}
