package bank

import (
	"strconv"

	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/store"
)

// TotalSupply is the hard cap on issuance: 21M TAO in rao.
const TotalSupply uint64 = 21_000_000_000_000_000

// DefaultExistentialDeposit is the reference's existential deposit, in rao.
const DefaultExistentialDeposit uint64 = 500

// Balance returns acct's free balance.
func Balance(kv store.Reader, acct keys.PublicKey) uint64 {
	return module.GetU64(kv, BalanceKey(acct))
}

// TotalIssuance returns the rao in existence on the chain's books.
func TotalIssuance(kv store.Reader) uint64 { return module.GetU64(kv, totalIssuanceKey()) }

// SetTotalIssuance overwrites the issuance (genesis only).
func SetTotalIssuance(kv store.KV, v uint64) { module.SetU64(kv, totalIssuanceKey(), v) }

// ExistentialDeposit returns the minimum non-zero balance.
func ExistentialDeposit(kv store.Reader) uint64 {
	return module.GetU64(kv, existentialDepositKey())
}

// SetExistentialDeposit sets the minimum non-zero balance (genesis only).
func SetExistentialDeposit(kv store.KV, v uint64) { module.SetU64(kv, existentialDepositKey(), v) }

// Debit removes amount from acct's free balance. The remaining balance must
// be zero or at least the existential deposit; with keepAlive it must not be
// zero either.
func Debit(kv store.KV, acct keys.PublicKey, amount uint64, keepAlive bool) error {
	bal := Balance(kv, acct)
	if bal < amount {
		return module.Wrapf(ErrInsufficientBalance, "have %d rao, need %d", bal, amount)
	}
	rest := bal - amount
	if rest == 0 && keepAlive {
		return ErrExpendability
	}
	if ed := ExistentialDeposit(kv); rest != 0 && rest < ed {
		return module.Wrapf(ErrExistentialDeposit, "%d rao would remain, below %d", rest, ed)
	}
	module.SetU64(kv, BalanceKey(acct), rest)
	return nil
}

// Credit adds amount to acct's free balance. An account created by the
// credit must receive at least the existential deposit.
func Credit(kv store.KV, acct keys.PublicKey, amount uint64) error {
	bal := Balance(kv, acct)
	if bal == 0 && amount < ExistentialDeposit(kv) {
		return module.Wrapf(ErrExistentialDeposit, "new account would hold %d rao", amount)
	}
	sum := bal + amount
	if sum < bal {
		return ErrOverflow
	}
	module.SetU64(kv, BalanceKey(acct), sum)
	return nil
}

// Transfer moves amount from one account to another with the rules of
// transfer_allow_death (keepAlive false) or transfer_keep_alive.
func Transfer(ctx *module.Context, from, to keys.PublicKey, amount uint64, keepAlive bool) error {
	if amount == 0 {
		return ErrZeroAmount
	}
	if err := Debit(ctx.KV, from, amount, keepAlive); err != nil {
		return err
	}
	if err := Credit(ctx.KV, to, amount); err != nil {
		return err
	}
	ctx.Events.Emit("Transfer", "from", from.SS58(), "to", to.SS58(), "amount", strconv.FormatUint(amount, 10))
	return nil
}

// AddIssuance raises the total issuance by amount (minting onto the
// chain's books); the caller puts the amount somewhere (a balance, a
// pending pool). It never exceeds TotalSupply.
func AddIssuance(kv store.KV, amount uint64) error {
	ti := TotalIssuance(kv)
	if amount > TotalSupply || ti > TotalSupply-amount {
		return ErrIssuanceCap
	}
	SetTotalIssuance(kv, ti+amount)
	return nil
}

// Recycle lowers the total issuance by amount: the rao leave existence (a
// burned registration fee, a tx fee). The caller has already removed them
// from wherever they were held.
func Recycle(kv store.KV, amount uint64) {
	ti := TotalIssuance(kv)
	if amount > ti {
		amount = ti
	}
	SetTotalIssuance(kv, ti-amount)
}

// Mint credits acct with amount of newly issued rao.
func Mint(kv store.KV, acct keys.PublicKey, amount uint64) error {
	if err := AddIssuance(kv, amount); err != nil {
		return err
	}
	return Credit(kv, acct, amount)
}

// Accounts calls fn for every account with a non-zero balance in key order.
func Accounts(kv store.Reader, fn func(acct keys.PublicKey, free uint64) bool) {
	module.AccountU64s(kv, BalancePrefix(), fn)
}
