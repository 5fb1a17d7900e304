// Package sim runs what-if scenarios of one subnet's Yuma consensus on the
// chain's own epoch code (package yuma, the code the chain runs at every
// epoch): validators with policies (honest with noise, weight copying with
// a lag, switching, fixed weights, late joining), miners whose quality
// changes, any Yuma hyperparameter. It writes per-epoch tables, a summary,
// plots, parameter sweeps, and epoch inputs as `taonet yuma run` files.
//
// # Scenario files (YAML)
//
//	name: copier-lag1                 # optional
//	description: …                    # optional, shown by `taonet sim list`
//	epochs: 40                        # required, 1 … 10000
//	seed: 7                           # noise seed (default 0); runs are deterministic for it
//	emission_per_epoch: 1.0           # TAO distributed per epoch (default 1)
//	params:                           # any of (defaults: the reference's)
//	  yuma3: true                     #   bool
//	  liquid_alpha: true              #   bool
//	  commit_reveal: false            #   bool
//	  alpha_low: 0.7                  #   [0,1] → u16
//	  alpha_high: 0.9                 #   [0,1] → u16
//	  kappa: 0.5                      #   [0,1] → u16
//	  bonds_moving_average: 0.9       #   [0,1] → millionths
//	  bonds_penalty: 1.0              #   [0,1] → u16
//	  tempo: 360                      #   blocks per epoch
//	  activity_cutoff: 5000           #   blocks (default: never inactive)
//	  max_allowed_validators: 64      #   top-k by stake get permits
//	  alpha_sigmoid_steepness: 1000   #   i16
//	  stake_threshold: 0              #   TAO
//	validators:                       # UIDs 0 … V−1, in this order
//	  - {name: v1, stake: 1000, policy: honest, noise: 0.02}
//	  - {name: copier, stake: 700, policy: copy, lag: 1}
//	  - {name: late, stake: 800, policy: honest, join_epoch: 10}
//	  - {name: sw, stake: 300, policy: switch, at_epoch: 20, to: m2}
//	  - {name: cab, stake: 600, policy: fixed, weights: {m3: 1.0}}
//	miners:                           # UIDs V … V+M−1
//	  - {name: m1, quality: 0.9}
//	  - {name: m2, quality: 0.5, changes: {20: 0.95}}
//
// Policies: honest weights each miner by its quality plus Gaussian noise
// (standard deviation `noise`, drawn from a PCG seeded by seed, validator
// index and epoch), clipped at 0; copy submits the consensus of `lag` epochs
// before (nothing before that); switch is honest until `at_epoch`, then puts
// all weight on miner `to`; fixed submits `weights`. A validator with
// `join_epoch` has no stake and sets no weights before it. Weights are
// stored as set_weights stores them: max-upscaled to u16, zeros dropped.
// Names are unique across validators and miners. Stakes are TAO (≥ 0).
//
// Errors name the field path (`validators[2].stake: must be ≥ 0`).
//
// # Epochs
//
// Epoch e (0-based) runs at block (e+1)·tempo with the previous epoch at
// e·tempo; its validator permits and bonds are the previous epoch's
// outputs, as on chain.
//
// # Outputs (taonet sim run … --out DIR)
//
//   - epochs.csv: one row per epoch and neuron: epoch, block, uid, name,
//     role, stake (TAO), weights (the validator's stored row as
//     name:proportion;…), consensus, incentive, dividends (proportions),
//     bonds (the validator's bond row as name:proportion;…), emission (TAO).
//   - summary.json: per validator total_dividends (TAO of validator
//     emission), dividend_share, stake_share and relative_dividends =
//     dividend_share − stake_share; per miner total_incentive (TAO of server
//     emission) and mean_incentive.
//   - dividends, relative_dividends, incentive and bonds_heatmap, each as
//     .svg and .png.
//   - with --emit-yuma-scenario K: yuma-epoch-K.json, epoch K's exact input
//     as a `taonet yuma run` file, whose output equals epoch K's rows.
package sim
