package wallet

import twallet "github.com/taonet/taonet/wallet"

// SetTestHooks lowers the argon2i cost and replaces the balance source for
// the duration of a test.
func SetTestHooks(k twallet.KDF, src func(url string) BalanceSource) (restore func()) {
	oldK, oldSrc := kdf, newBalanceSource
	kdf = k
	if src != nil {
		newBalanceSource = src
	}
	return func() { kdf, newBalanceSource = oldK, oldSrc }
}
