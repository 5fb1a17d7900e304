package sudo

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// TriumvirateOptions are the inputs of "taonet sudo triumvirate add|remove".
type TriumvirateOptions struct {
	txcmd.Common
	// Remove is true for "remove", false for "add".
	Remove bool
	SS58   string
}

// Call builds TriumvirateMembers.add_member or remove_member from --ss58.
func (opts *TriumvirateOptions) Call() (tx.Call, error) {
	if opts.SS58 == "" {
		return nil, cmdutil.FlagErrorf("--ss58 is required")
	}
	who, err := keys.ParseSS58(opts.SS58)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--ss58: %v", err)
	}
	if opts.Remove {
		return tx.RemoveTriumvirateMember{Who: who}, nil
	}
	return tx.AddTriumvirateMember{Who: who}, nil
}

// NewCmdTriumvirate returns "taonet sudo triumvirate" with add and remove.
func NewCmdTriumvirate(io *cmdutil.IOStreams, runF func(*TriumvirateOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "triumvirate <add|remove>",
		Short: "Add or remove a triumvirate member (root origin: sudo, or a passed motion)",
	}
	for _, remove := range []bool{false, true} {
		opts := &TriumvirateOptions{Common: txcmd.Common{IO: io}, Remove: remove}
		verb, short := "add", "Add an account to the triumvirate, the committee that proposes motions"
		if remove {
			verb, short = "remove", "Remove an account from the triumvirate"
		}
		sub := &cobra.Command{
			Use:   verb + " --ss58 ADDRESS (--uri <sudo uri> | --wallet.name W)",
			Short: short,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				if runF != nil {
					return runF(opts)
				}
				return TriumvirateRun(cmd.Context(), opts)
			},
		}
		sub.Flags().StringVar(&opts.SS58, "ss58", "", "the member's SS58 address (required)")
		txcmd.Register(sub, &opts.Common, false)
		cmd.AddCommand(sub)
	}
	return cmd
}

// TriumvirateRun executes "sudo triumvirate add|remove" signed by the sudo key.
func TriumvirateRun(ctx context.Context, opts *TriumvirateOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	call, err := opts.Call()
	if err != nil {
		return err
	}
	r, err := opts.SubmitColdkey(ctx, call)
	if err != nil {
		return err
	}
	verb := "added to"
	if opts.Remove {
		verb = "removed from"
	}
	return opts.Report(r, fmt.Sprintf("%s %s the triumvirate", opts.SS58, verb))
}

// RetireOptions are the inputs of "taonet sudo retire".
type RetireOptions struct{ txcmd.Common }

// NewCmdRetire returns "taonet sudo retire".
func NewCmdRetire(io *cmdutil.IOStreams, runF func(*RetireOptions) error) *cobra.Command {
	opts := &RetireOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "retire (--uri <sudo uri> | --wallet.name W)",
		Short: "Remove the sudo key for good (Sudo.remove_key); only passed motions act as root after it",
		Long: "Retire the sudo key, signed by it. This cannot be undone: afterwards the global and\n" +
			"root-only hyperparameters, triumvirate membership and subnet dissolution change only\n" +
			"through motions that the triumvirate proposes and the senate passes (taonet root propose).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return RetireRun(cmd.Context(), opts)
		},
	}
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// RetireRun executes "sudo retire".
func RetireRun(ctx context.Context, opts *RetireOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	r, err := opts.SubmitColdkey(ctx, tx.RemoveSudoKey{})
	if err != nil {
		return err
	}
	return opts.Report(r, "sudo key retired: root-only changes now need a passed motion")
}
