// Package rootnet holds "taonet root": register and weights on the root
// network (netuid 0), btcli 8's root group in the classic emission model.
// (The package is not named root: that is the command tree's.)
package rootnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/chain/subtensor"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// NewCmd returns "taonet root" with its verbs.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "root <command>",
		Short: "Join the root network, set its weights over subnets, and govern (senate, motions)",
	}
	cmd.AddCommand(NewCmdRegister(io, nil), NewCmdWeights(io, nil))
	cmd.AddCommand(governanceCmds(io)...)
	return cmd
}

// RegisterOptions are the inputs of "taonet root register".
type RegisterOptions struct{ txcmd.Common }

// NewCmdRegister returns "taonet root register".
func NewCmdRegister(io *cmdutil.IOStreams, runF func(*RegisterOptions) error) *cobra.Command {
	opts := &RegisterOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "register (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Put the coldkey's hotkey on the root network (root_register)",
		Long: "Register the hotkey on the root network (netuid 0), signed by its coldkey. When the root\n" +
			"network is full the hotkey must out-stake its lowest-stake member.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return RegisterRun(cmd.Context(), opts)
		},
	}
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// RegisterRun executes "root register".
func RegisterRun(ctx context.Context, opts *RegisterOptions) error {
	r, hk, err := opts.SubmitForHotkey(ctx, func(hk keys.PublicKey) tx.Call { return tx.RootRegister{Hotkey: hk} })
	if err != nil {
		return err
	}
	uid, _ := r.Event("NeuronRegistered", "uid")
	return opts.Report(r, fmt.Sprintf("registered %s on the root network as UID %s", hk.SS58(), uid))
}

// WeightsOptions are the inputs of "taonet root weights".
type WeightsOptions struct {
	txcmd.Common
	Netuids    string
	Weights    string
	VersionKey uint64
}

// NewCmdWeights returns "taonet root weights".
func NewCmdWeights(io *cmdutil.IOStreams, runF func(*WeightsOptions) error) *cobra.Command {
	opts := &WeightsOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "weights --netuids 1,2 --weights 0.5,0.5 (--uri <uri> --hotkey-ss58 <ss58> | --wallet.name W --wallet.hotkey H)",
		Short: "Set a root validator's weights over subnets (set_root_weights)",
		Long: "Set the root validator hotkey's weights over subnets, signed by its coldkey. Weights are\n" +
			"converted as for taonet weights set (max-normalised to u16, zeros dropped).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return WeightsRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Netuids, "netuids", "", "comma-separated netuids (required)")
	f.StringVar(&opts.Weights, "weights", "", "comma-separated weights, one per netuid (required)")
	f.Uint64Var(&opts.VersionKey, "version-key", 0, "weights version key")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// WeightsRun executes "root weights".
func WeightsRun(ctx context.Context, opts *WeightsOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	ids, err := txcmd.ParseU16List("netuids", opts.Netuids)
	if err != nil {
		return err
	}
	ws, err := txcmd.ParseFloatList("weights", opts.Weights)
	if err != nil {
		return err
	}
	dests, vals, err := txcmd.EmitWeights(ids, ws)
	if err != nil {
		return err
	}
	hk, err := opts.Hotkey()
	if err != nil {
		return err
	}
	r, err := opts.SubmitColdkey(ctx, tx.SetRootWeights{Netuid: subtensor.RootNetUID, Hotkey: hk, Dests: dests, Weights: vals, VersionKey: opts.VersionKey})
	if err != nil {
		return err
	}
	return opts.Report(r, fmt.Sprintf("set root weights of %s over %d subnets", hk.SS58(), len(dests)))
}
