package miner_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/miner"
	"github.com/taonet/taonet/subnets/template"
)

func parse(t *testing.T, args ...string) (*miner.Options, error) {
	t.Helper()
	var got *miner.Options
	io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	cmd := miner.NewCmd(io, func(o *miner.Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	err := cmd.Execute()
	return got, err
}

func TestFlags(t *testing.T) {
	o, err := parse(t, "--uri", "//Dave//miner0", "--netuid", "3", "--model", "ar", "--axon.port", "0", "--axon.external_ip", "10.0.0.7",
		"--blacklist.force_validator_permit")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := o.Config()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Netuid != 3 || cfg.Axon.Port != 0 || cfg.Axon.ExternalIP != "10.0.0.7" || cfg.Axon.IP != "127.0.0.1" || o.Model != "ar" || o.Wallet.URI != "//Dave//miner0" ||
		!cfg.ForceValidatorPermit || cfg.AllowNonRegistered {
		t.Fatalf("config %+v from options %+v", cfg, o)
	}

	tests := []struct {
		name string
		args []string
	}{
		{"unknown model", []string{"--uri", "//M", "--model", "oracle"}},
		{"announce unspecified", []string{"--uri", "//M", "--axon.ip", "0.0.0.0", "--axon.external_ip", ""}},
		{"bad port", []string{"--uri", "//M", "--axon.port", "70000"}},
		{"bad sync interval", []string{"--uri", "//M", "--neuron.sync_interval", "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
			cmd := miner.NewCmd(io, nil)
			cmd.SetArgs(tt.args)
			cmd.SetOut(&out)
			cmd.SetErr(&out)
			err := cmd.Execute()
			var fe *cmdutil.FlagError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a FlagError", err, err)
			}
		})
	}
}

// TestRunNotRegistered runs the command against an API whose subnet does
// not hold the hotkey.
func TestRunNotRegistered(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/subnets/1/metagraph" {
			http.NotFound(w, r)
			return
		}
		api.WriteJSON(w, http.StatusOK, api.Metagraph{Netuid: 1})
	}))
	defer srv.Close()
	var out bytes.Buffer
	io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
	cmd := miner.NewCmd(io, nil)
	cmd.SetArgs([]string{"--uri", "//Nobody", "--node", srv.URL, "--axon.port", "0", "--log-level", "error"})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	if err := cmd.ExecuteContext(context.Background()); !errors.Is(err, template.ErrNotRegistered) {
		t.Fatalf("error %v, want ErrNotRegistered", err)
	}
}
