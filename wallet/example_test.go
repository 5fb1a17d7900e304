package wallet_test

import (
	"fmt"
	"os"

	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/wallet"
)

func ExampleWallet() {
	root, _ := os.MkdirTemp("", "wallets")
	defer os.RemoveAll(root)

	w, _ := wallet.New("alice", "miner", root)
	cold, _ := keys.FromURI("//Alice")
	hot, _ := keys.FromURI("//Alice//miner")
	// Tests lower the argon2i cost; real wallets keep the zero (reference) KDF.
	w.KDF = wallet.KDF{Time: 1, MemoryKiB: 64, Threads: 1}
	_ = w.SetColdkey(cold, wallet.WriteOptions{Encrypt: true, Password: "correct horse"})
	_ = w.SetHotkey(hot, wallet.WriteOptions{})

	pub, _ := w.ColdkeyPub() // no password needed
	fmt.Println(pub.SS58())
	signer, err := wallet.ResolveSigner(wallet.SignerOptions{
		Name: "alice", Path: root, Role: wallet.RoleColdkey,
		Password: wallet.StaticPassword("correct horse"), KDF: w.KDF,
	})
	fmt.Println(signer.SS58() == pub.SS58(), err)
	// Output:
	// 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
	// true <nil>
}
