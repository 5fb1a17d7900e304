package cmdutil

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestExplainNodeError checks that a refused connection becomes
// ErrNodeUnreachable naming the address and the ways to point elsewhere,
// and that other errors pass through unchanged.
func TestExplainNodeError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: the dial is refused
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "http://"+addr+"/v1/status", nil)
	_, derr := http.DefaultClient.Do(req)
	if derr == nil {
		t.Skip("something else took the port")
	}
	got := ExplainNodeError(derr)
	if !errors.Is(got, ErrNodeUnreachable) {
		t.Fatalf("not ErrNodeUnreachable: %v", got)
	}
	for _, want := range []string{"http://" + addr, "--node URL", "TAONET_NODE"} {
		if !strings.Contains(got.Error(), want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	other := errors.New("InsufficientBalance")
	if ExplainNodeError(other) != other || ExplainNodeError(nil) != nil {
		t.Error("other errors must pass through")
	}
}
