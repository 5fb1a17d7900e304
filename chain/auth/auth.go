// Package auth checks a transaction's envelope against state: chain id,
// signature, nonce, and the fee, which it charges and recycles.
//
// State (prefix 0x02):
//
//	0x02 0x01 ‖ account(32) → next nonce, u64 LE (absent = 0)
//	0x02 0x02               → base fee per transaction in rao, u64 LE
package auth

import (
	"errors"
	"strconv"

	"github.com/taonet/taonet/chain/bank"
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
	"github.com/taonet/taonet/tx"
)

// Prefix is the auth module's one-byte state prefix.
const Prefix byte = 0x02

// DefaultBaseFee is the fee every transaction pays before its tip: 0.000125 TAO.
const DefaultBaseFee uint64 = 125_000

var (
	// ErrTxDecode is returned for bytes that are not a valid canonical transaction.
	ErrTxDecode = module.NewError(module.CodespaceTx, 1, "TxDecode", "malformed transaction")
	// ErrBadChainID is returned for a transaction signed for another chain.
	ErrBadChainID = module.NewError(module.CodespaceTx, 2, "BadChainId", "transaction is for another chain")
	// ErrBadProof is returned when the signature does not verify.
	ErrBadProof = module.NewError(module.CodespaceTx, 3, "BadProof", "invalid signature")
	// ErrStale is returned for a nonce below the account's next nonce (a replay).
	ErrStale = module.NewError(module.CodespaceTx, 4, "Stale", "nonce already used")
	// ErrFuture is returned for a nonce above the account's next nonce.
	ErrFuture = module.NewError(module.CodespaceTx, 5, "Future", "nonce skips ahead")
	// ErrPayment is returned when the signer cannot pay the fee.
	ErrPayment = module.NewError(module.CodespaceTx, 6, "Payment", "cannot pay the transaction fee")
	// ErrUnknownCall is returned for a call no module handles.
	ErrUnknownCall = module.NewError(module.CodespaceTx, 7, "UnknownCall", "call not handled by any module")
	// ErrTxTooLarge is returned for a transaction above tx.MaxTxBytes.
	ErrTxTooLarge = module.NewError(module.CodespaceTx, 8, "ExhaustsResources", "transaction too large")
)

// subNonce is the sub-prefix of the nonce records.
const subNonce byte = 0x01

func nonceKey(acct keys.PublicKey) []byte { return module.Key(Prefix, []byte{subNonce}, acct[:]) }
func baseFeeKey() []byte                  { return []byte{Prefix, 0x02} }

// Nonce returns the next nonce acct must use.
func Nonce(kv store.Reader, acct keys.PublicKey) uint64 { return module.GetU64(kv, nonceKey(acct)) }

// BaseFee returns the fee every transaction pays before its tip.
func BaseFee(kv store.Reader) uint64 { return module.GetU64(kv, baseFeeKey()) }

// SetBaseFee sets the base fee (genesis only).
func SetBaseFee(kv store.KV, v uint64) { module.SetU64(kv, baseFeeKey(), v) }

// Decode parses raw bytes into a transaction, mapping codec errors to chain errors.
func Decode(raw []byte) (*tx.Tx, error) {
	t, err := tx.Decode(raw)
	if err != nil {
		if errors.Is(err, tx.ErrTooLarge) && len(raw) > tx.MaxTxBytes {
			return nil, module.Wrapf(ErrTxTooLarge, "%d bytes", len(raw))
		}
		if errors.Is(err, tx.ErrUnknownCall) {
			return nil, module.Wrapf(ErrUnknownCall, "%v", err)
		}
		return nil, module.Wrapf(ErrTxDecode, "%v", err)
	}
	return t, nil
}

// Check verifies the envelope against state without writing: chain id,
// nonce and signature (cheapest first). With sigVerified the caller vouches
// that this exact encoding's signature already verified (a verification
// cache keyed by the tx hash), and the signature check is skipped.
func Check(kv store.Reader, chainID string, t *tx.Tx, sigVerified bool) error {
	if t.ChainID != chainID {
		return module.Wrapf(ErrBadChainID, "got %q, want %q", t.ChainID, chainID)
	}
	switch next := Nonce(kv, t.Signer); {
	case t.Nonce < next:
		return module.Wrapf(ErrStale, "nonce %d, next is %d", t.Nonce, next)
	case t.Nonce > next:
		return module.Wrapf(ErrFuture, "nonce %d, next is %d", t.Nonce, next)
	}
	if sigVerified {
		return nil
	}
	if err := t.VerifySignature(); err != nil {
		return ErrBadProof
	}
	return nil
}

// Fee returns what t pays: the base fee plus its tip, or only the tip for
// a fee-exempt call (tx.PaysFee false).
func Fee(kv store.Reader, t *tx.Tx) (uint64, error) {
	if !tx.PaysFee(t.Call) {
		return t.Tip, nil
	}
	fee := BaseFee(kv) + t.Tip
	if fee < t.Tip {
		return 0, module.Wrapf(ErrPayment, "fee overflows")
	}
	return fee, nil
}

// Charge takes the fee from the signer (recycling it) and bumps the nonce.
func Charge(ctx *module.Context, t *tx.Tx) (uint64, error) {
	fee, err := Fee(ctx.KV, t)
	if err != nil {
		return 0, err
	}
	if fee > 0 {
		if err := bank.Debit(ctx.KV, t.Signer, fee, false); err != nil {
			return 0, module.Wrapf(ErrPayment, "%v", err)
		}
		bank.Recycle(ctx.KV, fee)
	}
	module.SetU64(ctx.KV, nonceKey(t.Signer), t.Nonce+1)
	ctx.Events.Emit("TransactionFeePaid", "who", t.Signer.SS58(), "actual_fee", strconv.FormatUint(fee, 10), "tip", strconv.FormatUint(t.Tip, 10))
	return fee, nil
}

// SetNonce sets acct's next nonce (genesis only).
func SetNonce(kv store.KV, acct keys.PublicKey, n uint64) { module.SetU64(kv, nonceKey(acct), n) }

// Nonces calls fn for every account with a non-zero nonce in key order.
func Nonces(kv store.Reader, fn func(acct keys.PublicKey, nonce uint64) bool) {
	module.AccountU64s(kv, []byte{Prefix, subNonce}, fn)
}
