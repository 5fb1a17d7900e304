// Package yuma computes one Yuma Consensus epoch of a subnet, bit for bit as
// the reference chain (opentensor/subtensor, production path
// epoch_mechanism in pallets/subtensor/src/epoch/run_epoch.rs) does, on plain
// slices: no store, no chain types, no floats (see shared/specs/yuma.md).
//
// # Contract for the chain
//
// The chain reads the subnet's state into an Input, calls Epoch and writes the
// Output back:
//
//	out, err := yuma.Epoch(&yuma.Input{
//		N: n, Block: height, Params: params, HasOwner: ok, OwnerUID: owner,
//		Stake: stake,                         // alpha + tao·tao_weight, I64F64 (StakeFromU64 for integers)
//		LastUpdate: lastUpdate,               // block each UID last set weights
//		BlockAtRegistration: registeredAt,    // block each UID was registered at
//		ValidatorPermit: storedPermits,       // what the previous epoch stored
//		Weights: storedWeightRows,            // raw u16 rows as set_weights stored them
//		Bonds: storedBondRows,                // as the previous epoch stored them
//		CommitBlock: earliestPendingCommit,   // only with Params.CommitReveal; NoCommit for none
//		RaoEmission: pendingEmission,
//	})
//
// Every per-UID input slice has length N (Bonds and CommitBlock may be nil;
// LastUpdate may differ, as the reference tolerates: see Input.LastUpdate);
// anything else is an *InputError and nothing is computed. Within a row,
// entries keep the storage order the chain read them in; rows need not be
// sorted and UIDs >= N are ignored, as the reference ignores them. Epoch
// neither modifies nor retains its input. Given the same Input it returns the
// same Output on every machine: it is deterministic, single-threaded and
// allocation-bounded (O(N + entries), no per-entry allocation). A chain that
// runs many epochs keeps a Workspace and calls Workspace.Epoch, which reuses
// all memory (an epoch then allocates nothing); its Output is valid until the
// next call.
//
// The chain then stores, per UID: Output.Active, ValidatorPermit (the new
// permits, read back as Input.ValidatorPermit next epoch), StakeWeight,
// Consensus, Incentive, Dividends, ValidatorTrust (u16 = floor(x·65535)),
// Emission, and the Bonds rows: the new row for every UID with a new permit,
// an empty row for every other UID. ServerEmission and ValidatorEmission are
// the rao amounts to credit to each UID as miner and as validator.
//
// What the epoch computes (yuma.md §1): active UIDs (last update within the
// activity cutoff), normalised stake (StakeThreshold filter, owner exempt),
// new validator permits (top MaxAllowedValidators by stake, non-zero; owner
// always), active stake (active and previously permitted), weights masked by
// permit, self-weight (owner may keep its own), outdated-ness (set at or
// before the target's registration) and commit-reveal, then row-normalised;
// the kappa-weighted median consensus per UID, clipped weights, validator
// trust, incentive; bonds and dividends in original Yuma (EMA of column-
// normalised stake-weighted clipped weights, column-max-upscaled for
// storage) or Yuma3 (per-cell EMA of the penalty-interpolated weights, fixed
// or liquid alpha); the emission split; and the classic epoch's pruning
// scores (the normalised combined emission max-upscaled to u16), which the
// chain's neuron replacement uses.
//
// Not computed, because the reference's current epoch no longer computes
// them: rank and (server) trust.
package yuma
