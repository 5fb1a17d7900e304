// Package deps pins modules that the project uses in packages still being
// written, so that go.mod stays stable while they land. It is removed once
// every module below is imported by real code.
package deps

import (
	_ "github.com/ChainSafe/go-schnorrkel"
	_ "github.com/cockroachdb/pebble"
	_ "github.com/coder/websocket"
	_ "github.com/cometbft/cometbft/abci/example/kvstore"
	_ "github.com/cometbft/cometbft/abci/types"
	_ "github.com/cometbft/cometbft/node"
	_ "github.com/cosmos/go-bip39"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/crypto/blake2b"
	_ "golang.org/x/crypto/nacl/secretbox"
	_ "golang.org/x/crypto/scrypt"
	_ "golang.org/x/crypto/sha3"
	_ "pgregory.net/rapid"
)
