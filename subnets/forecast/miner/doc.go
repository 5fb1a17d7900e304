// Package miner is the forecasting subnet's miner on the subnet template:
// a template.Miner whose axon answers [forecast.Forecast] synapses with one
// of the models of package models (round.Answer does the checks).
//
//	m, err := template.NewMiner(cfg, template.NewChain(client.New(url)), hotkey)
//	err = miner.Attach(m, models.DefaultEnsemble(), forecast.DefaultLimits())
//	err = m.Run(ctx)
package miner
