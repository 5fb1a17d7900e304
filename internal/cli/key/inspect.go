package key

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/keys"
)

// InspectOptions are the inputs of "taonet key inspect".
type InspectOptions struct {
	IO     *cmdutil.IOStreams
	Input  string // secret URI, or a public key / SS58 with Public
	Public bool
	Output cmdutil.Output
}

// InspectResult is the JSON output of "taonet key inspect".
type InspectResult struct {
	PublicKey string `json:"public_key"`
	SS58      string `json:"ss58"`
}

func newCmdInspect(io *cmdutil.IOStreams, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{IO: io}
	var output string
	cmd := &cobra.Command{
		Use:   "inspect <mnemonic|uri|->",
		Short: "Show the public key and SS58 address of a secret URI",
		Example: `  taonet key inspect //Alice
  taonet key inspect "bottom drive obey ... walk//stash" --output json
  taonet key inspect --public 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := cmdutil.ParseOutput(output)
			if err != nil {
				return err
			}
			opts.Output = o
			// An unquoted mnemonic arrives as several arguments.
			opts.Input, err = readSecret(strings.Join(args, " "), io.In)
			if err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return inspectRun(opts)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.Public, "public", false, "the argument is a public key (0x hex) or SS58 address, not a secret")
	return cmd
}

func inspectRun(opts *InspectOptions) error {
	var pub keys.PublicKey
	if opts.Public {
		p, err := keys.ParsePublicKey(opts.Input)
		if err != nil {
			return &cmdutil.ExitError{Code: 2, Err: err}
		}
		pub = p
	} else {
		kp, err := keys.FromURI(opts.Input)
		if err != nil {
			return &cmdutil.ExitError{Code: 2, Err: err}
		}
		pub = kp.Public()
	}
	res := InspectResult{PublicKey: pub.Hex(), SS58: pub.SS58()}
	if opts.Output == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, res)
	}
	_, err := fmt.Fprintf(opts.IO.Out, "Public key (hex): %s\nSS58 address:     %s\n", res.PublicKey, res.SS58)
	return err
}
