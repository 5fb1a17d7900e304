package subnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// DissolveOptions are the inputs of "taonet subnet dissolve".
type DissolveOptions struct {
	txcmd.Common
	Netuid uint16
	// Now asks for an immediate dissolve_network, which needs root origin (sudo).
	Now bool
	// Owner is the SS58 owner coldkey a --now dissolution checks ("" any).
	Owner string
}

// NewCmdDissolve returns "taonet subnet dissolve".
func NewCmdDissolve(io *cmdutil.IOStreams, runF func(*DissolveOptions) error) *cobra.Command {
	opts := &DissolveOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "dissolve --netuid N [--now [--owner SS58]] (--uri <uri> | --wallet.name W)",
		Short: "Dissolve a subnet: the owner schedules it (schedule_dissolve_network); sudo may dissolve at once",
		Long: "Signed by the subnet owner's coldkey, schedule the subnet's dissolution: it runs after the\n" +
			"network's dissolve_network_schedule_duration (36,000 blocks, 5 days, by default), when the\n" +
			"lock is returned to the owner. With --now, dissolve it at once (dissolve_network): root\n" +
			"origin only, so signed by sudo (or proposed as a motion: taonet root propose --call\n" +
			"'subnet dissolve --netuid N --now').",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return DissolveRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	cmd.Flags().BoolVar(&opts.Now, "now", false, "dissolve at once (dissolve_network; sudo or a motion)")
	cmd.Flags().StringVar(&opts.Owner, "owner", "", "with --now: the owner coldkey the chain must find (default: any)")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// Call builds the call the flags ask for.
func (opts *DissolveOptions) Call() (tx.Call, error) {
	if !opts.Now {
		if opts.Owner != "" {
			return nil, cmdutil.FlagErrorf("--owner goes with --now")
		}
		return tx.ScheduleDissolveNetwork{Netuid: opts.Netuid}, nil
	}
	var owner keys.PublicKey
	if opts.Owner != "" {
		k, err := keys.ParseSS58(opts.Owner)
		if err != nil {
			return nil, cmdutil.FlagErrorf("--owner: %v", err)
		}
		owner = k
	}
	return tx.DissolveNetwork{Coldkey: owner, Netuid: opts.Netuid}, nil
}

// DissolveRun executes "subnet dissolve".
func DissolveRun(ctx context.Context, opts *DissolveOptions) error {
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
	if at, ok := r.Event("DissolveNetworkScheduled", "execution_block"); ok {
		return opts.Report(r, fmt.Sprintf("subnet %d dissolves at block %s; its lock returns to the owner then", opts.Netuid, at))
	}
	return opts.Report(r, fmt.Sprintf("subnet %d dissolved", opts.Netuid))
}
