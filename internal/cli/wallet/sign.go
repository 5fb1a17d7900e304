package wallet

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/walletflags"
	"github.com/taonet/taonet/keys"
	twallet "github.com/taonet/taonet/wallet"
)

// SignOptions are the inputs of "wallet sign".
type SignOptions struct {
	IO         *cmdutil.IOStreams
	Wallet     *walletflags.Flags
	Message    string
	MessageHex string
	UseHotkey  bool
	Output     string
}

func newCmdSign(io *cmdutil.IOStreams) *cobra.Command {
	o := &SignOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "sign (--message TEXT | --message-hex 0x...) [--use-hotkey]",
		Short: "Sign a message with the wallet's coldkey (or hotkey); prints the signature as 0x hex",
		Example: `  taonet wallet sign --wallet.name alice --message "hello"
  taonet wallet sign -w alice -p ./wallets --message-hex 0x68656c6c6f --password-file pw.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitError(signRun(cmd, o))
		},
	}
	o.Wallet = walletflags.Register(cmd, walletflags.WithURI, walletflags.WithShortNames)
	fs := cmd.Flags()
	fs.StringVar(&o.Message, "message", "", "message as UTF-8 text")
	fs.StringVar(&o.MessageHex, "message-hex", "", "message bytes as 0x hex")
	fs.BoolVar(&o.UseHotkey, "use-hotkey", false, "sign with the hotkey instead of the coldkey")
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func messageBytes(cmd *cobra.Command, text, hexMsg string) ([]byte, error) {
	textSet, hexSet := cmd.Flags().Changed("message"), cmd.Flags().Changed("message-hex")
	switch {
	case textSet == hexSet:
		return nil, cmdutil.FlagErrorf("give exactly one of --message and --message-hex")
	case textSet:
		return []byte(text), nil
	}
	if !strings.HasPrefix(hexMsg, "0x") && !strings.HasPrefix(hexMsg, "0X") {
		return nil, inputError(fmt.Errorf("--message-hex: %w: want a 0x prefix", keys.ErrInvalidHex))
	}
	b, err := keys.DecodeHex(hexMsg)
	if err != nil {
		return nil, inputError(fmt.Errorf("--message-hex: %w", err))
	}
	return b, nil
}

func signRun(cmd *cobra.Command, o *SignOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	msg, err := messageBytes(cmd, o.Message, o.MessageHex)
	if err != nil {
		return err
	}
	role := twallet.RoleColdkey
	if o.UseHotkey {
		role = twallet.RoleHotkey
	}
	o.Wallet.KDF = kdf
	kp, err := o.Wallet.Signer(o.IO, role)
	if err != nil {
		return err
	}
	sig, err := kp.Sign(msg)
	if err != nil {
		return err
	}
	return cmdutil.PrintSignature(o.IO.Out, out, sig, kp.SS58())
}

// VerifyOptions are the inputs of "wallet verify".
type VerifyOptions struct {
	IO         *cmdutil.IOStreams
	Message    string
	MessageHex string
	Signature  string
	Address    string
	Output     string
}

func newCmdVerify(io *cmdutil.IOStreams) *cobra.Command {
	o := &VerifyOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "verify (--message TEXT | --message-hex 0x...) --signature HEX --address SS58|0xPUBKEY",
		Short: "Verify a signature: prints valid (exit 0) or invalid (exit 1); bad input exits 2",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return verifyRun(cmd, o)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.Message, "message", "", "message as UTF-8 text")
	fs.StringVar(&o.MessageHex, "message-hex", "", "message bytes as 0x hex")
	fs.StringVar(&o.Signature, "signature", "", "the 64-byte signature as hex (0x optional)")
	fs.StringVar(&o.Address, "address", "", "signer SS58 address or 0x public key")
	fs.StringVar(&o.Address, "ss58", "", "same as --address")
	fs.StringVar(&o.Address, "public-key", "", "same as --address")
	_ = fs.MarkHidden("ss58")
	_ = fs.MarkHidden("public-key")
	cmdutil.OutputFlag(cmd, &o.Output)
	return cmd
}

func verifyRun(cmd *cobra.Command, o *VerifyOptions) error {
	out, err := cmdutil.ParseOutput(o.Output)
	if err != nil {
		return err
	}
	msg, err := messageBytes(cmd, o.Message, o.MessageHex)
	if err != nil {
		return err
	}
	if o.Address == "" || o.Signature == "" {
		return cmdutil.FlagErrorf("--address and --signature are required")
	}
	pub, err := keys.ParsePublicKey(o.Address)
	if err != nil {
		return inputError(fmt.Errorf("--address: %w", err))
	}
	sig, err := keys.DecodeHex(o.Signature)
	if err != nil {
		return inputError(fmt.Errorf("--signature: %w", err))
	}
	if len(sig) != keys.SignatureSize {
		return inputError(fmt.Errorf("--signature: %w: %d bytes, want %d", keys.ErrInvalidSignature, len(sig), keys.SignatureSize))
	}
	return cmdutil.PrintVerdict(o.IO.Out, out, pub.VerifyMessage(msg, sig))
}
