package tx

import (
	"crypto/sha256"
	"fmt"

	"github.com/taonet/taonet/keys"
)

// Version is the envelope version this package writes and accepts.
const Version = 1

// MaxChainIDBytes bounds the chain id string.
const MaxChainIDBytes = 64

// SignatureSize is the length of an sr25519 signature.
const SignatureSize = 64

// Tx is a signed transaction.
type Tx struct {
	// ChainID names the network; a tx for another chain is refused.
	ChainID string
	// Signer is the account that signs and pays the fee.
	Signer keys.PublicKey
	// Nonce must equal the signer's account nonce.
	Nonce uint64
	// Tip is paid on top of the base fee, in rao.
	Tip uint64
	// Call is what the transaction does.
	Call Call
	// Signature is the sr25519 signature over SignBytes.
	Signature [SignatureSize]byte
}

// SignBytes returns the canonical encoding of everything but the signature.
func (t *Tx) SignBytes() []byte {
	var e Encoder
	t.encodeUnsigned(&e)
	return e.Bytes()
}

func (t *Tx) encodeUnsigned(e *Encoder) {
	e.U8(Version)
	e.String(t.ChainID)
	e.Key(t.Signer)
	e.U64(t.Nonce)
	e.U64(t.Tip)
	e.U8(t.Call.Module())
	e.U8(t.Call.Index())
	t.Call.EncodeFields(e)
}

// Encode returns the canonical encoding of the signed transaction.
func (t *Tx) Encode() []byte {
	var e Encoder
	t.encodeUnsigned(&e)
	e.Fixed(t.Signature[:])
	return e.Bytes()
}

// Sign sets Signer to kp's public key and signs the transaction.
func (t *Tx) Sign(kp *keys.Keypair) error {
	t.Signer = kp.Public()
	sig, err := kp.Sign(t.SignBytes())
	if err != nil {
		return fmt.Errorf("tx: sign: %w", err)
	}
	copy(t.Signature[:], sig)
	return nil
}

// VerifySignature checks the signature against Signer.
func (t *Tx) VerifySignature() error {
	if !t.Signer.Verify(t.SignBytes(), t.Signature[:]) {
		return ErrBadSignature
	}
	return nil
}

// VerifySignatureWith checks the signature with a prepared verifier of
// Signer (same verdict as VerifySignature, faster for a repeat signer).
func (t *Tx) VerifySignatureWith(v *keys.Verifier) error {
	if v.PublicKey() != t.Signer || !v.Verify(t.SignBytes(), t.Signature[:]) {
		return ErrBadSignature
	}
	return nil
}

// Hash is the transaction hash: SHA-256 of the encoded bytes, as CometBFT
// indexes transactions.
func Hash(raw []byte) [32]byte { return sha256.Sum256(raw) }

// Decode parses a signed transaction. It checks the encoding only, not the
// signature or any chain state.
func Decode(b []byte) (*Tx, error) {
	if len(b) > MaxTxBytes {
		return nil, fmt.Errorf("%w: %d bytes > %d", ErrTooLarge, len(b), MaxTxBytes)
	}
	d := NewDecoder(b)
	if v := d.U8("version"); d.Err() == nil && v != Version {
		return nil, fmt.Errorf("%w: %d", ErrUnknownVersion, v)
	}
	t := &Tx{}
	t.ChainID = d.String("chain_id", MaxChainIDBytes)
	t.Signer = d.Key("signer")
	t.Nonce = d.U64("nonce")
	t.Tip = d.U64("tip")
	t.Call = decodeCall(d)
	if err := d.Err(); err != nil {
		if t.Call == nil {
			return nil, err
		}
		return nil, fmt.Errorf("decode %s: %w", t.Call.Name(), err)
	}
	copy(t.Signature[:], d.take(SignatureSize, "signature"))
	if err := d.Finish(); err != nil {
		return nil, fmt.Errorf("decode %s: %w", t.Call.Name(), err)
	}
	return t, nil
}
