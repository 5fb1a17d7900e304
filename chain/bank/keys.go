package bank

import (
	"github.com/taonet/taonet/chain/module"
	"github.com/taonet/taonet/keys"
)

// Prefix is the bank module's one-byte state prefix.
const Prefix byte = 0x01

const (
	subBalance            byte = 0x01
	subTotalIssuance      byte = 0x02
	subExistentialDeposit byte = 0x03
)

// BalanceKey is the state key of an account's free balance.
func BalanceKey(acct keys.PublicKey) []byte { return module.Key(Prefix, []byte{subBalance}, acct[:]) }

// BalancePrefix is the key prefix of every balance record.
func BalancePrefix() []byte { return []byte{Prefix, subBalance} }

func totalIssuanceKey() []byte      { return []byte{Prefix, subTotalIssuance} }
func existentialDepositKey() []byte { return []byte{Prefix, subExistentialDeposit} }
