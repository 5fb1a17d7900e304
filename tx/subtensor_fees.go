package tx

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

// FeeExempt marks PoW register as free.
func (PowRegister) FeeExempt() {}
