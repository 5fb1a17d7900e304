package subnet

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// ErrEpochTimeout is returned by wait-epoch when the epochs did not run
// within --timeout.
var ErrEpochTimeout = errors.New("subnet: epoch did not run in time")

// WaitEpochOptions are the inputs of "taonet subnet wait-epoch".
type WaitEpochOptions struct {
	IO      *cmdutil.IOStreams
	Node    string
	Output  string
	Netuid  uint16
	Epochs  int
	Timeout time.Duration
}

// WaitEpochResult is the JSON output of wait-epoch.
type WaitEpochResult struct {
	Netuid   uint16 `json:"netuid"`
	LastStep uint64 `json:"last_step"`
	Height   int64  `json:"height"`
}

// NewCmdWaitEpoch returns "taonet subnet wait-epoch".
func NewCmdWaitEpoch(io *cmdutil.IOStreams, runF func(*WaitEpochOptions) error) *cobra.Command {
	opts := &WaitEpochOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "wait-epoch --netuid N [--epochs K]",
		Short: "Wait until the subnet's next epoch has run (permits, incentive and dividends update there)",
		Long: "Blocks until the subnet's epoch has run --epochs more times (default 1), then prints the\n" +
			"block it ran at. Validator permits, incentive, dividends and emission change only at an\n" +
			"epoch (every tempo blocks), so scripts wait here before set_weights or reading the metagraph.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return WaitEpochRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	cmd.Flags().IntVar(&opts.Epochs, "epochs", 1, "number of epochs to wait for")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 10*time.Minute, "give up after this long")
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// WaitEpochRun executes "subnet wait-epoch".
func WaitEpochRun(ctx context.Context, opts *WaitEpochOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if opts.Epochs < 1 || opts.Timeout <= 0 {
		return cmdutil.FlagErrorf("--epochs must be at least 1 and --timeout positive")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	c := client.New(opts.Node)
	s, err := c.Subnet(ctx, opts.Netuid)
	if err != nil {
		return err
	}
	last, seen := s.LastStep, 0
	for seen < opts.Epochs {
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: subnet %d, %d of %d epochs within %s", ErrEpochTimeout, opts.Netuid, seen, opts.Epochs, opts.Timeout)
		case <-time.After(200 * time.Millisecond):
		}
		if s, err = c.Subnet(ctx, opts.Netuid); err != nil {
			if ctx.Err() != nil {
				continue
			}
			return err
		}
		if s.LastStep != last {
			last = s.LastStep
			seen++
		}
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, WaitEpochResult{Netuid: opts.Netuid, LastStep: s.LastStep, Height: s.Height})
	}
	fmt.Fprintf(opts.IO.Out, "subnet %d: epoch ran at block %d (next in %d blocks)\n", opts.Netuid, s.LastStep, s.BlocksUntilNextEpoch)
	return nil
}
