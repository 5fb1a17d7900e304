package explorer_test

import (
	"fmt"
	"net/http"
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
	// Every block's hash resolves again through the rebuilt block-hash index.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for h := int64(1); h <= before; h++ {
		var b struct {
			Hash string `json:"hash"`
		}
		getJSON(t, fmt.Sprintf("%s/v1/blocks/%d", n2.APIURL(), h), &b)
		resp, err := noRedirect.Get(n2.APIURL() + "/search?q=" + b.Hash)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := fmt.Sprintf("/blocks/%d", h); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Fatalf("search for block %d's hash: %s to %q, want a redirect to %s", h, resp.Status, resp.Header.Get("Location"), want)
		}
	}
}
