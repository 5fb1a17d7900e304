// Package key holds the "taonet key" commands: inspect, sign, verify and
// generate sr25519 account keys without touching a wallet on disk.
package key

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// NewCmd returns the "key" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "Inspect, sign and verify with sr25519 account keys",
		Long: `Work with sr25519 account keys given as secret URIs:

  "<mnemonic>"                    a BIP39 English mnemonic
  "<mnemonic>//hard/soft///pass"  with a derivation path and password
  "//Alice"                       the development phrase with a path
  "0x<64 hex digits>[//path]"     a 32-byte seed

A URI argument of "-" is read from standard input, which keeps secrets out of
the process list.`,
	}
	// Flag parsing mistakes are usage errors (exit status 2).
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.FlagError{Err: err} })
	cmd.AddCommand(
		newCmdInspect(io, nil),
		newCmdSign(io, nil),
		newCmdVerify(io, nil),
		newCmdGenerate(io, nil),
	)
	return cmd
}

// readSecret returns s, or the first line of in when s is "-".
func readSecret(s string, in io.Reader) (string, error) {
	if s != "-" {
		return s, nil
	}
	if in == nil {
		return "", errors.New("no standard input to read the secret from")
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read secret from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// messageBytes returns the message of --message-hex or --message; exactly one
// must be set.
func messageBytes(hexMsg string, hexSet bool, text string, textSet bool) ([]byte, error) {
	switch {
	case hexSet && textSet:
		return nil, cmdutil.FlagErrorf("give only one of --message-hex and --message")
	case hexSet:
		if !strings.HasPrefix(hexMsg, "0x") && !strings.HasPrefix(hexMsg, "0X") {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("--message-hex: %w: want a 0x prefix", keys.ErrInvalidHex)}
		}
		b, err := keys.DecodeHex(hexMsg)
		if err != nil {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("--message-hex: %w", err)}
		}
		return b, nil
	case textSet:
		return []byte(text), nil
	}
	return nil, cmdutil.FlagErrorf("give the message with --message-hex 0x... or --message TEXT")
}
