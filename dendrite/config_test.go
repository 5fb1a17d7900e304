package dendrite_test

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/taonet/taonet/axon"
	"github.com/taonet/taonet/dendrite"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*dendrite.Config)
		ok   bool
	}{
		{"default", func(*dendrite.Config) {}, true},
		{"external ip", func(c *dendrite.Config) { c.ExternalIP = "203.0.113.7" }, true},
		{"bad external ip", func(c *dendrite.Config) { c.ExternalIP = "example.com" }, false},
		{"no concurrency", func(c *dendrite.Config) { c.MaxConcurrency = 0 }, false},
		{"negative idle", func(c *dendrite.Config) { c.MaxIdleConnsPerHost = -1 }, false},
		{"negative dial timeout", func(c *dendrite.Config) { c.DialTimeout = -1 }, false},
		{"no response bytes", func(c *dendrite.Config) { c.MaxResponseBytes = 0 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dendrite.DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			if tt.ok != (err == nil) || (err != nil && !errors.Is(err, dendrite.ErrInvalidConfig)) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

// TestOwnExternalIPDialsLoopback: an axon announcing the dendrite's own
// external address is reached on loopback, as the reference does.
func TestOwnExternalIPDialsLoopback(t *testing.T) {
	a := startAxon(t, "//Alice", axon.DefaultConfig(), axon.Handler[*Dummy]{})
	cfg := dendrite.DefaultConfig()
	cfg.Logger = quiet()
	cfg.ExternalIP = "203.0.113.7"
	d, err := dendrite.New(mustKey(t, "//Bob"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	info := a.Info()
	info.IP = netip.MustParseAddr("203.0.113.7")
	r := d.Call(context.Background(), info, &Dummy{DummyInput: 1}, 5*time.Second)
	if r.Err != nil {
		t.Fatalf("call: %d %q %v", r.StatusCode, r.Message, r.Err)
	}
	s := r.Synapse.(*Dummy)
	if s.Dendrite.IP != "127.0.0.1" || s.Axon.IP != "203.0.113.7" {
		t.Fatalf("terminals: dendrite ip %q (seen by the axon), axon ip %q", s.Dendrite.IP, s.Axon.IP)
	}
}
