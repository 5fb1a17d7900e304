package tx

import (
	"encoding/hex"
	"testing"

	"github.com/taonet/taonet/keys"
)

func TestCommitHashPreimage(t *testing.T) {
	var hk keys.PublicKey
	for i := range hk {
		hk[i] = byte(i)
	}
	pre := CommitPreimage(hk, 3, []uint16{1, 2}, []uint16{10, 20}, []uint16{7}, 9)
	want := hex.EncodeToString(hk[:]) + "0300" + "08" + "01000200" + "08" + "0a001400" + "04" + "0700" + "0900000000000000"
	if got := hex.EncodeToString(pre); got != want {
		t.Fatalf("preimage\n got %s\nwant %s", got, want)
	}
	for _, tt := range []struct {
		n    uint64
		want string
	}{{0, "00"}, {63, "fc"}, {64, "0101"}, {16383, "fdff"}, {16384, "02000100"}, {1 << 30, "0300000040"}} {
		if got := hex.EncodeToString(appendCompact(nil, tt.n)); got != tt.want {
			t.Errorf("compact(%d) = %s, want %s", tt.n, got, tt.want)
		}
	}
}
