package cmdutil

import (
	"encoding/hex"
	"fmt"
	"io"
)

// Signature is the JSON output of the sign commands.
type Signature struct {
	// Signature is the 64-byte sr25519 signature as 0x hex.
	Signature string `json:"signature"`
	// Signer is the signing key's SS58 address.
	Signer string `json:"signer"`
}

// PrintSignature writes sig: as 0x hex (text) or as a Signature (json).
func PrintSignature(w io.Writer, out Output, sig []byte, signer string) error {
	s := "0x" + hex.EncodeToString(sig)
	if out == OutputJSON {
		return WriteJSON(w, Signature{Signature: s, Signer: signer})
	}
	_, err := fmt.Fprintln(w, s)
	return err
}

// PrintVerdict writes a verification result ("valid"/"invalid", or
// {"valid": bool} with json) and returns an *ExitError with code 1 when the
// signature is invalid.
func PrintVerdict(w io.Writer, out Output, valid bool) error {
	var err error
	switch {
	case out == OutputJSON:
		err = WriteJSON(w, map[string]bool{"valid": valid})
	case valid:
		_, err = fmt.Fprintln(w, "valid")
	default:
		_, err = fmt.Fprintln(w, "invalid")
	}
	if err == nil && !valid {
		return &ExitError{Code: 1}
	}
	return err
}
