package bank

import "github.com/taonet/taonet/chain/module"

var (
	// ErrInsufficientBalance is returned when an account has less free balance than a debit needs.
	ErrInsufficientBalance = module.NewError(module.CodespaceBalances, 1, "InsufficientBalance", "balance too low to send value")
	// ErrExistentialDeposit is returned when a credit would create an account below the existential deposit,
	// or a debit would leave a non-zero balance below it.
	ErrExistentialDeposit = module.NewError(module.CodespaceBalances, 2, "ExistentialDeposit", "value too low to create account or would leave dust below the existential deposit")
	// ErrExpendability is returned when transfer_keep_alive would empty the sender's account.
	ErrExpendability = module.NewError(module.CodespaceBalances, 3, "Expendability", "transfer would kill the account")
	// ErrZeroAmount is returned for a transfer of zero rao.
	ErrZeroAmount = module.NewError(module.CodespaceBalances, 4, "ZeroAmount", "amount must be greater than zero")
	// ErrOverflow is returned when a balance or the issuance would exceed u64.
	ErrOverflow = module.NewError(module.CodespaceBalances, 5, "Overflow", "balance arithmetic overflow")
	// ErrIssuanceCap is returned when minting would exceed the total supply.
	ErrIssuanceCap = module.NewError(module.CodespaceBalances, 6, "IssuanceCap", "mint would exceed total supply")
)
