package subnet_test

import (
	"github.com/taonet/taonet/tx"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/keys"
)

// powNode fakes the two endpoints pow-register polls: a PoW target at the
// current height and a chain that moves two blocks on every status poll, so
// every target goes stale.
func powNode(t *testing.T, allowed bool) *httptest.Server {
	var height atomic.Int64
	height.Store(10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/status":
			api.WriteJSON(w, 200, api.Status{ChainID: "pow", Height: height.Add(2)})
		case "/v1/subnets/1/pow":
			h := height.Load()
			api.WriteJSON(w, 200, api.PowTarget{Netuid: 1, Height: h, BlockNumber: uint64(h), BlockHash: "0x0102",
				Difficulty: ^uint64(0), PowRegistrationAllowed: allowed})
		default:
			api.WriteError(w, 404, "NotFound", r.URL.Path)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestPowRegisterBounded checks that the solver starts over when its block
// goes stale, gives up after --max-attempts, and refuses a subnet without
// PoW registration.
func TestPowRegisterBounded(t *testing.T) {
	srv := powNode(t, true)
	_, stderr, code := run(t, "subnet", "pow-register", "--node", srv.URL, "--netuid", "1", "--uri", "//Eve//hot",
		"--coldkey-ss58", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw", "--max-attempts", "2", "--processors", "2")
	if code != 1 || strings.Count(stderr, "too old now; starting over") != 2 || !strings.Contains(stderr, "no PoW solution") ||
		!strings.Contains(stderr, "difficulty 18446744073709551615, 2 workers") {
		t.Fatalf("stale blocks: exit %d, stderr %q", code, stderr)
	}
	srv = powNode(t, false)
	_, stderr, code = run(t, "subnet", "pow-register", "--node", srv.URL, "--netuid", "1", "--uri", "//Eve//hot",
		"--coldkey-ss58", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw")
	if code != 1 || !strings.Contains(stderr, "SubNetRegistrationDisabled") {
		t.Fatalf("disabled: exit %d, stderr %q", code, stderr)
	}
}

// BenchmarkSeal is one nonce of the solver's inner loop (a tx.Sealer, the
// chain's SealHash, and MeetsDifficulty); pow-register runs one such loop
// per core.
func BenchmarkSeal(b *testing.B) {
	hash := make([]byte, 32)
	var hot keys.PublicKey
	sealer := tx.NewSealer(hash, hot)
	var n uint64
	for b.Loop() {
		n++
		tx.MeetsDifficulty(sealer.Seal(n), 10_000_000)
	}
}
