package walletflags_test

import "github.com/taonet/taonet/keys"

func walletflagsURI(uri string) (*keys.Keypair, error) { return keys.FromURI(uri) }
