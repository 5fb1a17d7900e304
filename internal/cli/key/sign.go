package key

import (
	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// SignOptions are the inputs of "taonet key sign".
type SignOptions struct {
	IO      *cmdutil.IOStreams
	URI     string
	Message []byte
	// Output is text (0x hex) or json.
	Output string
}

func newCmdSign(io *cmdutil.IOStreams, runF func(*SignOptions) error) *cobra.Command {
	opts := &SignOptions{IO: io}
	var msgHex, msgText string
	cmd := &cobra.Command{
		Use:   "sign --uri <uri|-> (--message-hex 0x... | --message TEXT)",
		Short: "Sign a message with sr25519 (context \"substrate\"); prints the signature as 0x hex",
		Example: `  taonet key sign --uri //Alice --message-hex 0x68656c6c6f
  echo "$MNEMONIC" | taonet key sign --uri - --message hello`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("uri") {
				return cmdutil.FlagErrorf("--uri is required")
			}
			msg, err := messageBytes(msgHex, cmd.Flags().Changed("message-hex"), msgText, cmd.Flags().Changed("message"))
			if err != nil {
				return err
			}
			opts.Message = msg
			if opts.URI, err = readSecret(opts.URI, io.In); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return signRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.URI, "uri", "", "secret URI of the signing key (\"-\" reads it from stdin)")
	cmd.Flags().StringVar(&msgHex, "message-hex", "", "message bytes as 0x hex")
	cmd.Flags().StringVar(&msgText, "message", "", "message as UTF-8 text")
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

func signRun(opts *SignOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	kp, err := keys.FromURI(opts.URI)
	if err != nil {
		return &cmdutil.ExitError{Code: 2, Err: err}
	}
	sig, err := kp.Sign(opts.Message)
	if err != nil {
		return err
	}
	return cmdutil.PrintSignature(opts.IO.Out, out, sig, kp.SS58())
}
