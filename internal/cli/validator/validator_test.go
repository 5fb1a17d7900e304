package validator_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/validator"
	"github.com/taonet/taonet/subnets/template"
)

func TestFlags(t *testing.T) {
	var got *validator.Options
	io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	cmd := validator.NewCmd(io, func(o *validator.Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--uri", "//Bob//validator", "--netuid", "2", "--neuron.sample_size", "6",
		"--neuron.timeout", "2.5", "--neuron.moving_average_alpha", "0.2", "--neuron.epoch_length", "10",
		"--neuron.disable_set_weights", "--neuron.vpermit_tao_limit", "1.5", "--neuron.step_interval", "0"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	cfg, err := got.Config()
	if err != nil {
		t.Fatal(err)
	}
	want := template.DefaultValidatorConfig()
	want.Netuid, want.SampleSize, want.Timeout, want.Alpha, want.EpochLength = 2, 6, 2500*time.Millisecond, 0.2, 10
	want.DisableSetWeights, want.VpermitTAOLimit, want.StepInterval = true, 1_500_000_000, 0
	if cfg.Netuid != want.Netuid || cfg.SampleSize != want.SampleSize || cfg.Timeout != want.Timeout || cfg.Alpha != want.Alpha ||
		cfg.EpochLength != want.EpochLength || cfg.DisableSetWeights != want.DisableSetWeights ||
		cfg.VpermitTAOLimit != want.VpermitTAOLimit || cfg.StepInterval != want.StepInterval {
		t.Fatalf("config %+v, want %+v", cfg, want)
	}

	tests := []struct {
		name string
		args []string
	}{
		{"alpha zero", []string{"--neuron.moving_average_alpha", "0"}},
		{"alpha above one", []string{"--neuron.moving_average_alpha", "1.01"}},
		{"no sample", []string{"--neuron.sample_size", "0"}},
		{"zero timeout", []string{"--neuron.timeout", "0"}},
		{"negative step", []string{"--neuron.step_interval", "-1"}},
		{"negative vpermit", []string{"--neuron.vpermit_tao_limit", "-1"}},
		{"bad dendrite ip", []string{"--dendrite.external_ip", "nowhere"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			io := &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
			cmd := validator.NewCmd(io, nil)
			cmd.SetArgs(append([]string{"--uri", "//V"}, tt.args...))
			cmd.SetOut(&out)
			cmd.SetErr(&out)
			var fe *cmdutil.FlagError
			if err := cmd.Execute(); !errors.As(err, &fe) {
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
	cmd := validator.NewCmd(io, nil)
	cmd.SetArgs([]string{"--uri", "//Nobody", "--node", srv.URL, "--log-level", "error"})
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	if err := cmd.ExecuteContext(context.Background()); !errors.Is(err, template.ErrNotRegistered) {
		t.Fatalf("error %v, want ErrNotRegistered", err)
	}
}
