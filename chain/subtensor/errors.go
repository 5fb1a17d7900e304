package subtensor

import "github.com/taonet/taonet/chain/module"

// Subtensor errors. Codes are 1-based positions in subtensor's error declaration
// order (specs/chain.md §6.2), so they never change; the names are the reference's.
var (
	// ErrRootNetworkDoesNotExist is returned when the root network does not exist.
	ErrRootNetworkDoesNotExist = module.NewError(module.CodespaceSubtensor, 1, "RootNetworkDoesNotExist", "the root network does not exist")
	// ErrInvalidIpType is returned when the user is trying to serve an axon which is not of type 4 (IPv4) or 6 (IPv6).
	ErrInvalidIpType = module.NewError(module.CodespaceSubtensor, 2, "InvalidIpType", "the user is trying to serve an axon which is not of type 4 (IPv4) or 6 (IPv6)")
	// ErrInvalidIpAddress is returned when an invalid IP address is passed to the serve function.
	ErrInvalidIpAddress = module.NewError(module.CodespaceSubtensor, 3, "InvalidIpAddress", "an invalid IP address is passed to the serve function")
	// ErrInvalidPort is returned when an invalid port is passed to the serve function.
	ErrInvalidPort = module.NewError(module.CodespaceSubtensor, 4, "InvalidPort", "an invalid port is passed to the serve function")
	// ErrHotKeyNotRegisteredInSubNet is returned when the hotkey is not registered in subnet.
	ErrHotKeyNotRegisteredInSubNet = module.NewError(module.CodespaceSubtensor, 5, "HotKeyNotRegisteredInSubNet", "the hotkey is not registered in subnet")
	// ErrHotKeyAccountNotExists is returned when the hotkey does not exists.
	ErrHotKeyAccountNotExists = module.NewError(module.CodespaceSubtensor, 6, "HotKeyAccountNotExists", "the hotkey does not exists")
	// ErrHotKeyNotRegisteredInNetwork is returned when the hotkey is not registered in any subnet.
	ErrHotKeyNotRegisteredInNetwork = module.NewError(module.CodespaceSubtensor, 7, "HotKeyNotRegisteredInNetwork", "the hotkey is not registered in any subnet")
	// ErrNonAssociatedColdKey is returned when request to stake, unstake or subscribe is made by a coldkey that is not associated with the hotkey account.
	ErrNonAssociatedColdKey = module.NewError(module.CodespaceSubtensor, 8, "NonAssociatedColdKey", "request to stake, unstake or subscribe is made by a coldkey that is not associated with the hotkey account")
	// ErrNotEnoughStake is returned when dEPRECATED: Stake amount to withdraw is zero.
	ErrNotEnoughStake = module.NewError(module.CodespaceSubtensor, 9, "NotEnoughStake", "dEPRECATED: Stake amount to withdraw is zero")
	// ErrNotEnoughStakeToWithdraw is returned when the caller is requesting removing more stake than there exists in the staking account.
	ErrNotEnoughStakeToWithdraw = module.NewError(module.CodespaceSubtensor, 10, "NotEnoughStakeToWithdraw", "the caller is requesting removing more stake than there exists in the staking account")
	// ErrNotEnoughStakeToSetWeights is returned when the caller is requesting to set weights but the caller has less than minimum stake required to set weights (the stake_threshold parameter).
	ErrNotEnoughStakeToSetWeights = module.NewError(module.CodespaceSubtensor, 11, "NotEnoughStakeToSetWeights", "the caller is requesting to set weights but the caller has less than minimum stake required to set weights (the stake_threshold parameter)")
	// ErrNotEnoughStakeToSetChildkeys is returned when the parent hotkey doesn't have enough own stake to set childkeys.
	ErrNotEnoughStakeToSetChildkeys = module.NewError(module.CodespaceSubtensor, 12, "NotEnoughStakeToSetChildkeys", "the parent hotkey doesn't have enough own stake to set childkeys")
	// ErrNotEnoughBalanceToStake is returned when the caller is requesting adding more stake than there exists in the coldkey account.
	ErrNotEnoughBalanceToStake = module.NewError(module.CodespaceSubtensor, 13, "NotEnoughBalanceToStake", "the caller is requesting adding more stake than there exists in the coldkey account")
	// ErrBalanceWithdrawalError is returned when the caller is trying to add stake, but for some reason the requested amount could not be withdrawn from the coldkey acco.
	ErrBalanceWithdrawalError = module.NewError(module.CodespaceSubtensor, 14, "BalanceWithdrawalError", "the caller is trying to add stake, but for some reason the requested amount could not be withdrawn from the coldkey acco")
	// ErrZeroBalanceAfterWithdrawn is returned when unsuccessfully withdraw, balance could be zero (can not make account exist) after withdrawal.
	ErrZeroBalanceAfterWithdrawn = module.NewError(module.CodespaceSubtensor, 15, "ZeroBalanceAfterWithdrawn", "unsuccessfully withdraw, balance could be zero (can not make account exist) after withdrawal")
	// ErrNeuronNoValidatorPermit is returned when the caller is attempting to set non-self weights without being a permitted validator.
	ErrNeuronNoValidatorPermit = module.NewError(module.CodespaceSubtensor, 16, "NeuronNoValidatorPermit", "the caller is attempting to set non-self weights without being a permitted validator")
	// ErrWeightVecNotEqualSize is returned when the caller is attempting to set the weight keys and values but these vectors have different size.
	ErrWeightVecNotEqualSize = module.NewError(module.CodespaceSubtensor, 17, "WeightVecNotEqualSize", "the caller is attempting to set the weight keys and values but these vectors have different size")
	// ErrDuplicateUids is returned when the caller is attempting to set weights with duplicate UIDs in the weight matrix.
	ErrDuplicateUids = module.NewError(module.CodespaceSubtensor, 18, "DuplicateUids", "the caller is attempting to set weights with duplicate UIDs in the weight matrix")
	// ErrUidVecContainInvalidOne is returned when the caller is attempting to set weight to at least one UID that does not exist in the metagraph.
	ErrUidVecContainInvalidOne = module.NewError(module.CodespaceSubtensor, 19, "UidVecContainInvalidOne", "the caller is attempting to set weight to at least one UID that does not exist in the metagraph")
	// ErrWeightVecLengthIsLow is returned when the dispatch is attempting to set weights on chain with fewer elements than are allowed.
	ErrWeightVecLengthIsLow = module.NewError(module.CodespaceSubtensor, 20, "WeightVecLengthIsLow", "the dispatch is attempting to set weights on chain with fewer elements than are allowed")
	// ErrTooManyRegistrationsThisBlock is returned when number of registrations in this block exceeds the subnet hyperparameter max_regs_per_block; retry in a later block.
	ErrTooManyRegistrationsThisBlock = module.NewError(module.CodespaceSubtensor, 21, "TooManyRegistrationsThisBlock", "number of registrations in this block exceeds the subnet hyperparameter max_regs_per_block (retry in the next block)")
	// ErrHotKeyAlreadyRegisteredInSubNet is returned when the caller is requesting registering a neuron which already exists in the active set.
	ErrHotKeyAlreadyRegisteredInSubNet = module.NewError(module.CodespaceSubtensor, 22, "HotKeyAlreadyRegisteredInSubNet", "the caller is requesting registering a neuron which already exists in the active set")
	// ErrNewHotKeyIsSameWithOld is returned when the new hotkey is the same as old one.
	ErrNewHotKeyIsSameWithOld = module.NewError(module.CodespaceSubtensor, 23, "NewHotKeyIsSameWithOld", "the new hotkey is the same as old one")
	// ErrNewHotKeyNotCleanForRootSwap is returned when the new hotkey has outstanding root claimable or non-zero root stake, so the root rate-book cannot be merged without mis.
	ErrNewHotKeyNotCleanForRootSwap = module.NewError(module.CodespaceSubtensor, 24, "NewHotKeyNotCleanForRootSwap", "the new hotkey has outstanding root claimable or non-zero root stake, so the root rate-book cannot be merged without mis")
	// ErrInvalidWorkBlock is returned when the supplied PoW hash block is in the future or negative.
	ErrInvalidWorkBlock = module.NewError(module.CodespaceSubtensor, 25, "InvalidWorkBlock", "the supplied PoW hash block is in the future or negative")
	// ErrInvalidDifficulty is returned when the supplied PoW hash block does not meet the network difficulty.
	ErrInvalidDifficulty = module.NewError(module.CodespaceSubtensor, 26, "InvalidDifficulty", "the supplied PoW hash block does not meet the network difficulty")
	// ErrInvalidSeal is returned when the supplied PoW hash seal does not match the supplied work.
	ErrInvalidSeal = module.NewError(module.CodespaceSubtensor, 27, "InvalidSeal", "the supplied PoW hash seal does not match the supplied work")
	// ErrMaxWeightExceeded is returned when the dispatch is attempting to set weights on chain with weight value exceeding the subnet's max_weights_limit.
	ErrMaxWeightExceeded = module.NewError(module.CodespaceSubtensor, 28, "MaxWeightExceeded", "the dispatch is attempting to set weights on chain with weight value exceeding the subnet's max_weights_limit")
	// ErrHotKeyAlreadyDelegate is returned when the hotkey is attempting to become a delegate when the hotkey is already a delegate.
	ErrHotKeyAlreadyDelegate = module.NewError(module.CodespaceSubtensor, 29, "HotKeyAlreadyDelegate", "the hotkey is attempting to become a delegate when the hotkey is already a delegate")
	// ErrSettingWeightsTooFast is returned when a transactor exceeded the rate limit for setting weights.
	ErrSettingWeightsTooFast = module.NewError(module.CodespaceSubtensor, 30, "SettingWeightsTooFast", "a transactor exceeded the rate limit for setting weights")
	// ErrIncorrectWeightVersionKey is returned when a validator is attempting to set weights from a validator with incorrect weight version.
	ErrIncorrectWeightVersionKey = module.NewError(module.CodespaceSubtensor, 31, "IncorrectWeightVersionKey", "a validator is attempting to set weights from a validator with incorrect weight version")
	// ErrServingRateLimitExceeded is returned when an axon or prometheus serving exceeded the rate limit for a registered neuron.
	ErrServingRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 32, "ServingRateLimitExceeded", "an axon or prometheus serving exceeded the rate limit for a registered neuron")
	// ErrUidsLengthExceedUidsInSubNet is returned when the caller is attempting to set weights with more UIDs than allowed.
	ErrUidsLengthExceedUidsInSubNet = module.NewError(module.CodespaceSubtensor, 33, "UidsLengthExceedUidsInSubNet", "the caller is attempting to set weights with more UIDs than allowed")
	// ErrNetworkTxRateLimitExceeded is returned when a transactor exceeded the rate limit for add network transaction.
	ErrNetworkTxRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 34, "NetworkTxRateLimitExceeded", "a transactor exceeded the rate limit for add network transaction")
	// ErrDelegateTxRateLimitExceeded is returned when a transactor exceeded the rate limit for delegate transaction.
	ErrDelegateTxRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 35, "DelegateTxRateLimitExceeded", "a transactor exceeded the rate limit for delegate transaction")
	// ErrHotKeySetTxRateLimitExceeded is returned when a transactor exceeded the rate limit for setting or swapping hotkey.
	ErrHotKeySetTxRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 36, "HotKeySetTxRateLimitExceeded", "a transactor exceeded the rate limit for setting or swapping hotkey")
	// ErrStakingRateLimitExceeded is returned when a transactor exceeded the rate limit for staking.
	ErrStakingRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 37, "StakingRateLimitExceeded", "a transactor exceeded the rate limit for staking")
	// ErrSubNetRegistrationDisabled is returned when registration is disabled.
	ErrSubNetRegistrationDisabled = module.NewError(module.CodespaceSubtensor, 38, "SubNetRegistrationDisabled", "registration is disabled")
	// ErrTooManyRegistrationsThisInterval is returned when the number of registration attempts exceeded the allowed number in the interval.
	ErrTooManyRegistrationsThisInterval = module.NewError(module.CodespaceSubtensor, 39, "TooManyRegistrationsThisInterval", "the number of registration attempts exceeded the allowed number in the interval")
	// ErrTransactorAccountShouldBeHotKey is returned when the hotkey is required to be the origin.
	ErrTransactorAccountShouldBeHotKey = module.NewError(module.CodespaceSubtensor, 40, "TransactorAccountShouldBeHotKey", "the hotkey is required to be the origin")
	// ErrFaucetDisabled is returned when faucet is disabled.
	ErrFaucetDisabled = module.NewError(module.CodespaceSubtensor, 41, "FaucetDisabled", "faucet is disabled")
	// ErrNotSubnetOwner is returned when not a subnet owner.
	ErrNotSubnetOwner = module.NewError(module.CodespaceSubtensor, 42, "NotSubnetOwner", "not a subnet owner")
	// ErrRegistrationNotPermittedOnRootSubnet is returned when operation is not permitted on the root subnet.
	ErrRegistrationNotPermittedOnRootSubnet = module.NewError(module.CodespaceSubtensor, 43, "RegistrationNotPermittedOnRootSubnet", "operation is not permitted on the root subnet")
	// ErrStakeTooLowForRoot is returned when a hotkey with too little stake is attempting to join the root subnet.
	ErrStakeTooLowForRoot = module.NewError(module.CodespaceSubtensor, 44, "StakeTooLowForRoot", "a hotkey with too little stake is attempting to join the root subnet")
	// ErrAllNetworksInImmunity is returned when all subnets are in the immunity period.
	ErrAllNetworksInImmunity = module.NewError(module.CodespaceSubtensor, 45, "AllNetworksInImmunity", "all subnets are in the immunity period")
	// ErrNotEnoughBalanceToPaySwapHotKey is returned when not enough balance to pay swapping hotkey.
	ErrNotEnoughBalanceToPaySwapHotKey = module.NewError(module.CodespaceSubtensor, 46, "NotEnoughBalanceToPaySwapHotKey", "not enough balance to pay swapping hotkey")
	// ErrNotRootSubnet is returned when netuid does not match for setting root network weights.
	ErrNotRootSubnet = module.NewError(module.CodespaceSubtensor, 47, "NotRootSubnet", "netuid does not match for setting root network weights")
	// ErrCanNotSetRootNetworkWeights is returned when can not set weights for the root network.
	ErrCanNotSetRootNetworkWeights = module.NewError(module.CodespaceSubtensor, 48, "CanNotSetRootNetworkWeights", "can not set weights for the root network")
	// ErrNoNeuronIdAvailable is returned when no neuron ID is available.
	ErrNoNeuronIdAvailable = module.NewError(module.CodespaceSubtensor, 49, "NoNeuronIdAvailable", "no neuron ID is available")
	// ErrDelegateTakeTooLow is returned when delegate take is too low.
	ErrDelegateTakeTooLow = module.NewError(module.CodespaceSubtensor, 50, "DelegateTakeTooLow", "delegate take is too low")
	// ErrDelegateTakeTooHigh is returned when delegate take is too high.
	ErrDelegateTakeTooHigh = module.NewError(module.CodespaceSubtensor, 51, "DelegateTakeTooHigh", "delegate take is too high")
	// ErrNoWeightsCommitFound is returned when no commit found for the provided hotkey+netuid combination when attempting to reveal the weights.
	ErrNoWeightsCommitFound = module.NewError(module.CodespaceSubtensor, 52, "NoWeightsCommitFound", "no commit found for the provided hotkey+netuid combination when attempting to reveal the weights")
	// ErrInvalidRevealCommitHashNotMatch is returned when committed hash does not equal the hashed reveal data.
	ErrInvalidRevealCommitHashNotMatch = module.NewError(module.CodespaceSubtensor, 53, "InvalidRevealCommitHashNotMatch", "committed hash does not equal the hashed reveal data")
	// ErrCommitRevealEnabled is returned when attempting to call set_weights when commit/reveal is enabled.
	ErrCommitRevealEnabled = module.NewError(module.CodespaceSubtensor, 54, "CommitRevealEnabled", "attempting to call set_weights when commit/reveal is enabled")
	// ErrCommitRevealDisabled is returned when attemtping to commit/reveal weights when disabled.
	ErrCommitRevealDisabled = module.NewError(module.CodespaceSubtensor, 55, "CommitRevealDisabled", "attemtping to commit/reveal weights when disabled")
	// ErrLiquidAlphaDisabled is returned when attempting to set alpha high/low while disabled.
	ErrLiquidAlphaDisabled = module.NewError(module.CodespaceSubtensor, 56, "LiquidAlphaDisabled", "attempting to set alpha high/low while disabled")
	// ErrAlphaHighTooLow is returned when alpha high is too low: alpha_high > 0.8.
	ErrAlphaHighTooLow = module.NewError(module.CodespaceSubtensor, 57, "AlphaHighTooLow", "alpha high is too low: alpha_high > 0.8")
	// ErrAlphaLowOutOfRange is returned when alpha low is out of range: alpha_low > 0 && alpha_low < 0.8.
	ErrAlphaLowOutOfRange = module.NewError(module.CodespaceSubtensor, 58, "AlphaLowOutOfRange", "alpha low is out of range: alpha_low > 0 && alpha_low < 0.8")
	// ErrColdKeyAlreadyAssociated is returned when the coldkey has already been swapped.
	ErrColdKeyAlreadyAssociated = module.NewError(module.CodespaceSubtensor, 59, "ColdKeyAlreadyAssociated", "the coldkey has already been swapped")
	// ErrNotEnoughBalanceToPaySwapColdKey is returned when the coldkey balance is not enough to pay for the swap.
	ErrNotEnoughBalanceToPaySwapColdKey = module.NewError(module.CodespaceSubtensor, 60, "NotEnoughBalanceToPaySwapColdKey", "the coldkey balance is not enough to pay for the swap")
	// ErrInvalidChild is returned when attempting to set an invalid child for a hotkey on a network.
	ErrInvalidChild = module.NewError(module.CodespaceSubtensor, 61, "InvalidChild", "attempting to set an invalid child for a hotkey on a network")
	// ErrDuplicateChild is returned when duplicate child when setting children.
	ErrDuplicateChild = module.NewError(module.CodespaceSubtensor, 62, "DuplicateChild", "duplicate child when setting children")
	// ErrProportionOverflow is returned when proportion overflow when setting children.
	ErrProportionOverflow = module.NewError(module.CodespaceSubtensor, 63, "ProportionOverflow", "proportion overflow when setting children")
	// ErrTooManyChildren is returned when too many children MAX 5.
	ErrTooManyChildren = module.NewError(module.CodespaceSubtensor, 64, "TooManyChildren", "too many children MAX 5")
	// ErrTxRateLimitExceeded is returned when default transaction rate limit exceeded.
	ErrTxRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 65, "TxRateLimitExceeded", "default transaction rate limit exceeded")
	// ErrColdkeySwapAnnouncementNotFound is returned when coldkey swap announcement not found.
	ErrColdkeySwapAnnouncementNotFound = module.NewError(module.CodespaceSubtensor, 66, "ColdkeySwapAnnouncementNotFound", "coldkey swap announcement not found")
	// ErrColdkeySwapTooEarly is returned when coldkey swap too early.
	ErrColdkeySwapTooEarly = module.NewError(module.CodespaceSubtensor, 67, "ColdkeySwapTooEarly", "coldkey swap too early")
	// ErrColdkeySwapReannouncedTooEarly is returned when coldkey swap reannounced too early.
	ErrColdkeySwapReannouncedTooEarly = module.NewError(module.CodespaceSubtensor, 68, "ColdkeySwapReannouncedTooEarly", "coldkey swap reannounced too early")
	// ErrAnnouncedColdkeyHashDoesNotMatch is returned when the announced coldkey hash does not match the new coldkey hash.
	ErrAnnouncedColdkeyHashDoesNotMatch = module.NewError(module.CodespaceSubtensor, 69, "AnnouncedColdkeyHashDoesNotMatch", "the announced coldkey hash does not match the new coldkey hash")
	// ErrColdkeySwapAlreadyDisputed is returned when coldkey swap already disputed.
	ErrColdkeySwapAlreadyDisputed = module.NewError(module.CodespaceSubtensor, 70, "ColdkeySwapAlreadyDisputed", "coldkey swap already disputed")
	// ErrNewColdKeyIsHotkey is returned when new coldkey is hotkey.
	ErrNewColdKeyIsHotkey = module.NewError(module.CodespaceSubtensor, 71, "NewColdKeyIsHotkey", "new coldkey is hotkey")
	// ErrInvalidChildkeyTake is returned when childkey take is invalid.
	ErrInvalidChildkeyTake = module.NewError(module.CodespaceSubtensor, 72, "InvalidChildkeyTake", "childkey take is invalid")
	// ErrTxChildkeyTakeRateLimitExceeded is returned when childkey take rate limit exceeded.
	ErrTxChildkeyTakeRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 73, "TxChildkeyTakeRateLimitExceeded", "childkey take rate limit exceeded")
	// ErrInvalidIdentity is returned when invalid identity.
	ErrInvalidIdentity = module.NewError(module.CodespaceSubtensor, 74, "InvalidIdentity", "invalid identity")
	// ErrMechanismDoesNotExist is returned when subnet mechanism does not exist.
	ErrMechanismDoesNotExist = module.NewError(module.CodespaceSubtensor, 75, "MechanismDoesNotExist", "subnet mechanism does not exist")
	// ErrStakeUnavailable is returned when trying to unstake or re-lock the locked amount.
	ErrStakeUnavailable = module.NewError(module.CodespaceSubtensor, 76, "StakeUnavailable", "trying to unstake or re-lock the locked amount")
	// ErrSubnetNotExists is returned when trying to perform action on non-existent subnet.
	ErrSubnetNotExists = module.NewError(module.CodespaceSubtensor, 77, "SubnetNotExists", "trying to perform action on non-existent subnet")
	// ErrTooManyUnrevealedCommits is returned when maximum commit limit reached.
	ErrTooManyUnrevealedCommits = module.NewError(module.CodespaceSubtensor, 78, "TooManyUnrevealedCommits", "maximum commit limit reached")
	// ErrExpiredWeightCommit is returned when attempted to reveal weights that are expired.
	ErrExpiredWeightCommit = module.NewError(module.CodespaceSubtensor, 79, "ExpiredWeightCommit", "attempted to reveal weights that are expired")
	// ErrRevealTooEarly is returned when attempted to reveal weights too early.
	ErrRevealTooEarly = module.NewError(module.CodespaceSubtensor, 80, "RevealTooEarly", "attempted to reveal weights too early")
	// ErrInputLengthsUnequal is returned when attempted to batch reveal weights with mismatched vector input lenghts.
	ErrInputLengthsUnequal = module.NewError(module.CodespaceSubtensor, 81, "InputLengthsUnequal", "attempted to batch reveal weights with mismatched vector input lenghts")
	// ErrCommittingWeightsTooFast is returned when a transactor exceeded the rate limit for setting weights.
	ErrCommittingWeightsTooFast = module.NewError(module.CodespaceSubtensor, 82, "CommittingWeightsTooFast", "a transactor exceeded the rate limit for setting weights")
	// ErrAmountTooLow is returned when stake amount is too low.
	ErrAmountTooLow = module.NewError(module.CodespaceSubtensor, 83, "AmountTooLow", "stake amount is too low")
	// ErrInsufficientLiquidity is returned when not enough liquidity.
	ErrInsufficientLiquidity = module.NewError(module.CodespaceSubtensor, 84, "InsufficientLiquidity", "not enough liquidity")
	// ErrSlippageTooHigh is returned when slippage is too high for the transaction.
	ErrSlippageTooHigh = module.NewError(module.CodespaceSubtensor, 85, "SlippageTooHigh", "slippage is too high for the transaction")
	// ErrTransferDisallowed is returned when subnet disallows transfer.
	ErrTransferDisallowed = module.NewError(module.CodespaceSubtensor, 86, "TransferDisallowed", "subnet disallows transfer")
	// ErrActivityCutoffTooLow is returned when activity cutoff is being set too low.
	ErrActivityCutoffTooLow = module.NewError(module.CodespaceSubtensor, 87, "ActivityCutoffTooLow", "activity cutoff is being set too low")
	// ErrCallDisabled is returned when call is disabled.
	ErrCallDisabled = module.NewError(module.CodespaceSubtensor, 88, "CallDisabled", "call is disabled")
	// ErrFirstEmissionBlockNumberAlreadySet is returned when firstEmissionBlockNumber is already set.
	ErrFirstEmissionBlockNumberAlreadySet = module.NewError(module.CodespaceSubtensor, 89, "FirstEmissionBlockNumberAlreadySet", "firstEmissionBlockNumber is already set")
	// ErrNeedWaitingMoreBlocksToStarCall is returned when need wait for more blocks to accept the start call extrinsic.
	ErrNeedWaitingMoreBlocksToStarCall = module.NewError(module.CodespaceSubtensor, 90, "NeedWaitingMoreBlocksToStarCall", "need wait for more blocks to accept the start call extrinsic")
	// ErrNotEnoughAlphaOutToRecycle is returned when not enough AlphaOut on the subnet to recycle.
	ErrNotEnoughAlphaOutToRecycle = module.NewError(module.CodespaceSubtensor, 91, "NotEnoughAlphaOutToRecycle", "not enough AlphaOut on the subnet to recycle")
	// ErrCannotBurnOrRecycleOnRootSubnet is returned when cannot burn or recycle TAO from root subnet.
	ErrCannotBurnOrRecycleOnRootSubnet = module.NewError(module.CodespaceSubtensor, 92, "CannotBurnOrRecycleOnRootSubnet", "cannot burn or recycle TAO from root subnet")
	// ErrUnableToRecoverPublicKey is returned when public key cannot be recovered.
	ErrUnableToRecoverPublicKey = module.NewError(module.CodespaceSubtensor, 93, "UnableToRecoverPublicKey", "public key cannot be recovered")
	// ErrInvalidRecoveredPublicKey is returned when recovered public key is invalid.
	ErrInvalidRecoveredPublicKey = module.NewError(module.CodespaceSubtensor, 94, "InvalidRecoveredPublicKey", "recovered public key is invalid")
	// ErrSubtokenDisabled is returned when subToken disabled now.
	ErrSubtokenDisabled = module.NewError(module.CodespaceSubtensor, 95, "SubtokenDisabled", "subToken disabled now")
	// ErrHotKeySwapOnSubnetIntervalNotPassed is returned when too frequent hotkey swap on subnet.
	ErrHotKeySwapOnSubnetIntervalNotPassed = module.NewError(module.CodespaceSubtensor, 96, "HotKeySwapOnSubnetIntervalNotPassed", "too frequent hotkey swap on subnet")
	// ErrSameNetuid is returned when invalid netuid duplication.
	ErrSameNetuid = module.NewError(module.CodespaceSubtensor, 97, "SameNetuid", "invalid netuid duplication")
	// ErrInsufficientBalance is returned when the caller does not have enough balance for the operation.
	ErrInsufficientBalance = module.NewError(module.CodespaceSubtensor, 98, "InsufficientBalance", "the caller does not have enough balance for the operation")
	// ErrInvalidLeaseBeneficiary is returned when invalid lease beneficiary to register the leased network.
	ErrInvalidLeaseBeneficiary = module.NewError(module.CodespaceSubtensor, 99, "InvalidLeaseBeneficiary", "invalid lease beneficiary to register the leased network")
	// ErrLeaseCannotEndInThePast is returned when lease cannot end in the past.
	ErrLeaseCannotEndInThePast = module.NewError(module.CodespaceSubtensor, 100, "LeaseCannotEndInThePast", "lease cannot end in the past")
	// ErrLeaseNetuidNotFound is returned when couldn't find the lease netuid.
	ErrLeaseNetuidNotFound = module.NewError(module.CodespaceSubtensor, 101, "LeaseNetuidNotFound", "couldn't find the lease netuid")
	// ErrLeaseDoesNotExist is returned when lease does not exist.
	ErrLeaseDoesNotExist = module.NewError(module.CodespaceSubtensor, 102, "LeaseDoesNotExist", "lease does not exist")
	// ErrLeaseHasNoEndBlock is returned when lease has no end block.
	ErrLeaseHasNoEndBlock = module.NewError(module.CodespaceSubtensor, 103, "LeaseHasNoEndBlock", "lease has no end block")
	// ErrLeaseHasNotEnded is returned when lease has not ended.
	ErrLeaseHasNotEnded = module.NewError(module.CodespaceSubtensor, 104, "LeaseHasNotEnded", "lease has not ended")
	// ErrOverflow is returned when an overflow occurred.
	ErrOverflow = module.NewError(module.CodespaceSubtensor, 105, "Overflow", "an overflow occurred")
	// ErrBeneficiaryDoesNotOwnHotkey is returned when beneficiary does not own hotkey.
	ErrBeneficiaryDoesNotOwnHotkey = module.NewError(module.CodespaceSubtensor, 106, "BeneficiaryDoesNotOwnHotkey", "beneficiary does not own hotkey")
	// ErrExpectedBeneficiaryOrigin is returned when expected beneficiary origin.
	ErrExpectedBeneficiaryOrigin = module.NewError(module.CodespaceSubtensor, 107, "ExpectedBeneficiaryOrigin", "expected beneficiary origin")
	// ErrAdminActionProhibitedDuringWeightsWindow is returned when admin operation is prohibited during the protected weights window.
	ErrAdminActionProhibitedDuringWeightsWindow = module.NewError(module.CodespaceSubtensor, 108, "AdminActionProhibitedDuringWeightsWindow", "admin operation is prohibited during the protected weights window")
	// ErrSymbolDoesNotExist is returned when symbol does not exist.
	ErrSymbolDoesNotExist = module.NewError(module.CodespaceSubtensor, 109, "SymbolDoesNotExist", "symbol does not exist")
	// ErrSymbolAlreadyInUse is returned when symbol already in use.
	ErrSymbolAlreadyInUse = module.NewError(module.CodespaceSubtensor, 110, "SymbolAlreadyInUse", "symbol already in use")
	// ErrIncorrectCommitRevealVersion is returned when incorrect commit-reveal version.
	ErrIncorrectCommitRevealVersion = module.NewError(module.CodespaceSubtensor, 111, "IncorrectCommitRevealVersion", "incorrect commit-reveal version")
	// ErrInvalidRevealRound is returned when reveal round is older than the most recently stored DRAND round.
	ErrInvalidRevealRound = module.NewError(module.CodespaceSubtensor, 112, "InvalidRevealRound", "reveal round is older than the most recently stored DRAND round")
	// ErrRevealPeriodTooLarge is returned when reveal period is too large.
	ErrRevealPeriodTooLarge = module.NewError(module.CodespaceSubtensor, 113, "RevealPeriodTooLarge", "reveal period is too large")
	// ErrRevealPeriodTooSmall is returned when reveal period is too small.
	ErrRevealPeriodTooSmall = module.NewError(module.CodespaceSubtensor, 114, "RevealPeriodTooSmall", "reveal period is too small")
	// ErrInvalidValue is returned when generic error for out-of-range parameter value.
	ErrInvalidValue = module.NewError(module.CodespaceSubtensor, 115, "InvalidValue", "generic error for out-of-range parameter value")
	// ErrSubnetLimitReached is returned when subnet limit reached & there is no eligible subnet to prune.
	ErrSubnetLimitReached = module.NewError(module.CodespaceSubtensor, 116, "SubnetLimitReached", "subnet limit reached & there is no eligible subnet to prune")
	// ErrCannotAffordLockCost is returned when insufficient funds to meet the subnet lock cost.
	ErrCannotAffordLockCost = module.NewError(module.CodespaceSubtensor, 117, "CannotAffordLockCost", "insufficient funds to meet the subnet lock cost")
	// ErrEvmKeyAssociateRateLimitExceeded is returned when exceeded the rate limit for associating an EVM key.
	ErrEvmKeyAssociateRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 118, "EvmKeyAssociateRateLimitExceeded", "exceeded the rate limit for associating an EVM key")
	// ErrSameAutoStakeHotkeyAlreadySet is returned when same auto stake hotkey already set.
	ErrSameAutoStakeHotkeyAlreadySet = module.NewError(module.CodespaceSubtensor, 119, "SameAutoStakeHotkeyAlreadySet", "same auto stake hotkey already set")
	// ErrUidMapCouldNotBeCleared is returned when the UID map for the subnet could not be cleared.
	ErrUidMapCouldNotBeCleared = module.NewError(module.CodespaceSubtensor, 120, "UidMapCouldNotBeCleared", "the UID map for the subnet could not be cleared")
	// ErrTrimmingWouldExceedMaxImmunePercentage is returned when trimming would exceed the max immune neurons percentage.
	ErrTrimmingWouldExceedMaxImmunePercentage = module.NewError(module.CodespaceSubtensor, 121, "TrimmingWouldExceedMaxImmunePercentage", "trimming would exceed the max immune neurons percentage")
	// ErrChildParentInconsistency is returned when violating the rules of Childkey-Parentkey consistency.
	ErrChildParentInconsistency = module.NewError(module.CodespaceSubtensor, 122, "ChildParentInconsistency", "violating the rules of Childkey-Parentkey consistency")
	// ErrInvalidNumRootClaim is returned when invalid number of root claims.
	ErrInvalidNumRootClaim = module.NewError(module.CodespaceSubtensor, 123, "InvalidNumRootClaim", "invalid number of root claims")
	// ErrInvalidRootClaimThreshold is returned when invalid value of root claim threshold.
	ErrInvalidRootClaimThreshold = module.NewError(module.CodespaceSubtensor, 124, "InvalidRootClaimThreshold", "invalid value of root claim threshold")
	// ErrInvalidSubnetNumber is returned when exceeded subnet limit number or zero.
	ErrInvalidSubnetNumber = module.NewError(module.CodespaceSubtensor, 125, "InvalidSubnetNumber", "exceeded subnet limit number or zero")
	// ErrTooManyUIDsPerMechanism is returned when the maximum allowed UIDs times mechanism count should not exceed 256.
	ErrTooManyUIDsPerMechanism = module.NewError(module.CodespaceSubtensor, 126, "TooManyUIDsPerMechanism", "the maximum allowed UIDs times mechanism count should not exceed 256")
	// ErrVotingPowerTrackingNotEnabled is returned when voting power tracking is not enabled for this subnet.
	ErrVotingPowerTrackingNotEnabled = module.NewError(module.CodespaceSubtensor, 127, "VotingPowerTrackingNotEnabled", "voting power tracking is not enabled for this subnet")
	// ErrInvalidVotingPowerEmaAlpha is returned when invalid voting power EMA alpha value (must be <= 10^18).
	ErrInvalidVotingPowerEmaAlpha = module.NewError(module.CodespaceSubtensor, 128, "InvalidVotingPowerEmaAlpha", "invalid voting power EMA alpha value (must be <= 10^18)")
	// ErrDeprecated is returned when deprecated call.
	ErrDeprecated = module.NewError(module.CodespaceSubtensor, 129, "Deprecated", "deprecated call")
	// ErrAddStakeBurnRateLimitExceeded is returned when 'Add stake and burn' exceeded the operation rate limit.
	ErrAddStakeBurnRateLimitExceeded = module.NewError(module.CodespaceSubtensor, 130, "AddStakeBurnRateLimitExceeded", "'Add stake and burn' exceeded the operation rate limit")
	// ErrColdkeySwapAnnounced is returned when a coldkey swap has been announced for this account.
	ErrColdkeySwapAnnounced = module.NewError(module.CodespaceSubtensor, 131, "ColdkeySwapAnnounced", "a coldkey swap has been announced for this account")
	// ErrColdkeySwapDisputed is returned when a coldkey swap for this account is under dispute.
	ErrColdkeySwapDisputed = module.NewError(module.CodespaceSubtensor, 132, "ColdkeySwapDisputed", "a coldkey swap for this account is under dispute")
	// ErrColdkeySwapClearTooEarly is returned when coldkey swap clear too early.
	ErrColdkeySwapClearTooEarly = module.NewError(module.CodespaceSubtensor, 133, "ColdkeySwapClearTooEarly", "coldkey swap clear too early")
	// ErrDisabledTemporarily is returned when disabled temporarily.
	ErrDisabledTemporarily = module.NewError(module.CodespaceSubtensor, 134, "DisabledTemporarily", "disabled temporarily")
	// ErrRegistrationPriceLimitExceeded is returned when registration Price Limit Exceeded.
	ErrRegistrationPriceLimitExceeded = module.NewError(module.CodespaceSubtensor, 135, "RegistrationPriceLimitExceeded", "registration Price Limit Exceeded")
	// ErrLockHotkeyMismatch is returned when lock hotkey mismatch: existing lock is for a different hotkey.
	ErrLockHotkeyMismatch = module.NewError(module.CodespaceSubtensor, 136, "LockHotkeyMismatch", "lock hotkey mismatch: existing lock is for a different hotkey")
	// ErrInsufficientStakeForLock is returned when insufficient stake on subnet to cover the lock amount.
	ErrInsufficientStakeForLock = module.NewError(module.CodespaceSubtensor, 137, "InsufficientStakeForLock", "insufficient stake on subnet to cover the lock amount")
	// ErrNoExistingLock is returned when no existing lock found for the given coldkey and subnet.
	ErrNoExistingLock = module.NewError(module.CodespaceSubtensor, 138, "NoExistingLock", "no existing lock found for the given coldkey and subnet")
	// ErrActiveLockExists is returned when there is already an active lock for the given coldkey.
	ErrActiveLockExists = module.NewError(module.CodespaceSubtensor, 139, "ActiveLockExists", "there is already an active lock for the given coldkey")
	// ErrCannotUseSystemAccount is returned when a system account cannot be used in this operation.
	ErrCannotUseSystemAccount = module.NewError(module.CodespaceSubtensor, 140, "CannotUseSystemAccount", "a system account cannot be used in this operation")
	// ErrUnlockAmountTooHigh is returned when trying to unlock more than locked.
	ErrUnlockAmountTooHigh = module.NewError(module.CodespaceSubtensor, 141, "UnlockAmountTooHigh", "trying to unlock more than locked")
	// ErrTempoOutOfBounds is returned when the supplied tempo is outside the allowed range.
	ErrTempoOutOfBounds = module.NewError(module.CodespaceSubtensor, 142, "TempoOutOfBounds", "the supplied tempo is outside the allowed range")
	// ErrActivityCutoffFactorMilliOutOfBounds is returned when the supplied activity-cutoff factor is outside the allowed range.
	ErrActivityCutoffFactorMilliOutOfBounds = module.NewError(module.CodespaceSubtensor, 143, "ActivityCutoffFactorMilliOutOfBounds", "the supplied activity-cutoff factor is outside the allowed range")
	// ErrEpochTriggerAlreadyPending is returned when an epoch trigger is already pending for this subnet; wait for it to fire before triggering again.
	ErrEpochTriggerAlreadyPending = module.NewError(module.CodespaceSubtensor, 144, "EpochTriggerAlreadyPending", "an epoch trigger is already pending for this subnet; wait for it to fire before triggering again")
	// ErrAutoEpochAlreadyImminent is returned when the next automatic epoch is already imminent; a manual trigger would have no effect.
	ErrAutoEpochAlreadyImminent = module.NewError(module.CodespaceSubtensor, 145, "AutoEpochAlreadyImminent", "the next automatic epoch is already imminent; a manual trigger would have no effect")
	// ErrDynamicTempoBlockedByCommitReveal is returned when `trigger_epoch` is blocked because commit-reveal is enabled for this subnet: an out-of-band epoch would desync the CRv3.
	ErrDynamicTempoBlockedByCommitReveal = module.NewError(module.CodespaceSubtensor, 146, "DynamicTempoBlockedByCommitReveal", "`trigger_epoch` is blocked because commit-reveal is enabled for this subnet: an out-of-band epoch would desync the CRv3")
	// ErrAccountRejectsLockedAlpha is returned when the destination coldkey rejects incoming locked alpha.
	ErrAccountRejectsLockedAlpha = module.NewError(module.CodespaceSubtensor, 147, "AccountRejectsLockedAlpha", "the destination coldkey rejects incoming locked alpha")
	// ErrFailedToSchedule is returned when a dissolution cannot be scheduled (one is already pending for the subnet).
	ErrFailedToSchedule = module.NewError(module.CodespaceSubtensor, 148, "FailedToSchedule", "failed to schedule the call: a dissolution of this subnet is already scheduled")
	// Errors of the scheduled coldkey swap (2024–2025 reference, no longer in
	// HEAD's list): codes after FailedToSchedule, in the order added.

	// ErrSwapAlreadyScheduled is returned when a coldkey schedules the same swap again.
	ErrSwapAlreadyScheduled = module.NewError(module.CodespaceSubtensor, 149, "SwapAlreadyScheduled", "a swap of this coldkey to this destination is already scheduled")
	// ErrColdkeyIsInArbitration is returned for any call of a coldkey whose swap is in arbitration.
	ErrColdkeyIsInArbitration = module.NewError(module.CodespaceSubtensor, 150, "ColdkeyIsInArbitration", "the coldkey is in arbitration: swaps to two destinations were scheduled; root decides")
	// ErrColdkeyInSwapSchedule is returned when a coldkey with a scheduled swap tries to move stake or balance out.
	ErrColdkeyInSwapSchedule = module.NewError(module.CodespaceSubtensor, 151, "ColdkeyInSwapSchedule", "the coldkey has a scheduled swap: its stake and balance cannot leave until the swap")
	// ErrSameColdkey is returned when a coldkey swap names the old coldkey as the new one.
	ErrSameColdkey = module.NewError(module.CodespaceSubtensor, 152, "SameColdkey", "the new coldkey is the same as the old one")
)
