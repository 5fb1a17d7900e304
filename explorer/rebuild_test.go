package explorer_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/taonet/taonet/node"
)

// TestHistoryRebuiltWhenMissing deletes a stopped node's history index and
// checks that the reopened node rebuilds it from its blocks, from height 1.
func TestHistoryRebuiltWhenMissing(t *testing.T) {
	if testing.Short() {
		t.Skip("node restart")
	}
	n, home := startNode(t)
	waitIndexed := func(url string, h int64) int64 {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			var st struct {
				Indexed int64 `json:"indexed_height"`
			}
			getJSON(t, url+"/v1/history", &st)
			if st.Indexed >= h {
				return st.Indexed
			}
			if time.Now().After(deadline) {
				t.Fatalf("history indexed %d, want >= %d within 20s", st.Indexed, h)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	before := waitIndexed(n.APIURL(), 5)
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(home, "data", "history")); err != nil {
		t.Fatal(err)
	}
	n2, err := node.Open(home, node.Options{APIAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	if err := n2.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = n2.Stop() })
	waitIndexed(n2.APIURL(), before)
	var ev struct {
		Events []struct {
			Height int64 `json:"height"`
		} `json:"events"`
	}
	getJSON(t, n2.APIURL()+"/v1/events/BlockEmission?limit=1000", &ev)
	seen := map[int64]bool{}
	for _, e := range ev.Events {
		seen[e.Height] = true
	}
	for h := int64(1); h <= before; h++ {
		if !seen[h] {
			t.Fatalf("rebuilt index lacks block %d's BlockEmission event (have %d events)", h, len(ev.Events))
		}
	}
}
