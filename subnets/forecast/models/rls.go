package models

import "fmt"

// RLS is an online learner: an AR(p) with intercept whose coefficients are
// updated one observation at a time by recursive least squares with a
// forgetting factor λ, walking the history from oldest to newest. Each step
// weighs older observations down by λ, so the fit tracks the most recent
// dynamics (an effective window of about 1/(1-λ) steps) and recovers after
// a regime switch, at the price of noisier coefficients on a stationary
// series. The forecast iterates the final coefficients.
type RLS struct {
	// Order is p, the number of lags (at least 1).
	Order int
	// Forgetting is λ in (0, 1]; 1 weighs all observations equally (plain
	// least squares); 0 means DefaultForgetting.
	Forgetting float64
}

// DefaultForgetting is the forgetting factor RLS uses when Forgetting is 0.
const DefaultForgetting = 0.97

// rlsPrior is the initial inverse-covariance scale δ⁻¹: a large value lets
// the first observations set the coefficients.
const rlsPrior = 100

// rlsMaxTrace bounds the trace of P per coefficient: while the data do not
// excite a direction (a flat stretch), forgetting would inflate P without
// limit ("covariance wind-up") until it overflows; above the bound P is not
// inflated.
const rlsMaxTrace = 1e6

// Name returns "rls(p,λ)".
func (m RLS) Name() string { return fmt.Sprintf("rls(%d,%g)", m.Order, m.forgetting()) }

func (m RLS) forgetting() float64 {
	if m.Forgetting <= 0 || m.Forgetting > 1 {
		return DefaultForgetting
	}
	return m.Forgetting
}

// Predict walks history updating the coefficients, then iterates them
// horizon steps ahead. A history shorter than 2p+2 falls back to the last
// value.
func (m RLS) Predict(history []float64, horizon int) []float64 {
	p := max(m.Order, 1)
	if len(history) < 2*p+2 {
		return LastValue{}.Predict(history, horizon)
	}
	mean, sd := standardize(history)
	z := scaled(history, mean, sd)
	coef := fitRLS(z, p, m.forgetting())
	out := iterate(z, coef, horizon)
	for i := range out {
		out[i] = mean + sd*out[i]
	}
	return finiteOr(out, last(history))
}

// fitRLS returns the coefficients [c, a1, ..., ap] after one pass of
// exponentially weighted recursive least squares over z.
func fitRLS(z []float64, p int, lambda float64) []float64 {
	k := p + 1
	theta := make([]float64, k)
	P := make([]float64, k*k)
	for i := range k {
		P[i*k+i] = rlsPrior
	}
	x := make([]float64, k)
	px := make([]float64, k)
	for t := p; t < len(z); t++ {
		x[0] = 1
		for i := 1; i <= p; i++ {
			x[i] = z[t-i]
		}
		denom := lambda
		for i := range k {
			s := 0.0
			for j := range k {
				s += P[i*k+j] * x[j]
			}
			px[i] = s
			denom += x[i] * s
		}
		e := z[t]
		for i := range k {
			e -= theta[i] * x[i]
		}
		for i := range k {
			theta[i] += px[i] / denom * e
		}
		// P = (P - px pxᵀ/denom)/λ, kept exactly symmetric, and not
		// inflated past the wind-up bound.
		trace := 0.0
		for i := range k {
			trace += P[i*k+i]
		}
		inflate := 1 / lambda
		if trace > rlsMaxTrace*float64(k) {
			inflate = 1
		}
		for i := range k {
			for j := 0; j <= i; j++ {
				v := (P[i*k+j] - px[i]*px[j]/denom) * inflate
				P[i*k+j], P[j*k+i] = v, v
			}
		}
	}
	return theta
}

var _ Model = RLS{}
