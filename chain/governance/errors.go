package governance

import "github.com/taonet/taonet/chain/module"

// CodespaceGovernance is the codespace of governance errors.
const CodespaceGovernance = "governance"

// Governance errors; names are the reference's (pallet_collective,
// pallet_membership, pallet_sudo and subtensor's senate errors).
var (
	// ErrNotMember is returned when a non-member proposes, or a non-member is removed.
	ErrNotMember = module.NewError(CodespaceGovernance, 1, "NotMember", "account is not a member")
	// ErrDuplicateProposal is returned when the same call is already an open motion.
	ErrDuplicateProposal = module.NewError(CodespaceGovernance, 2, "DuplicateProposal", "duplicate proposals not allowed")
	// ErrProposalMissing is returned when no open motion has the hash.
	ErrProposalMissing = module.NewError(CodespaceGovernance, 3, "ProposalMissing", "proposal must exist")
	// ErrWrongIndex is returned when the index does not match the motion's.
	ErrWrongIndex = module.NewError(CodespaceGovernance, 4, "WrongIndex", "mismatched index")
	// ErrDuplicateVote is returned when a seat votes the same way twice.
	ErrDuplicateVote = module.NewError(CodespaceGovernance, 5, "DuplicateVote", "duplicate vote ignored")
	// ErrTooEarly is returned when a motion is closed before its end with an uncertain outcome.
	ErrTooEarly = module.NewError(CodespaceGovernance, 6, "TooEarly", "the close call was made too early, before the end of the voting")
	// ErrTooManyProposals is returned when MaxProposals motions are already open.
	ErrTooManyProposals = module.NewError(CodespaceGovernance, 7, "TooManyProposals", "there can only be a maximum of MaxProposals active proposals")
	// ErrDurationLowerThanConfiguredMotionDuration is returned for a voting period below MotionDuration.
	ErrDurationLowerThanConfiguredMotionDuration = module.NewError(CodespaceGovernance, 8, "DurationLowerThanConfiguredMotionDuration", "the given motion duration is lower than the configured minimum")
	// ErrNotSenateMember is returned when a hotkey without a senate seat votes.
	ErrNotSenateMember = module.NewError(CodespaceGovernance, 9, "NotSenateMember", "the hotkey is not a senate member")
	// ErrAlreadyMember is returned when a member is added twice.
	ErrAlreadyMember = module.NewError(CodespaceGovernance, 10, "AlreadyMember", "already a member")
	// ErrTooManyMembers is returned when a committee is full.
	ErrTooManyMembers = module.NewError(CodespaceGovernance, 11, "TooManyMembers", "too many members")
	// ErrCouldNotJoinSenate is returned by adjust_senate when the senate is full and the hotkey has no more stake than its least-staked member.
	ErrCouldNotJoinSenate = module.NewError(CodespaceGovernance, 12, "CouldNotJoinSenate", "the hotkey could not join the senate")
	// ErrRequireSudo is returned when a Sudo call is not signed by the sudo key (or there is none).
	ErrRequireSudo = module.NewError(CodespaceGovernance, 13, "RequireSudo", "sender must be the sudo account")
	// ErrBadOrigin is returned when a root-origin call is signed by anyone but sudo.
	ErrBadOrigin = module.NewError(CodespaceGovernance, 14, "BadOrigin", "bad origin: root or sudo required")
)
