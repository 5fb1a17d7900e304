package keys_test

import "encoding/hex"

func hexs(b []byte) string { return hex.EncodeToString(b) }
