package synapse

import (
	"encoding/hex"
	"fmt"
	"reflect"

	"golang.org/x/crypto/sha3"
)

// EmptyBodyHash is the body hash of a synapse without hash fields:
// sha3-256 of the empty string.
const EmptyBodyHash = "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"

// Sha3Hex returns the lowercase hex sha3-256 (FIPS 202) digest of s, the
// reference's get_hash.
func Sha3Hex(s string) string {
	h := sha3.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// BodyHash returns the reference's body hash of s:
//
//	sha3_256_hex("".join(sha3_256_hex(str(model_dump()[f])) for f in required_hash_fields))
//
// over the fields named by s's RequiredHashFields, in that order. It returns
// EmptyBodyHash for a synapse that hashes no field.
func BodyHash(s Synapse) (string, error) {
	h, ok := s.(HashFielder)
	if !ok {
		return EmptyBodyHash, nil
	}
	names := h.RequiredHashFields()
	if len(names) == 0 {
		return EmptyBodyHash, nil
	}
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return "", fmt.Errorf("%w: got %T", ErrNotStructPointer, s)
	}
	v = v.Elem()
	ti, err := typeInfoOf(v.Type())
	if err != nil {
		return "", err
	}
	outer := make([]byte, 0, 64*len(names))
	for _, name := range names {
		i, ok := ti.byName[name]
		if !ok {
			return "", fmt.Errorf("%w: %q in %s", ErrUnknownHashField, name, Name(s))
		}
		var str string
		if fv, ok := fieldByIndex(v, ti.fields[i].index); ok {
			str, err = PyStr(fv.Interface())
			if err != nil {
				return "", fmt.Errorf("synapse: hash field %q: %w", name, err)
			}
		} else {
			str = "None"
		}
		d := sha3.Sum256([]byte(str))
		outer = hex.AppendEncode(outer, d[:])
	}
	d := sha3.Sum256(outer)
	return hex.EncodeToString(d[:]), nil
}
