package apitypes

// Governance is the body of GET /v1/governance: the sudo key, the
// committees, their parameters and the open motions with their votes.
type Governance struct {
	Height int64 `json:"height"`
	// Sudo is the sudo account's SS58 address, "" once retired.
	Sudo string `json:"sudo"`
	// Triumvirate are the accounts that may propose.
	Triumvirate []string `json:"triumvirate"`
	// Senate are the hotkeys that vote, with their total stake (rao) and owner.
	Senate []Senator `json:"senate"`
	// Params are the committees' parameters (blocks and counts).
	Params GovernanceParams `json:"params"`
	// Proposals are the open motions in index order.
	Proposals []Proposal `json:"proposals"`
}

// GovernanceParams are the committees' parameters.
type GovernanceParams struct {
	// MotionDuration is the shortest voting period, in blocks.
	MotionDuration uint32 `json:"motion_duration"`
	MaxProposals   uint32 `json:"max_proposals"`
	MaxTriumvirate uint32 `json:"max_triumvirate"`
	MaxSenate      uint32 `json:"max_senate"`
}

// Senator is one senate seat.
type Senator struct {
	Hotkey string `json:"hotkey"`
	Owner  string `json:"owner"`
	Stake  uint64 `json:"stake"`
}

// Proposal is one open motion.
type Proposal struct {
	// Hash is the motion's 0x-hex proposal hash (what votes and close name).
	Hash     string `json:"hash"`
	Index    uint32 `json:"index"`
	Proposer string `json:"proposer"`
	// Call is the call's name; CallHex its canonical encoding.
	Call    string `json:"call"`
	CallHex string `json:"call_hex"`
	// Threshold is the ayes needed; End the last block of voting.
	Threshold uint32   `json:"threshold"`
	End       uint64   `json:"end"`
	Ayes      []string `json:"ayes"`
	Nays      []string `json:"nays"`
}
