package apitypes

// ChildkeyRelation is one childkey link: the other hotkey and the share of
// the parent's stake weight it carries, as Proportion / u64::MAX.
type ChildkeyRelation struct {
	Hotkey     string `json:"hotkey"`
	Proportion uint64 `json:"proportion"`
}

// PendingChildren are children scheduled by set_children, applied at AppliesAt.
type PendingChildren struct {
	AppliesAt uint64             `json:"applies_at"`
	Children  []ChildkeyRelation `json:"children"`
}

// Childkeys is the body of GET /v1/subnets/{netuid}/children/{hotkey}: the
// hotkey's children and parents on the subnet, its childkey take (/65535),
// its stake weight there and any pending change.
type Childkeys struct {
	Height       int64              `json:"height"`
	Netuid       uint16             `json:"netuid"`
	Hotkey       string             `json:"hotkey"`
	ChildkeyTake uint16             `json:"childkey_take"`
	StakeWeight  uint64             `json:"stake_weight"`
	Children     []ChildkeyRelation `json:"children"`
	Parents      []ChildkeyRelation `json:"parents"`
	Pending      *PendingChildren   `json:"pending,omitempty"`
}
