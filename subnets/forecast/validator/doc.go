// Package validator is the forecasting subnet's incentive mechanism as a
// template.Task: each step draws a round of package round from a secret
// seed taken from crypto/rand (process.RandomSeed), sends its series to the
// sampled miners and rewards each miner with its mean scaled-error reward
// over the round's series.
//
//	v, err := template.NewValidator(cfg, chain, hotkey, validator.NewTask(round.DefaultConfig()))
//	err = v.Run(ctx)
package validator
