package tx

// The SubtensorModule calls that the reference (classic 2024 runtime)
// dispatches with Pays::No: they pay only their tip. See the package doc.

// FeeExempt implements FeeExempt (set_weights: Pays::No).
func (SetWeights) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (commit_weights: Pays::No).
func (CommitWeights) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (reveal_weights: Pays::No).
func (RevealWeights) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (set_root_weights: Pays::No).
func (SetRootWeights) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (become_delegate: Pays::No).
func (BecomeDelegate) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (decrease_take: Pays::No).
func (DecreaseTake) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (increase_take: Pays::No).
func (IncreaseTake) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (add_stake: Pays::No).
func (AddStake) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (remove_stake: Pays::No).
func (RemoveStake) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (serve_axon: Pays::No).
func (ServeAxon) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (serve_prometheus: Pays::No).
func (ServePrometheus) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (register, PoW: Pays::No).
func (PowRegister) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (burned_register: Pays::No).
func (BurnedRegister) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (root_register: Pays::No).
func (RootRegister) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (register_network: Pays::No).
func (RegisterNetwork) FeeExempt() bool { return true }

// FeeExempt implements FeeExempt (dissolve_network: Pays::No).
func (DissolveNetwork) FeeExempt() bool { return true }

// adminFeeFree holds the AdminUtils setters the reference dispatches with
// Pays::No (by call index); the others pay the base fee.
var adminFeeFree = map[uint8]bool{2: true, 9: true, 19: true, 20: true, 28: true, 29: true, 35: true, 36: true,
	37: true, 38: true, 42: true, 45: true, 46: true, 50: true, 51: true, 54: true, 55: true}

// FeeExempt implements FeeExempt: per setter, as the reference's AdminUtils.
func (c AdminSet) FeeExempt() bool { return adminFeeFree[c.Call] }
