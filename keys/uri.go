package keys

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	schnorrkel "github.com/ChainSafe/go-schnorrkel"
	"golang.org/x/crypto/blake2b"
)

// The grammar of sp-core's SecretUri.
var (
	secretURIRegexp = regexp.MustCompile(`^([a-zA-Z0-9 ]+)?((?://?[^/]+)*)(?:///(.*))?$`)
	junctionRegexp  = regexp.MustCompile(`/(/?[^/]+)`)
)

// Junction is one step of a derivation path: a 32-byte chain code and
// whether the derivation is hard ("//x") or soft ("/x").
type Junction struct {
	ChainCode [32]byte
	Hard      bool
}

// ParseJunction parses one path element without its leading '/': "x" is a
// soft junction, "/x" a hard one. As in sp-core, a decimal u64 is
// SCALE-encoded as 8 bytes little-endian and anything else as a SCALE string
// (compact length + UTF-8); the encoding is zero-padded to 32 bytes, or
// replaced by its blake2b-256 when longer.
func ParseJunction(s string) Junction {
	var j Junction
	code := s
	if strings.HasPrefix(code, "/") {
		j.Hard = true
		code = code[1:]
	}
	var enc []byte
	if n, ok := parseRustU64(code); ok {
		enc = binary.LittleEndian.AppendUint64(nil, n)
	} else {
		enc = appendCompact(nil, uint64(len(code)))
		enc = append(enc, code...)
	}
	if len(enc) > len(j.ChainCode) {
		j.ChainCode = blake2b.Sum256(enc)
	} else {
		copy(j.ChainCode[:], enc)
	}
	return j
}

// parseRustU64 parses like Rust's str::parse::<u64>: an optional '+' then
// decimal digits.
func parseRustU64(s string) (uint64, bool) {
	digits := strings.TrimPrefix(s, "+")
	if digits == "" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil
}

// appendCompact appends the SCALE compact encoding of n.
func appendCompact(b []byte, n uint64) []byte {
	switch {
	case n < 1<<6:
		return append(b, byte(n<<2))
	case n < 1<<14:
		return binary.LittleEndian.AppendUint16(b, uint16(n<<2|1))
	case n < 1<<30:
		return binary.LittleEndian.AppendUint32(b, uint32(n<<2|2))
	}
	var le []byte
	for v := n; v > 0; v >>= 8 {
		le = append(le, byte(v))
	}
	b = append(b, byte(len(le)-4)<<2|3)
	return append(b, le...)
}

// FromURI makes a Keypair from a secret URI as sp-core's Pair::from_string
// (and so bittensor's Keypair.create_from_uri) does:
//
//	<mnemonic>[//hard|/soft]*[///password]
//	0x<32-byte mini secret hex>[//hard|/soft]*
//	//Alice, //Bob/stash ... (the phrase defaults to DevPhrase)
//
// The password salts the mnemonic's PBKDF2; as in sp-core it is ignored for a
// hex seed. Unlike sp-core, an empty URI is rejected rather than taken as
// the bare dev phrase. Errors wrap ErrInvalidURI and, where one applies, the
// mnemonic, hex or seed error.
func FromURI(uri string) (*Keypair, error) {
	if uri == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidURI)
	}
	m := secretURIRegexp.FindStringSubmatchIndex(uri)
	if m == nil {
		return nil, ErrInvalidURI
	}
	phrase := DevPhrase
	if m[2] >= 0 {
		phrase = uri[m[2]:m[3]]
	}
	path := uri[m[4]:m[5]]
	password, hasPassword := "", m[6] >= 0
	if hasPassword {
		password = uri[m[6]:m[7]]
	}

	var root *Keypair
	if hexSeed, ok := strings.CutPrefix(phrase, "0x"); ok {
		seed, err := DecodeHex(hexSeed)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidURI, err)
		}
		if len(seed) != MiniSecretSize {
			return nil, fmt.Errorf("%w: %w: %d bytes, want %d", ErrInvalidURI, ErrInvalidSeed, len(seed), MiniSecretSize)
		}
		root = fromMini([MiniSecretSize]byte(seed))
	} else {
		kp, err := FromMnemonicPassword(phrase, password)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidURI, err)
		}
		root = kp
	}

	var junctions []Junction
	for _, sm := range junctionRegexp.FindAllStringSubmatch(path, -1) {
		junctions = append(junctions, ParseJunction(sm[1]))
	}
	if len(junctions) == 0 {
		return root, nil
	}
	return root.Derive(junctions...)
}

// Derive applies a derivation path to k as sp-core's sr25519 Pair::derive
// does. A hard junction derives a new mini secret with schnorrkel's
// hard_derive_mini_secret_key (a merlin "SchnorrRistrettoHDKD" transcript
// over the chain code and the secret scalar) and expands it; a soft
// junction is schnorrkel's derived_key_simple. The result keeps a mini
// secret only while every junction is hard, and never a mnemonic.
//
// Soft derivation leaves the nonce to the implementation (schnorrkel draws it
// from a transcript RNG); here it is a blake2b-256 of the parent's secret and
// the chain code, so derivation is deterministic. The nonce never affects the
// public key or signature validity.
func (k *Keypair) Derive(path ...Junction) (*Keypair, error) {
	cur := k
	seedKnown := k.seed != nil
	for _, j := range path {
		if j.Hard {
			msk, _, err := cur.sk.HardDeriveMiniSecretKey(nil, j.ChainCode)
			if err != nil {
				return nil, fmt.Errorf("keys: hard derivation: %w", err)
			}
			next := fromMini(msk.Encode())
			if !seedKnown {
				next.seed = nil
			}
			cur = next
			continue
		}
		ek, err := schnorrkel.DeriveKeySimple(cur.sk, nil, j.ChainCode)
		if err != nil {
			return nil, fmt.Errorf("keys: soft derivation: %w", err)
		}
		sk, err := ek.Secret()
		if err != nil {
			return nil, fmt.Errorf("keys: soft derivation: %w", err)
		}
		h, _ := blake2b.New256([]byte("taonet-hdkd-nonce"))
		h.Write(cur.nonce[:])
		h.Write(cur.key[:])
		h.Write(j.ChainCode[:])
		next, err := newKeypair(sk.Encode(), [32]byte(h.Sum(nil)))
		if err != nil {
			return nil, fmt.Errorf("keys: soft derivation: %w", err)
		}
		seedKnown = false
		cur = next
	}
	return cur, nil
}
