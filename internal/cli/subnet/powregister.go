package subnet

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// ErrPowDisabled is returned when the subnet does not accept PoW registrations.
var ErrPowDisabled = errors.New("subnet: PoW registration is disabled on this subnet (SubNetRegistrationDisabled)")

// ErrPowGaveUp is returned when every attempt's block went stale or was refused as too old.
var ErrPowGaveUp = errors.New("subnet: no PoW solution was accepted before the attempts ran out")

// PowRegisterOptions are the inputs of "taonet subnet pow-register".
type PowRegisterOptions struct {
	txcmd.Common
	Netuid uint16
	// ColdkeySS58 is the coldkey that will own the hotkey (default: the wallet's coldkeypub).
	ColdkeySS58 string
	// Processors is the number of solver goroutines (0: GOMAXPROCS).
	Processors int
	// UpdateInterval is the time between progress lines on stderr.
	UpdateInterval time.Duration
	// MaxAttempts bounds how many blocks are tried.
	MaxAttempts int
}

// NewCmdPowRegister returns "taonet subnet pow-register".
func NewCmdPowRegister(io *cmdutil.IOStreams, runF func(*PowRegisterOptions) error) *cobra.Command {
	opts := &PowRegisterOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:     "pow-register --netuid N (--uri <hotkey-uri> --coldkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Aliases: []string{"pow_register"},
		Short:   "Register a hotkey on a subnet by proof of work (register)",
		Long: "Solve the subnet's proof of work on every core and register the hotkey (signed by the\n" +
			"hotkey; the coldkey becomes its owner). The seal is keccak256(sha256(nonce ‖\n" +
			"keccak256(block_hash ‖ hotkey))) over the newest recorded block hash and must meet the\n" +
			"subnet's current difficulty. The solution must land within 3 blocks of that block, so\n" +
			"when the chain moves on the solver starts over on the new block; it stops when solved,\n" +
			"after --max-attempts blocks, or on Ctrl-C. Progress (hash rate, difficulty) goes to stderr.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return PowRegisterRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	f := cmd.Flags()
	f.StringVar(&opts.ColdkeySS58, "coldkey-ss58", "", "coldkey to own the hotkey (default: the wallet's coldkeypub.txt)")
	f.IntVar(&opts.Processors, "processors", 0, "solver goroutines (default: all cores)")
	f.DurationVar(&opts.UpdateInterval, "update-interval", 2*time.Second, "time between progress lines")
	f.IntVar(&opts.MaxAttempts, "max-attempts", 10, "blocks to try before giving up")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

func (o *PowRegisterOptions) coldkey() (keys.PublicKey, error) {
	if o.ColdkeySS58 != "" {
		pk, err := keys.ParsePublicKey(o.ColdkeySS58)
		if err != nil {
			return pk, cmdutil.FlagErrorf("invalid --coldkey-ss58 %q: %v", o.ColdkeySS58, err)
		}
		return pk, nil
	}
	if o.Wallet.URI != "" {
		return keys.PublicKey{}, cmdutil.FlagErrorf("with --uri (the hotkey), name the owning coldkey with --coldkey-ss58")
	}
	w, err := o.Wallet.Wallet()
	if err != nil {
		return keys.PublicKey{}, err
	}
	return w.ColdkeyPub()
}

// PowRegisterRun executes "subnet pow-register".
func PowRegisterRun(ctx context.Context, opts *PowRegisterOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Processors < 0 || opts.MaxAttempts <= 0 || opts.UpdateInterval <= 0 {
		return cmdutil.FlagErrorf("--processors must be ≥ 0, --max-attempts and --update-interval positive")
	}
	ck, err := opts.coldkey()
	if err != nil {
		return err
	}
	hot, err := opts.Signer(wallet.RoleHotkey)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	workers := opts.Processors
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	c := opts.Client()
	for attempt := 1; attempt <= opts.MaxAttempts; attempt++ {
		target, err := c.PowTarget(ctx, opts.Netuid)
		if err != nil {
			return err
		}
		if !target.PowRegistrationAllowed {
			return ErrPowDisabled
		}
		hash, err := keys.DecodeHex(target.BlockHash)
		if err != nil || len(hash) == 0 {
			return fmt.Errorf("subnet: node gave no block hash to solve for (block %d): %v", target.BlockNumber, err)
		}
		fmt.Fprintf(opts.IO.ErrOut, "solving for block %d, difficulty %d, %d workers\n", target.BlockNumber, target.Difficulty, workers)
		sol, ok, err := solve(ctx, c, opts, hash, hot.Public(), target.BlockNumber, target.Difficulty, workers)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintf(opts.IO.ErrOut, "block %d is too old now; starting over\n", target.BlockNumber)
			continue
		}
		call := tx.PowRegister{Netuid: opts.Netuid, BlockNumber: target.BlockNumber, Nonce: sol.nonce, Work: sol.seal, Hotkey: hot.Public(), Coldkey: ck}
		r, err := opts.Submit(ctx, hot, call)
		var te *client.TxError
		if errors.As(err, &te) && te.Name == subtensor.ErrInvalidWorkBlock.Name {
			fmt.Fprintf(opts.IO.ErrOut, "solution for block %d arrived too late (%s); starting over\n", target.BlockNumber, te.Name)
			continue
		}
		var ae *client.APIError
		if errors.As(err, &ae) && ae.Code == "BroadcastFailed" && droppedAsTooOld(ctx, c, opts.Netuid, hot.SS58(), target.BlockNumber) {
			// The pool accepted it, then dropped it on recheck once the
			// chain moved past the PoW's window (a slow machine).
			fmt.Fprintf(opts.IO.ErrOut, "solution for block %d was dropped by the pool as too old; starting over\n", target.BlockNumber)
			continue
		}
		if err != nil {
			return err
		}
		uid, _ := r.Event("NeuronRegistered", "uid")
		return opts.Report(r, fmt.Sprintf("registered %s on subnet %d as UID %s by PoW (nonce %d, block %d)",
			hot.SS58(), opts.Netuid, uid, sol.nonce, target.BlockNumber))
	}
	return ErrPowGaveUp
}

