package wallet_test

import (
	"testing"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

// fastKDF keeps argon2i cheap in tests; files made with it only open with it.
var fastKDF = wallet.KDF{Time: 1, MemoryKiB: 64, Threads: 1}

const (
	oldLeopard     = "old leopard transfer rib spatial phone calm indicate online fire caution review"
	oldLeopardSS58 = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX"
	aliceSS58      = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
)

func mustURI(t *testing.T, uri string) *keys.Keypair {
	t.Helper()
	kp, err := keys.FromURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func mustKey(uri string) *keys.Keypair {
	kp, err := keys.FromURI(uri)
	if err != nil {
		panic(err)
	}
	return kp
}
