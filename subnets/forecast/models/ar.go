package models

import "fmt"

// AR is a least-squares autoregression of order p with an intercept,
//
//	x[t] = c + a1 x[t-1] + ... + ap x[t-p] + e[t],
//
// fitted afresh to each history by ridge-regularised least squares on the
// standardised series, and forecast by iterating the fitted recursion (each
// forecast feeds the next). It captures damped oscillations, seasons (a
// sinusoid obeys an AR(2) recursion) and trends, but fits one set of
// coefficients to the whole history, so a regime switch misleads it.
type AR struct {
	// Order is p, the number of lags (at least 1).
	Order int
	// Ridge is the ridge penalty per observation on the lag coefficients
	// (not the intercept), in units of the standardised series; 0 means
	// DefaultRidge.
	Ridge float64
}

// DefaultRidge is the ridge penalty AR uses when Ridge is 0.
const DefaultRidge = 1e-3

// Name returns "ar(p)".
func (m AR) Name() string { return fmt.Sprintf("ar(%d)", m.Order) }

// Predict fits the model to history and iterates it horizon steps ahead. A
// history too short to fit (fewer than 2p+2 values) or a singular fit falls
// back to the last value.
func (m AR) Predict(history []float64, horizon int) []float64 {
	p := max(m.Order, 1)
	if len(history) < 2*p+2 {
		return LastValue{}.Predict(history, horizon)
	}
	mean, sd := standardize(history)
	z := scaled(history, mean, sd)
	ridge := m.Ridge
	if ridge <= 0 {
		ridge = DefaultRidge
	}
	coef, ok := fitAR(z, p, ridge)
	if !ok {
		return LastValue{}.Predict(history, horizon)
	}
	out := iterate(z, coef, horizon)
	for i := range out {
		out[i] = mean + sd*out[i]
	}
	return finiteOr(out, last(history))
}

// fitAR returns the least-squares coefficients [c, a1, ..., ap] of an AR(p)
// with intercept on z, with penalty ridge*rows on the lag coefficients.
func fitAR(z []float64, p int, ridge float64) ([]float64, bool) {
	k := p + 1
	a := make([]float64, k*k)
	b := make([]float64, k)
	x := make([]float64, k)
	rows := 0
	for t := p; t < len(z); t++ {
		x[0] = 1
		for i := 1; i <= p; i++ {
			x[i] = z[t-i]
		}
		for i := range k {
			b[i] += x[i] * z[t]
			for j := 0; j <= i; j++ {
				a[i*k+j] += x[i] * x[j]
			}
		}
		rows++
	}
	a[0] += 1e-9 * float64(rows)
	for i := 1; i < k; i++ {
		a[i*k+i] += ridge * float64(rows)
	}
	if !solveSPD(a, b, k) {
		return nil, false
	}
	return b, true
}

// iterate runs the recursion coef = [c, a1, ..., ap] forward horizon steps
// from the end of z and returns the new values.
func iterate(z, coef []float64, horizon int) []float64 {
	if horizon < 1 {
		return nil
	}
	p := len(coef) - 1
	buf := make([]float64, 0, p+horizon)
	buf = append(buf, z[len(z)-p:]...)
	for range horizon {
		y := coef[0]
		for i := 1; i <= p; i++ {
			y += coef[i] * buf[len(buf)-i]
		}
		buf = append(buf, y)
	}
	return buf[p:]
}

var _ Model = AR{}
