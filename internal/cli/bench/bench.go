// Package bench holds the "taonet bench" commands: measurements of the
// real application at network scale.
package bench

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/taonet/taonet/internal/bench/mainnetday"
	"github.com/taonet/taonet/internal/cli/cmdutil"
)

// NewCmd returns the "bench" command group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure the node at network scale",
	}
	cmd.AddCommand(newCmdMainnetDay(io))
	return cmd
}

func newCmdMainnetDay(streams *cmdutil.IOStreams) *cobra.Command {
	cfg := mainnetday.DefaultConfig()
	var output, dir, cpuProfile string
	var noProgress bool
	cmd := &cobra.Command{
		Use:   "mainnet-day",
		Short: "Replay a day of a mainnet-sized network through the real app",
		Long: `Replay a day of a mainnet-sized network on one node.

Generates a realistic signed workload deterministically (--seed) and drives
the real application through it as fast as it can: ABCI FinalizeBlock and
Commit on Pebble, signatures verified. The network: --subnets subnets of
--uids neurons, --validators validator hotkeys registered on every subnet
and on root, --tempo blocks between a subnet's epochs (staggered by netuid).
Each block carries the validators' set_weights (each once per tempo and
subnet, dense over the miners), root weights, registration churn, stake
moves and transfers. A setup phase (registrations and one warm-up tempo) runs
first and is not measured; nor is signing.

Prints blocks, seconds (time inside FinalizeBlock and Commit),
real_time_factor (blocks × 12 s / seconds), txs, p50/p99/max block time in
ms, state_bytes (the Pebble folder after the run), peak_rss_bytes, and the
worst blocks with the epochs they ran. A progress bar goes to standard error
when it is a terminal.`,
		Example: `  taonet bench mainnet-day
  taonet bench mainnet-day --blocks 720 --subnets 16 --output json
  taonet bench mainnet-day --uids 1024 --cpuprofile day.pprof`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := cmdutil.ParseOutput(output)
			if err != nil {
				return err
			}
			if err := cfg.Validate(); err != nil {
				return cmdutil.FlagErrorf("%v", err)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			opt := mainnetday.Options{Dir: dir}
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return fmt.Errorf("bench: cpu profile: %w", err)
				}
				defer f.Close()
				opt.CPUProfile = f
			}
			if !noProgress && isTerminal(streams.ErrOut) {
				opt.Progress = progressBar(streams.ErrOut)
			}
			res, err := mainnetday.Run(ctx, cfg, opt)
			if opt.Progress != nil {
				fmt.Fprintln(streams.ErrOut)
			}
			if err != nil {
				return err
			}
			if out == cmdutil.OutputJSON {
				return cmdutil.WriteJSON(streams.Out, res)
			}
			printResult(streams.Out, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&cfg.Blocks, "blocks", cfg.Blocks, "measured blocks (a day is 7200)")
	f.IntVar(&cfg.Subnets, "subnets", cfg.Subnets, "subnets")
	f.IntVar(&cfg.UIDs, "uids", cfg.UIDs, "UIDs per subnet (max_allowed_uids)")
	f.IntVar(&cfg.Validators, "validators", cfg.Validators, "validators per subnet (at most 64: they also sit on root)")
	f.IntVar(&cfg.Tempo, "tempo", cfg.Tempo, "blocks between a subnet's epochs")
	f.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "workload seed")
	f.StringVar(&dir, "dir", "", "keep the chain state in this folder (default: a temporary folder, removed)")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the measured blocks to this file")
	f.BoolVar(&noProgress, "no-progress", false, "no progress bar")
	cmdutil.OutputFlag(cmd, &output)
	return cmd
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar draws "[=====     ] done/total blocks  rtf N" in place.
func progressBar(w io.Writer) func(done, total int, measured time.Duration) {
	const width = 30
	last := time.Time{}
	return func(done, total int, measured time.Duration) {
		if done != total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		n := done * width / total
		rtf := 0.0
		if measured > 0 {
			rtf = float64(done*mainnetday.BlockSeconds) / measured.Seconds()
		}
		fmt.Fprintf(w, "\r[%s%s] %d/%d blocks  real-time factor %.0f ", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total, rtf)
	}
}

func printResult(w io.Writer, r *mainnetday.Result) {
	fmt.Fprintf(w, "network          %d subnets × %d UIDs, %d validators, tempo %d\n", r.Subnets, r.UIDs, r.Validators, r.Tempo)
	fmt.Fprintf(w, "blocks           %d (%d txs, %d failed; %d epochs)\n", r.Blocks, r.Txs, r.FailedTxs, r.Epochs)
	fmt.Fprintf(w, "seconds          %.2f (setup %.1f s and signing %.1f s not counted)\n", r.Seconds, r.SetupSeconds, r.SignSeconds)
	fmt.Fprintf(w, "real-time factor %.0f\n", r.RealTimeFactor)
	fmt.Fprintf(w, "block ms         p50 %.2f  p99 %.2f  max %.2f  (epoch blocks p50 %.2f, others %.2f)\n",
		r.P50BlockMs, r.P99BlockMs, r.MaxBlockMs, r.EpochBlockP50Ms, r.QuietBlockP50Ms)
	fmt.Fprintf(w, "state            %.1f MiB\n", float64(r.StateBytes)/(1<<20))
	fmt.Fprintf(w, "peak RSS         %.1f MiB\n", float64(r.PeakRSSBytes)/(1<<20))
	fmt.Fprintln(w, "worst blocks:")
	for _, b := range r.WorstBlocks {
		fmt.Fprintf(w, "  height %-6d %8.2f ms  %4d txs  %d epochs\n", b.Height, b.Ms, b.Txs, b.Epochs)
	}
	calls := make([]string, 0, len(r.FailedByCall))
	for call := range r.FailedByCall {
		calls = append(calls, call)
	}
	slices.Sort(calls)
	for _, call := range calls {
		fmt.Fprintf(w, "failed %s × %d: %s\n", call, r.FailedByCall[call], r.FirstFailure[call])
	}
}
