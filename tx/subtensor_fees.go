package tx

// The fee-free calls: subtensor's Pays::No list (documented in doc.go).

// FeeExempt marks set_weights as free (tx.FeeExempt).
func (SetWeights) FeeExempt() {}

// FeeExempt marks commit_weights as free.
func (CommitWeights) FeeExempt() {}

// FeeExempt marks reveal_weights as free.
func (RevealWeights) FeeExempt() {}

// FeeExempt marks serve_axon as free.
func (ServeAxon) FeeExempt() {}

// FeeExempt marks serve_prometheus as free.
func (ServePrometheus) FeeExempt() {}

// FeeExempt marks decrease_take as free.
func (DecreaseTake) FeeExempt() {}

// FeeExempt marks increase_take as free.
func (IncreaseTake) FeeExempt() {}

// FeeExempt marks PoW register as free (Pays::No while the reference's
// register was proof of work).
func (PowRegister) FeeExempt() {}

// FeeExempt marks set_root_weights as free (Pays::No in the last reference
// that had the call).
func (SetRootWeights) FeeExempt() {}

// FeeExempt marks become_delegate as free (Pays::No in the last reference
// that had the call).
func (BecomeDelegate) FeeExempt() {}
