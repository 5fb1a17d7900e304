package axon_test

import (
	"net"
	"net/http"
	"strconv"
	"testing"

	"github.com/taonet/taonet/axon"
)

// TestReachableAtTheAnnouncedAddress: an axon that listens on 127.0.0.1
// and announces the loopback alias 127.0.0.2 (a miner on a local chain)
// answers a plain HTTP client dialling the announced ip:port, as well as
// the listening address (the dendrite's own-address rewrite).
func TestReachableAtTheAnnouncedAddress(t *testing.T) {
	cfg := testConfig()
	cfg.ExternalIP = "127.0.0.2"
	a, base := startAxon(t, cfg, axon.Handler[*Dummy]{})
	info := a.Info()
	if info.IP.String() != "127.0.0.2" {
		t.Fatalf("announces %v", info.IP)
	}
	announced := "http://" + net.JoinHostPort(info.IP.String(), strconv.Itoa(int(info.Port)))
	bob := mustKey(t, "//Bob")
	for _, url := range []string{announced, base} {
		r := do(t, call{signer: bob, input: 21}.request(t, url))
		if r.code != http.StatusOK {
			t.Fatalf("%s: status %d (%s)", url, r.code, r.body)
		}
	}
}

// An announced address that is not loopback is not listened on (it is the
// public address of a host behind NAT, say).
func TestNoExtraListenerForAPublicAddress(t *testing.T) {
	cfg := testConfig()
	cfg.ExternalIP = "203.0.113.7"
	a, _ := startAxon(t, cfg, axon.Handler[*Dummy]{})
	if a.Info().IP.String() != "203.0.113.7" {
		t.Fatalf("announces %v", a.Info().IP)
	}
}
