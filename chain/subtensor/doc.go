// Package subtensor is taonet's subnet machinery — subtensor's
// SubtensorModule in the classic (2024, root-network emission) model, plus
// the AdminUtils hyperparameter setters:
//
//   - subnets: register_network with a decaying lock cost (held, returned on
//     dissolve), the subnet limit with replacement of the lowest-emission
//     non-immune subnet, owner coldkey and owner hotkey (UID 0);
//   - neurons: burned_register and PoW register, registration caps, the
//     classic difficulty/burn adjustment, replacement by pruning score,
//     serve_axon / serve_prometheus;
//   - staking: TAO staked on hotkeys per (hotkey, coldkey), delegates, take;
//   - weights: set_weights with every reference check, commit/reveal;
//   - root network (netuid 0): root_register, set_root_weights, the root
//     epoch splitting block emission into per-subnet pending emission;
//   - epochs: at (block + netuid + 1) % (tempo + 1) == 0 a subnet's pending
//     emission is drained: 18% owner cut to the owner's balance, the rest
//     through Yuma (package yuma) and paid as stake (take, nominators);
//   - subnets without owner, created at genesis (a fair launch's subnet 1):
//     no lock and no owner cut, and while none of their UIDs holds stake
//     each counts as holding one rao, so their PoW registrants are paid.
//
// Conservation: every rao minted is, at all times, a free balance, stake,
// in the coinbase pool, a subnet's pending emission or a held lock
// (CheckInvariant). Rounding dust is explicit: Yuma's remainder and an owner
// cut the owner's account cannot yet receive stay pending for the next
// epoch, the block split's remainder goes to the largest subnet, and a
// delegate's nominator remainder goes to its owner. Issuance grows only by
// what a block credits to subnets' pending emission (nothing while no open
// subnet with UIDs has an emission value); a dissolved subnet's pending
// emission leaves issuance.
//
// Everything here is deterministic: state is iterated by key prefix (in
// order), maps are used for lookups only, ratios use package fixed.
//
// # Reading state
//
// Readers take a store.Reader (a committed view) and never write:
// Network, Params, State, Subnet, Subnets, Netuids, SubnetExists,
// SubnetCount, LockCost, LastLock, SubnetToPrune; GetNeuron, Neurons,
// NeuronFull, Metagraph, UID, IsRegistered, Registrations, Weights, Bonds,
// Commits, Axon, Prometheus, NeuronToPrune, IsImmune; Owner, OwnedHotkeys,
// Stake, TotalHotkeyStake, TotalColdkeyStake, TotalStake, Nominators,
// StakesOfColdkey, IsDelegate, Take, Delegates, Delegate, AllDelegates;
// Sudo, BlockHash, EpochDue, BlocksUntilNextEpoch, EpochIndex, EpochInput,
// CheckInvariant; PendingColdkeySwap, PendingColdkeySwaps.
//
// # Genesis
//
// Genesis sets the network parameters, initial stakes and ownerless
// subnets (GenesisSubnet, with their emission values); ExportGenesis
// returns every module record (except the block-hash ring, used work and
// sudo) as hex Records, which InitGenesis writes back verbatim.
//
// # State (prefix 0x10; integers big-endian in keys, records in tx encoding)
//
//	0x10 0x01                      → NetworkParams record
//	0x10 0x02                      → last lock cost (u64 LE)
//	0x10 0x03                      → last lock block (u64 LE)
//	0x10 0x04                      → total stake (u64 LE)
//	0x10 0x05                      → sudo account (32 bytes)
//	0x10 0x10 ‖ netuid(2)          → SubnetParams record (presence = subnet exists)
//	0x10 0x11 ‖ netuid(2)          → SubnetState record
//	0x10 0x12 ‖ netuid(2) ‖ uid(2) → Neuron record
//	0x10 0x13 ‖ netuid(2) ‖ hotkey → uid (u16 BE)
//	0x10 0x14 ‖ netuid(2) ‖ uid(2) → weight row: (uid u16, value u16)* BE
//	0x10 0x15 ‖ netuid(2) ‖ uid(2) → bond row: (uid u16, value u16)* BE
//	0x10 0x16 ‖ netuid(2) ‖ hotkey → AxonInfo record
//	0x10 0x17 ‖ netuid(2) ‖ hotkey → PrometheusInfo record
//	0x10 0x18 ‖ netuid(2) ‖ hotkey → weight commits: (hash 32, epoch u64, block u64)*
//	0x10 0x19 ‖ netuid(2) ‖ call(1) → block of the owner's last change of that setter
//	0x10 0x20 ‖ hotkey             → owning coldkey (32 bytes)
//	0x10 0x21 ‖ coldkey ‖ hotkey   → 1 (owned hotkeys)
//	0x10 0x22 ‖ hotkey ‖ coldkey   → stake (u64 LE)
//	0x10 0x23 ‖ coldkey ‖ hotkey   → 1 (coldkey's staked hotkeys)
//	0x10 0x24 ‖ hotkey             → total hotkey stake (u64 LE)
//	0x10 0x25 ‖ coldkey            → total coldkey stake (u64 LE)
//	0x10 0x26 ‖ hotkey             → delegate take (u16 BE; presence = delegate)
//	0x10 0x27 ‖ hotkey             → block of the last take change (u64 LE)
//	0x10 0x28 ‖ coldkey            → block of the last become_delegate (u64 LE)
//	0x10 0x29 ‖ hotkey ‖ netuid(2) → uid (subnets the hotkey is registered on)
//	0x10 0x30 ‖ height(8)          → block hash (the last 256, while a subnet exists)
//	0x10 0x31 ‖ block(8) ‖ work(32)→ 1 (PoW work used; pruned after 3 blocks)
//	0x10 0x32 ‖ block(8) ‖ netuid(2) → owner coldkey (a scheduled dissolution)
//	0x10 0x33 ‖ coldkey            → Identity record
//	0x10 0x34 ‖ netuid(2)          → SubnetIdentity record
//	0x10 0x35                      → ColdkeySwapScheduleDuration (u64 LE; absent = default)
//	0x10 0x36 ‖ coldkey            → ColdkeySwap record (a pending coldkey swap)
//	0x10 0x37 ‖ block(8) ‖ coldkey → 1 (coldkey swaps queued for that block)
//
// Zero u64 values are not stored. Keys are built only in keys.go.
//
// # Commit hash
//
// commit_weights takes blake2b-256 over the SCALE encoding of (hotkey:
// [u8;32], netuid: u16 LE, uids: Vec<u16>, values: Vec<u16>, salt:
// Vec<u16>, version_key: u64 LE), vectors as compact length + u16 LE items:
// the reference's BlakeTwo256::hash_of (see CommitPreimage, CommitHash).
// A commit made in epoch e ((block + netuid + 1) / (tempo + 1)) is revealed
// in epoch e + RevealPeriodEpochs exactly, and expires after it.
//
// # PoW
//
// PowRegister checks a seal with tx.SealHash and tx.MeetsDifficulty (the
// reference's create_seal_hash and hash_meets_difficulty, the seal read
// big-endian) over the hash BlockHash records for a block (the block
// environment's hash at that height); tx.SolvePow is the solver tools use.
package subtensor
