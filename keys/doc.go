// Package keys implements Bittensor (substrate) account keys: sr25519 key
// pairs, BIP39 mnemonics with substrate's mini-secret rule, secret URIs with
// hard and soft derivation, SS58 addresses and message signatures.
//
// The package is pure: it performs no file or network I/O. Randomness is used
// only by NewMnemonic and by Sign (sr25519 signatures are randomized, exactly
// as in schnorrkel/sp-core, so only their verification is reproducible).
//
// Compatibility targets are sp-core (sr25519, SS58, SecretUri), substrate-bip39
// and bittensor's btwallet Keypair; testdata/keys.json holds vectors produced
// with polkadot.js.
//
// sr25519 arithmetic runs on filippo.io/edwards25519 (ristretto255 as in RFC
// 9496); verification accepts exactly what go-schnorrkel v1.1.0 accepts, which
// the tests check differentially. PublicKey.Prepare returns a Verifier with
// precomputed multiples of the key for callers that verify many signatures
// under one key.
package keys
