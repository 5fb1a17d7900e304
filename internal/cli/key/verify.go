package key

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// VerifyOptions are the inputs of "taonet key verify".
type VerifyOptions struct {
	IO        *cmdutil.IOStreams
	PublicKey keys.PublicKey
	Message   []byte
	Signature []byte
	Strict    bool // no "<Bytes>" retry
	Output    string
}

func newCmdVerify(io *cmdutil.IOStreams, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: io}
	var pubHex, ss58, msgHex, msgText, sigHex string
	cmd := &cobra.Command{
		Use:   "verify (--public-key 0x... | --ss58 ADDR) (--message-hex 0x... | --message TEXT) --signature 0x...",
		Short: "Verify an sr25519 signature: prints valid (exit 0) or invalid (exit 1)",
		Long: `Verify an sr25519 signature with bittensor's Keypair.verify rules: the message is
tried as given and then wrapped as "<Bytes>message</Bytes>" (polkadot.js
signRaw), unless --strict. Prints "valid" and exits 0, or "invalid" and exits 1;
malformed input exits 2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			var err error
			switch {
			case f.Changed("public-key") && f.Changed("ss58"):
				return cmdutil.FlagErrorf("give only one of --public-key and --ss58")
			case f.Changed("public-key"):
				if !strings.HasPrefix(pubHex, "0x") {
					return cmdutil.FlagErrorf("--public-key: %w: want 0x followed by 64 hex digits", keys.ErrInvalidPublicKey)
				}
				if opts.PublicKey, err = keys.ParsePublicKey(pubHex); err != nil {
					return cmdutil.FlagErrorf("--public-key: %w", err)
				}
			case f.Changed("ss58"):
				if opts.PublicKey, err = keys.ParseSS58(ss58); err != nil {
					return cmdutil.FlagErrorf("--ss58: %w", err)
				}
			default:
				return cmdutil.FlagErrorf("give the signer with --public-key 0x... or --ss58 ADDRESS")
			}
			if opts.Message, err = messageBytes(msgHex, f.Changed("message-hex"), msgText, f.Changed("message")); err != nil {
				return err
			}
			if !f.Changed("signature") {
				return cmdutil.FlagErrorf("--signature is required")
			}
			sig, err := keys.DecodeHex(sigHex)
			if err != nil {
				return &cmdutil.FlagError{Err: fmt.Errorf("--signature: %w", err)}
			}
			if len(sig) != keys.SignatureSize {
				return cmdutil.FlagErrorf("--signature: %w: %d bytes, want %d", keys.ErrInvalidSignature, len(sig), keys.SignatureSize)
			}
			opts.Signature = sig
			if runF != nil {
				return runF(opts)
			}
			return verifyRun(opts)
		},
	}
	cmd.Flags().StringVar(&pubHex, "public-key", "", "signer public key as 0x hex")
	cmd.Flags().StringVar(&ss58, "ss58", "", "signer SS58 address")
	cmd.Flags().StringVar(&msgHex, "message-hex", "", "message bytes as 0x hex")
	cmd.Flags().StringVar(&msgText, "message", "", "message as UTF-8 text")
	cmd.Flags().StringVar(&sigHex, "signature", "", "64-byte signature as hex (0x optional)")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "do not retry with the <Bytes>...</Bytes> wrapping")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

func verifyRun(opts *VerifyOptions) error {
	ok := opts.PublicKey.VerifyMessage(opts.Message, opts.Signature)
	if opts.Strict {
		ok = opts.PublicKey.Verify(opts.Message, opts.Signature)
	}
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	return cmdutil.PrintVerdict(opts.IO.Out, out, ok)
}
