// Package mainnetday replays a day of a mainnet-sized network on one node:
// it generates a realistic signed workload deterministically and drives the
// real application (ABCI FinalizeBlock and Commit on Pebble, signatures
// verified) as fast as it can, measuring every block.
//
// The network (Config): Subnets subnets of UIDs neurons each, tempo Tempo,
// epochs staggered by netuid as the chain schedules them. Validators
// validator hotkeys, staked at genesis, are registered on every subnet (as
// the large validators of the reference network are) and on root; the
// other UIDs of each subnet are miners of one coldkey per subnet. Before
// the measured day a setup phase (not measured) fills every subnet by
// burned registration, registers the validators on root and runs one tempo
// so that validator permits exist.
//
// Each measured block carries, deterministically from Seed and the height:
//   - set_weights: every validator on every subnet once per tempo, at an
//     offset of its own, dense over the subnet's UIDs with weights that
//     drift from epoch to epoch;
//   - set_root_weights: every root validator once per tempo (or past root's
//     weights rate limit if the tempo is shorter) over all subnets;
//   - registration churn: ChurnPerTempo burned registrations of fresh
//     hotkeys per subnet and tempo (each prunes the neuron with the lowest
//     pruning score);
//   - stake movement: StakeMovesPerBlock add_stake and as many remove_stake
//     calls by nominators on the validators;
//   - transfers: TransfersPerBlock transfers between nominators.
//
// Signing happens outside the measured time (a node receives signed
// transactions); verification happens inside it, in FinalizeBlock, as on a
// node that did not see the transactions in its mempool.
package mainnetday
