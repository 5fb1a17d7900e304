// Package authority holds "taonet authority add|remove|list": changes to the
// consensus validator set (root origin: sudo, or a passed motion).
package authority

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/tx"
)

// NewCmd returns the "authority" group.
func NewCmd(io *cmdutil.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "authority",
		Short: "Change or list the consensus validator set (sudo, or a passed motion)",
		Long: "The validators that make blocks are chain state. A change made in block H takes effect\n" +
			"from block H+2. Keys are nodes' ed25519 consensus keys (taonet node show-validator).\n" +
			"Keep more than two thirds of the voting power on nodes that are running, or the chain halts.",
	}
	cmd.AddCommand(NewCmdChange(io, false, nil), NewCmdChange(io, true, nil), NewCmdList(io, nil))
	return cmd
}

// ChangeOptions are the inputs of "authority add" and "authority remove".
type ChangeOptions struct {
	txcmd.Common
	Remove       bool
	ConsensusKey string
	Power        uint64
}

// ParseConsensusKey reads an ed25519 consensus public key given as base64
// (as CometBFT and taonet node show-validator print it), as 64 hex digits,
// or as CometBFT's {"type":…,"value":…} JSON.
func ParseConsensusKey(s string) ([32]byte, error) {
	var k [32]byte
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		var j struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		}
		if err := json.Unmarshal([]byte(s), &j); err != nil {
			return k, fmt.Errorf("consensus key JSON: %v", err)
		}
		if j.Type != "" && j.Type != "tendermint/PubKeyEd25519" {
			return k, fmt.Errorf("consensus key type %q: want tendermint/PubKeyEd25519", j.Type)
		}
		s = j.Value
	}
	var b []byte
	if h, err := hex.DecodeString(strings.TrimPrefix(s, "0x")); err == nil && len(h) == 32 {
		b = h
	} else if d, err := base64.StdEncoding.DecodeString(s); err == nil {
		b = d
	}
	if len(b) != 32 {
		return k, fmt.Errorf("consensus key %q: want a 32-byte ed25519 key in base64 or hex", s)
	}
	copy(k[:], b)
	return k, nil
}

// Call builds the authority call from the flags.
func (opts *ChangeOptions) Call() (tx.Call, error) {
	if opts.ConsensusKey == "" {
		return nil, cmdutil.FlagErrorf("--consensus-key is required")
	}
	k, err := ParseConsensusKey(opts.ConsensusKey)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--consensus-key: %v", err)
	}
	if opts.Remove {
		return tx.RemoveAuthority{Key: k}, nil
	}
	if opts.Power == 0 {
		return nil, cmdutil.FlagErrorf("--power must be positive")
	}
	return tx.AddAuthority{Key: k, Power: opts.Power}, nil
}

// NewCmdChange returns "authority add" (remove false) or "authority remove".
func NewCmdChange(io *cmdutil.IOStreams, remove bool, runF func(*ChangeOptions) error) *cobra.Command {
	opts := &ChangeOptions{Common: txcmd.Common{IO: io}, Remove: remove}
	use, short := "add --consensus-key KEY --power P (--uri <sudo uri> | --wallet.name W)", "Make a node's consensus key a validator with voting power P"
	if remove {
		use, short = "remove --consensus-key KEY (--uri <sudo uri> | --wallet.name W)", "Take a consensus key out of the validator set"
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ChangeRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.ConsensusKey, "consensus-key", "", "ed25519 consensus key: base64 (taonet node show-validator), hex, or CometBFT's JSON")
	if !remove {
		cmd.Flags().Uint64Var(&opts.Power, "power", 0, "voting power (required)")
	}
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// ChangeRun signs the change with the sudo coldkey and submits it.
func ChangeRun(ctx context.Context, opts *ChangeOptions) error {
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
	summary := fmt.Sprintf("%s added with power %d (in force two blocks after block %d)", opts.ConsensusKey, opts.Power, r.Height)
	if opts.Remove {
		summary = fmt.Sprintf("%s removed (in force two blocks after block %d)", opts.ConsensusKey, r.Height)
	}
	return opts.Report(r, summary)
}

// ListOptions are the inputs of "authority list".
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

// NewCmdList returns "authority list".
func NewCmdList(io *cmdutil.IOStreams, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the validator set in force (GET /v1/validators)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ListRun(cmd.Context(), opts)
		},
	}
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// ListRun prints the validator set.
func ListRun(ctx context.Context, opts *ListOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	vs, err := client.New(opts.Node).Validators(ctx)
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, vs)
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d validators at block %d, total power %d\n", len(vs.Validators), vs.Height, vs.TotalPower)
	var rows [][]string
	for _, v := range vs.Validators {
		rows = append(rows, []string{v.ConsensusKey, v.Address, fmt.Sprint(v.Power)})
	}
	return subnet.Table(opts.IO.Out, []string{"CONSENSUS KEY", "ADDRESS", "POWER"}, rows)
}
