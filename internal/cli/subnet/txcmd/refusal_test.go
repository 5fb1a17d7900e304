package txcmd

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/tx"
)

// TestExplainRefusal checks that a permit refusal names the subnet's next
// epoch block, that other timed refusals get their hint, and that other
// errors pass through.
func TestExplainRefusal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/subnets/1" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"netuid":1,"height":100,"tempo":20,"blocks_until_next_epoch":5,"hyperparameters":{}}`))
	}))
	defer srv.Close()
	c := &Common{Node: srv.URL}
	ctx := context.Background()
	refuse := func(name string) error { return &client.TxError{Name: name, Log: "x"} }

	err := c.explainRefusal(ctx, tx.SetWeights{Netuid: 1}, refuse("NeuronNoValidatorPermit"))
	var re *RefusalError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "block 105 (in 5 blocks; tempo 20)") || !strings.Contains(err.Error(), "retry after it") {
		t.Errorf("permit: %v", err)
	}
	var te *client.TxError
	if !errors.As(err, &te) || te.Name != "NeuronNoValidatorPermit" {
		t.Errorf("the chain's error is not kept: %v", err)
	}
	if err := c.explainRefusal(ctx, tx.SetWeights{Netuid: 1}, refuse("SettingWeightsTooFast")); !strings.Contains(err.Error(), "retry later") {
		t.Errorf("rate limit: %v", err)
	}
	other := refuse("InsufficientBalance")
	if got := c.explainRefusal(ctx, tx.SetWeights{Netuid: 1}, other); got != other {
		t.Errorf("other refusal changed: %v", got)
	}
	plain := errors.New("boom")
	if got := c.explainRefusal(ctx, tx.SetWeights{Netuid: 1}, plain); got != plain {
		t.Errorf("plain error changed: %v", got)
	}
}
