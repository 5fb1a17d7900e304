package keys_test

import (
	"fmt"

	"github.com/taonet/taonet/keys"
)

func ExampleFromURI() {
	alice, err := keys.FromURI("//Alice")
	if err != nil {
		panic(err)
	}
	fmt.Println(alice.SS58())
	fmt.Println(alice.Public().Hex())
	// Output:
	// 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
	// 0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d
}

func ExamplePublicKey_Verify() {
	kp, _ := keys.FromMnemonic("bottom drive obey lake curtain smoke basket hold race lonely fit walk")
	sig, _ := kp.Sign([]byte("hello"))
	pub, _ := keys.ParseSS58(kp.SS58())
	fmt.Println(pub.Verify([]byte("hello"), sig), pub.Verify([]byte("hellO"), sig))
	// Output: true false
}

func ExampleEncodeSS58() {
	pub, _ := keys.ParseSS58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
	polkadot, _ := keys.EncodeSS58(pub, 0)
	fmt.Println(polkadot)
	// Output: 15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5
}
