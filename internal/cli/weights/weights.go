// Package weights holds "taonet weights": set, commit and reveal (signed by
// the validator's hotkey). Weights are given as floats per UID and
// converted as the reference's convert_weights_and_uids_for_emit does.
package weights

import (
	"context"
	"encoding/hex"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/tx"
	"github.com/taonet/taonet/wallet"
)

// NewCmd returns "taonet weights" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "weights <command>",
		Aliases: []string{"wt", "weight"},
		Short:   "Set, commit and reveal a validator's weights on a subnet",
	}
	cmd.AddCommand(newCmd(io, ModeSet, nil), newCmd(io, ModeCommit, nil), newCmd(io, ModeReveal, nil))
	return cmd
}

// Mode selects the verb.
type Mode int

// The verbs of "taonet weights".
const (
	ModeSet Mode = iota
	ModeCommit
	ModeReveal
)

// Options are the inputs of the weights verbs.
type Options struct {
	txcmd.Common
	Mode       Mode
	Netuid     uint16
	UIDs       string
	Weights    string
	Salt       string
	VersionKey uint64
}

// NewCmdSet returns "taonet weights set".
func NewCmdSet(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	return newCmd(io, ModeSet, runF)
}

// NewCmdCommit returns "taonet weights commit".
func NewCmdCommit(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	return newCmd(io, ModeCommit, runF)
}

// NewCmdReveal returns "taonet weights reveal".
func NewCmdReveal(io *cmdutil.IOStreams, runF func(*Options) error) *cobra.Command {
	return newCmd(io, ModeReveal, runF)
}

func newCmd(io *cmdutil.IOStreams, mode Mode, runF func(*Options) error) *cobra.Command {
	opts := &Options{Common: txcmd.Common{IO: io}, Mode: mode}
	use, short := "set", "Set the hotkey's weights on a subnet (set_weights)"
	switch mode {
	case ModeCommit:
		use, short = "commit", "Commit the hash of weights to reveal later (commit_weights)"
	case ModeReveal:
		use, short = "reveal", "Reveal weights committed earlier (reveal_weights)"
	}
	salt := ""
	if mode != ModeSet {
		salt = " --salt 1,2,3"
	}
	cmd := &cobra.Command{
		Use:   use + " --netuid N --uids 0,1,2 --weights 0.2,0.3,0.5" + salt + " (--uri <hotkey-uri> | --wallet.name W --wallet.hotkey H)",
		Short: short,
		Long: short + ".\nWeights are non-negative numbers per UID; they are divided by their maximum,\n" +
			"scaled to u16 with round-half-even and zeros dropped (the reference's\n" +
			"convert_weights_and_uids_for_emit). Signed by the hotkey. commit and reveal take the\n" +
			"same --uids, --weights, --salt and --version-key; the commit hash is the reference's\n" +
			"blake2b-256 over (hotkey, netuid, uids, values, salt, version_key).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := subnet.RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(cmd.Context(), opts)
		},
	}
	subnet.NetuidFlag(cmd, &opts.Netuid)
	f := cmd.Flags()
	f.StringVar(&opts.UIDs, "uids", "", "comma-separated UIDs (required)")
	f.StringVar(&opts.Weights, "weights", "", "comma-separated weights, one per UID (required)")
	if mode != ModeSet {
		f.StringVar(&opts.Salt, "salt", "", "comma-separated u16 salt (required)")
	}
	f.Uint64Var(&opts.VersionKey, "version-key", 0, "weights version key")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// Run executes a weights verb.
func Run(ctx context.Context, opts *Options) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	uids, err := txcmd.ParseU16List("uids", opts.UIDs)
	if err != nil {
		return err
	}
	ws, err := txcmd.ParseFloatList("weights", opts.Weights)
	if err != nil {
		return err
	}
	dests, vals, err := txcmd.EmitWeights(uids, ws)
	if err != nil {
		return err
	}
	var salt []uint16
	if opts.Mode != ModeSet {
		if salt, err = txcmd.ParseU16List("salt", opts.Salt); err != nil {
			return err
		}
	}
	kp, err := opts.Signer(wallet.RoleHotkey)
	if err != nil {
		return err
	}
	var call tx.Call
	var summary string
	switch opts.Mode {
	case ModeSet:
		call = tx.SetWeights{Netuid: opts.Netuid, Dests: dests, Weights: vals, VersionKey: opts.VersionKey}
		summary = fmt.Sprintf("set %d weights of %s on subnet %d", len(dests), kp.SS58(), opts.Netuid)
	case ModeCommit:
		h := tx.CommitHash(kp.Public(), opts.Netuid, dests, vals, salt, opts.VersionKey)
		call = tx.CommitWeights{Netuid: opts.Netuid, Hash: h}
		summary = fmt.Sprintf("committed weights hash 0x%s of %s on subnet %d", hex.EncodeToString(h[:]), kp.SS58(), opts.Netuid)
	case ModeReveal:
		call = tx.RevealWeights{Netuid: opts.Netuid, Uids: dests, Values: vals, Salt: salt, VersionKey: opts.VersionKey}
		summary = fmt.Sprintf("revealed %d weights of %s on subnet %d", len(dests), kp.SS58(), opts.Netuid)
	}
	r, err := opts.Submit(ctx, kp, call)
	if err != nil {
		return err
	}
	r.Extra = map[string]any{"uids": dests, "weights": vals}
	return opts.Report(r, summary)
}
