// Package governance is taonet's committees, after the reference's 2024
// runtime: a Triumvirate (at most 3 accounts, set by root origin) that
// alone may propose motions, and a Senate (at most 12 root-validator
// hotkeys) that alone votes on them. A motion carries one call; when it
// passes, the call is dispatched with root origin, as sudo would.
//
// # Rules
//
//   - propose: triumvirate members only (NotMember); the threshold is fixed
//     at senate size / 2 + 1 when proposed; at most MaxProposals open
//     (TooManyProposals); the same call cannot be open twice
//     (DuplicateProposal); the voting period is at least MotionDuration
//     blocks (DurationLowerThanConfiguredMotionDuration).
//   - vote: signed by the coldkey that owns a senate hotkey
//     (NonAssociatedColdKey, NotSenateMember); one vote per seat, which may
//     change side but not repeat it (DuplicateVote); the motion and its
//     index must match (ProposalMissing, WrongIndex).
//   - close: anyone; before the end only once the outcome is certain
//     (TooEarly): ayes ≥ threshold passes, and nays > seats − threshold
//     fails. After the end a motion passes with ayes ≥ threshold and fails
//     otherwise. A motion still open at its end block is closed by the
//     chain at the end of that block (expiry).
//   - A passed motion's call runs with root origin on a branch: on success
//     its changes are kept and Executed carries result "ok"; on failure
//     they are dropped and Executed carries the error's name. Either way
//     the motion is closed.
//   - Senate seats: a hotkey that registers on the root network takes a
//     seat at the end of that block while there is room, otherwise it
//     replaces the member with the least stake if it has more (the
//     reference's join_senate_if_eligible); adjust_senate asks for the same
//     later (CouldNotJoinSenate when it cannot). A member that leaves the
//     root network (replaced or deregistered) loses its seat, and its votes
//     on open motions, at the end of that block. One seat, one vote.
//   - Sudo.remove_key (signed by sudo) retires the sudo key for good; after
//     it only passed motions reach root-only calls.
//
// # State (prefix 0x20)
//
//	0x20 0x01                → params
//	0x20 0x02 ‖ account(32)  → triumvirate member (empty value)
//	0x20 0x03 ‖ hotkey(32)   → senate member (empty value)
//	0x20 0x04 ‖ hash(32)     → open motion
//	0x20 0x05                → proposal count (u32 LE), the next motion's index
//
// The package is deterministic and free of I/O.
package governance
