package metagraph_test

import (
	"context"
	"fmt"
	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/internal/testchain/subnetfix"
	"net/http/httptest"
	"testing"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/metagraph"
)

// BenchmarkMetagraphSync is one Sync (GET, decode, validate, index, swap) of
// a 256-UID subnet over local HTTP from a node API over a real chain state:
// 64 or 256 validators with full weight rows and bonds. Status (one GET of
// /v1/status through the same client) is the baseline.
func BenchmarkMetagraphSync(b *testing.B) {
	ctx := context.Background()
	for _, validators := range []int{64, 256} {
		f := subnetfix.New(b, 256, validators)
		srv := httptest.NewServer(api.New(subnetfix.Backend{C: f.C}, nil))
		c := client.New(srv.URL)
		for _, lite := range []bool{false, true} {
			b.Run(fmt.Sprintf("validators=%d/lite=%v", validators, lite), func(b *testing.B) {
				mg := metagraph.New(c, 1)
				b.ReportAllocs()
				for b.Loop() {
					if err := mg.Sync(ctx, lite); err != nil {
						b.Fatal(err)
					}
				}
				if mg.N() != 256 {
					b.Fatalf("n = %d", mg.N())
				}
			})
		}
		if validators == 64 {
			b.Run("baseline/status", func(b *testing.B) {
				for b.Loop() {
					if _, err := c.Status(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		srv.Close()
	}
}
