package coinbase

import "github.com/taonet/taonet/chain/bank"

// DefaultBlockEmission is the emission of the first era: 1 TAO in rao.
const DefaultBlockEmission uint64 = 1_000_000_000

// BlockEmissionForIssuance returns the emission of a block minted on top of
// issuance rao: DefaultBlockEmission / 2^k where k is the number of halving
// thresholds 21M·(1−2^−k) at or below issuance, and 0 at or above the total
// supply. The result never takes issuance past the supply.
//
// k = floor(log2(S / (S − I))) is computed exactly with integers: the
// largest k with 2^k·(S − I) ≤ S.
func BlockEmissionForIssuance(issuance uint64) uint64 {
	const s = bank.TotalSupply
	if issuance >= s {
		return 0
	}
	rest := s - issuance // S − I > 0
	k := 0
	for r := rest; r <= s/2; r *= 2 { // S is even, so 2r ≤ S ⇔ r ≤ S/2
		k++
	}
	if k >= 64 {
		return 0
	}
	em := DefaultBlockEmission >> uint(k)
	if em > rest {
		em = rest
	}
	return em
}
