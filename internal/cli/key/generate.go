package key

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// GenerateOptions are the inputs of "taonet key generate".
type GenerateOptions struct {
	IO     *cmdutil.IOStreams
	Words  int
	Output cmdutil.Output
}

// GenerateResult is the JSON output of "taonet key generate".
type GenerateResult struct {
	Mnemonic  string `json:"mnemonic"`
	PublicKey string `json:"public_key"`
	SS58      string `json:"ss58"`
}

func newCmdGenerate(io *cmdutil.IOStreams, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: io}
	var output string
	cmd := &cobra.Command{
		Use:   "generate [--words 12|15|18|21|24]",
		Short: "Generate a new mnemonic and show its address (nothing is saved)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := cmdutil.ParseOutput(output)
			if err != nil {
				return err
			}
			opts.Output = o
			switch opts.Words {
			case 12, 15, 18, 21, 24:
			default:
				return cmdutil.FlagErrorf("--words: %w: %d, want 12, 15, 18, 21 or 24", keys.ErrInvalidMnemonicLength, opts.Words)
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Words, "words", 12, "number of mnemonic words: 12, 15, 18, 21 or 24")
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	return cmd
}

func generateRun(opts *GenerateOptions) error {
	m, err := keys.NewMnemonic(opts.Words)
	if err != nil {
		return err
	}
	kp, err := keys.FromMnemonic(m)
	if err != nil {
		return err
	}
	res := GenerateResult{Mnemonic: m, PublicKey: kp.Public().Hex(), SS58: kp.SS58()}
	fmt.Fprintln(opts.IO.ErrOut, "WARNING: the mnemonic below is the only way to recover this key. Write it down and keep it secret; it is not saved anywhere.")
	if opts.Output == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, res)
	}
	_, err = fmt.Fprintf(opts.IO.Out, "Mnemonic:         %s\nPublic key (hex): %s\nSS58 address:     %s\n", res.Mnemonic, res.PublicKey, res.SS58)
	return err
}
