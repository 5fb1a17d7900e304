package governance

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/taonet/taonet/store/storetest"
	"github.com/taonet/taonet/tx"
)

// TestCorruptRecordsHaltLoudly: a governance record (or a key) that does
// not decode panics naming its key instead of reading as absent.
func TestCorruptRecordsHaltLoudly(t *testing.T) {
	var hash [32]byte
	hash[0] = 7
	valid := (&Motion{Call: tx.Transfer{Value: 1}}).encode() // decodes: only the key is wrong
	tests := []struct {
		name string
		key  []byte
		val  []byte
		read func(kv *storetest.ModelKV)
	}{
		{"params", paramsKey(), []byte{1, 2, 3}, func(kv *storetest.ModelKV) { GetParams(kv) }},
		{"proposal count", countKey(), []byte{1}, func(kv *storetest.ModelKV) { ProposalCount(kv) }},
		{"motion", motionKey(hash), []byte{1, 2}, func(kv *storetest.ModelKV) { GetMotion(kv, hash) }},
		{"motions", motionKey(hash), []byte{1, 2}, func(kv *storetest.ModelKV) { Motions(kv) }},
		{"motion key", append(motionPrefix(), 1, 2), valid, func(kv *storetest.ModelKV) { Motions(kv) }},
		{"triumvirate key", append(triumviratePrefix(), 1), []byte{1}, func(kv *storetest.ModelKV) { Triumvirate(kv) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kv := storetest.NewModelKV()
			kv.Set(tt.key, tt.val)
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("a corrupt record read without a panic")
				}
				if msg := fmt.Sprint(r); !strings.Contains(msg, hex.EncodeToString(tt.key)) {
					t.Fatalf("panic %q does not name the key %x", msg, tt.key)
				}
			}()
			tt.read(kv)
		})
	}
}