// droppedAsTooOld reports whether a PoW for block can no longer be valid
// (the chain is PowBlockWindow blocks past it) and hotkey did not register
// with it.
func droppedAsTooOld(ctx context.Context, c *client.Client, netuid uint16, hotkey string, block uint64) bool {
	st, err := c.Status(ctx)
	if err != nil || uint64(st.Height) < block+subtensor.PowBlockWindow {
		return false
	}
	mg, err := c.Metagraph(ctx, netuid, true)
	return err == nil && !slices.Contains(mg.Hotkeys, hotkey)
}

type solution struct {
	nonce uint64
	seal  [32]byte
}

// solve runs workers goroutines over disjoint nonce sequences from a random
// start until one meets difficulty (ok), the chain moves PowBlockWindow-1
// blocks past block (not ok), or ctx ends (error).
func solve(ctx context.Context, c *client.Client, opts *PowRegisterOptions, blockHash []byte, hotkey keys.PublicKey, block, difficulty uint64, workers int) (solution, bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var seed [8]byte
	_, _ = crand.Read(seed[:])
	base := binary.LittleEndian.Uint64(seed[:])
	var hashes atomic.Uint64
	found := make(chan solution, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			const batch = 1024
			sealer := tx.NewSealer(blockHash, hotkey)
			for n := base + uint64(w)*batch; ; n += uint64(workers) * batch {
				if ctx.Err() != nil {
					return
				}
				for i := range uint64(batch) {
					seal := sealer.Seal(n + i)
					if tx.MeetsDifficulty(seal, difficulty) {
						found <- solution{nonce: n + i, seal: seal}
						return
					}
				}
				hashes.Add(batch)
			}
		}()
	}
	defer wg.Wait()
	defer cancel()

	start := time.Now()
	progress := time.NewTicker(opts.UpdateInterval)
	defer progress.Stop()
	poll := time.NewTicker(250 * time.Millisecond)
	defer poll.Stop()
	for {
		select {
		case s := <-found:
			fmt.Fprintf(opts.IO.ErrOut, "solved: nonce %d after %d hashes in %s\n", s.nonce, hashes.Load(), time.Since(start).Round(time.Millisecond))
			return s, true, nil
		case <-ctx.Done():
			return solution{}, false, fmt.Errorf("subnet: pow-register stopped: %w", context.Cause(ctx))
		case <-progress.C:
			el := time.Since(start).Seconds()
			fmt.Fprintf(opts.IO.ErrOut, "block %d  difficulty %d  %.0f H/s  %d hashes\n", block, difficulty, float64(hashes.Load())/el, hashes.Load())
		case <-poll.C:
			st, err := c.Status(ctx)
			if err != nil {
				continue // a transient error: keep solving, the submit will tell
			}
			if st.Height >= 0 && uint64(st.Height) >= block+subtensor.PowBlockWindow-1 {
				return solution{}, false, nil
			}
		}
	}
}
