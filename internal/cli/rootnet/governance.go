package rootnet

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/authority"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
	"github.com/taonet/taonet/internal/cli/sudo"
	"github.com/taonet/taonet/keys"
	"github.com/taonet/taonet/tx"
)

// governanceCmds returns the committee verbs of "taonet root".
func governanceCmds(io *cmdutil.IOStreams) []*cobra.Command {
	return []*cobra.Command{NewCmdSenate(io, nil), NewCmdProposals(io, nil), NewCmdSenateVote(io, nil),
		NewCmdPropose(io, nil), NewCmdCloseProposal(io, nil), NewCmdAdjustSenate(io, nil)}
}

// ViewOptions are the inputs of the read-only "root senate" and "root proposals".
type ViewOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
}

func newViewCmd(io *cmdutil.IOStreams, use, short string, run func(context.Context, *ViewOptions) error, runF func(*ViewOptions) error) *cobra.Command {
	opts := &ViewOptions{IO: io}
	cmd := &cobra.Command{
		Use: use, Short: short, Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// fetch reads /v1/governance; json reports whether --output json was asked for.
func (opts *ViewOptions) fetch(ctx context.Context) (g *api.Governance, json bool, err error) {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return nil, false, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	g, err = client.New(opts.Node).Governance(ctx)
	return g, out == cmdutil.OutputJSON, err
}

// NewCmdSenate returns "taonet root senate".
func NewCmdSenate(io *cmdutil.IOStreams, runF func(*ViewOptions) error) *cobra.Command {
	return newViewCmd(io, "senate", "List the senate (root validators who vote on motions) and the triumvirate", SenateRun, runF)
}

// SenateRun executes "root senate".
func SenateRun(ctx context.Context, opts *ViewOptions) error {
	g, asJSON, err := opts.fetch(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return cmdutil.WriteJSON(opts.IO.Out, map[string]any{"height": g.Height, "sudo": g.Sudo, "senate": g.Senate, "triumvirate": g.Triumvirate})
	}
	rows := make([][]string, 0, len(g.Senate))
	for _, s := range g.Senate {
		rows = append(rows, []string{s.Hotkey, cmdutil.FormatTAO(s.Stake) + " TAO", s.Owner})
	}
	sudoKey := g.Sudo
	if sudoKey == "" {
		sudoKey = "(retired)"
	}
	fmt.Fprintf(opts.IO.ErrOut, "senate %d/%d seats at block %d; triumvirate %d/%d: %s; sudo %s\n", len(g.Senate),
		g.Params.MaxSenate, g.Height, len(g.Triumvirate), g.Params.MaxTriumvirate, strings.Join(g.Triumvirate, ", "), sudoKey)
	return subnet.Table(opts.IO.Out, []string{"HOTKEY", "STAKE", "OWNER"}, rows)
}

// NewCmdProposals returns "taonet root proposals".
func NewCmdProposals(io *cmdutil.IOStreams, runF func(*ViewOptions) error) *cobra.Command {
	return newViewCmd(io, "proposals", "List open motions with their calls, votes, thresholds and end blocks", ProposalsRun, runF)
}

// ProposalsRun executes "root proposals".
func ProposalsRun(ctx context.Context, opts *ViewOptions) error {
	g, asJSON, err := opts.fetch(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return cmdutil.WriteJSON(opts.IO.Out, map[string]any{"height": g.Height, "proposals": g.Proposals})
	}
	rows := make([][]string, 0, len(g.Proposals))
	for _, p := range g.Proposals {
		rows = append(rows, []string{p.Hash, fmt.Sprint(p.Index), p.Call, fmt.Sprintf("%d/%d", len(p.Ayes), p.Threshold),
			fmt.Sprint(len(p.Nays)), fmt.Sprint(p.End)})
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d open motions at block %d (at most %d)\n", len(g.Proposals), g.Height, g.Params.MaxProposals)
	return subnet.Table(opts.IO.Out, []string{"HASH", "INDEX", "CALL", "AYES/NEEDED", "NAYS", "END BLOCK"}, rows)
}

// findProposal resolves --proposal (0x-hex hash, or a unique prefix) to an open motion.
func findProposal(ctx context.Context, c *client.Client, hash string) (api.Proposal, error) {
	want := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(hash), "0x"))
	if want == "" {
		return api.Proposal{}, cmdutil.FlagErrorf("--proposal is required (taonet root proposals lists them)")
	}
	if _, err := hex.DecodeString(want + strings.Repeat("0", len(want)%2)); err != nil {
		return api.Proposal{}, cmdutil.FlagErrorf("--proposal %q is not a hex hash", hash)
	}
	g, err := c.Governance(ctx)
	if err != nil {
		return api.Proposal{}, err
	}
	var found []api.Proposal
	for _, p := range g.Proposals {
		if strings.HasPrefix(strings.TrimPrefix(p.Hash, "0x"), want) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return api.Proposal{}, fmt.Errorf("ProposalMissing: no open motion %s (taonet root proposals lists them)", hash)
	case 1:
		return found[0], nil
	}
	return api.Proposal{}, cmdutil.FlagErrorf("--proposal %q matches %d motions; give more of the hash", hash, len(found))
}

func parseHash(h string) [32]byte {
	var out [32]byte
	b, _ := hex.DecodeString(strings.TrimPrefix(h, "0x"))
	copy(out[:], b)
	return out
}

// SenateVoteOptions are the inputs of "taonet root senate-vote".
type SenateVoteOptions struct {
	txcmd.Common
	Proposal string
	Aye, Nay bool
}

// NewCmdSenateVote returns "taonet root senate-vote".
func NewCmdSenateVote(io *cmdutil.IOStreams, runF func(*SenateVoteOptions) error) *cobra.Command {
	opts := &SenateVoteOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "senate-vote --proposal HASH (--vote-aye | --vote-nay) (--uri <coldkey uri> --hotkey-uri <uri> | --wallet.name W --wallet.hotkey H)",
		Short: "Vote on a motion with a senate seat (SubtensorModule.vote, signed by the seat's coldkey)",
		Long: "Vote aye or nay on an open motion with the senate hotkey, signed by its coldkey. One seat,\n" +
			"one vote; a vote may change side but not repeat. A motion passes once its ayes reach the\n" +
			"threshold (senate size / 2 + 1 when proposed); anyone may then close it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return SenateVoteRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Proposal, "proposal", "", "the motion's hash (required; see taonet root proposals)")
	f.BoolVar(&opts.Aye, "vote-aye", false, "vote for the motion")
	f.BoolVar(&opts.Nay, "vote-nay", false, "vote against the motion")
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// SenateVoteRun executes "root senate-vote".
func SenateVoteRun(ctx context.Context, opts *SenateVoteOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	if opts.Aye == opts.Nay {
		return cmdutil.FlagErrorf("give exactly one of --vote-aye and --vote-nay")
	}
	p, err := findProposal(ctx, opts.Client(), opts.Proposal)
	if err != nil {
		return err
	}
	hk, err := opts.Hotkey()
	if err != nil {
		return err
	}
	r, err := opts.SubmitColdkey(ctx, tx.Vote{Hotkey: hk, ProposalHash: parseHash(p.Hash), ProposalIndex: p.Index, Approve: opts.Aye})
	if err != nil {
		return err
	}
	side := "nay"
	if opts.Aye {
		side = "aye"
	}
	yes, _ := r.Event("Voted", "yes")
	no, _ := r.Event("Voted", "no")
	return opts.Report(r, fmt.Sprintf("voted %s on %s with %s (ayes %s of %d needed, nays %s)", side, p.Hash, hk.SS58(), yes, p.Threshold, no))
}

// ProposeOptions are the inputs of "taonet root propose".
type ProposeOptions struct {
	txcmd.Common
	Call     string
	Duration uint32
}

// NewCmdPropose returns "taonet root propose".
func NewCmdPropose(io *cmdutil.IOStreams, runF func(*ProposeOptions) error) *cobra.Command {
	opts := &ProposeOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "propose --call '<taonet sudo … command line>' [--duration BLOCKS] (--uri <uri> | --wallet.name W)",
		Short: "Propose a motion to run a sudo command as root (Triumvirate.propose; triumvirate only)",
		Long: "Propose a motion whose call is the root-origin command given in --call, written as its\n" +
			"taonet command line without signing flags, e.g.\n" +
			"  --call 'sudo set --netuid 1 --param tempo --value 20'\n" +
			"  --call 'sudo triumvirate add --ss58 5F…'\n" +
			"  --call 'subnet dissolve --netuid 3'\n" +
			"  --call 'authority add --consensus-key <base64> --power 10'\n" +
			"The senate votes (taonet root senate-vote); a passed motion runs its call with root origin.\n" +
			"--duration defaults to the chain's motion duration (3,600 blocks by default).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return ProposeRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Call, "call", "", "the taonet command line of the call to run as root (required)")
	cmd.Flags().Uint32Var(&opts.Duration, "duration", 0, "voting period in blocks (default: the chain's motion duration)")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// ParseCall turns a taonet command line of a root-origin command ("sudo set
// …", "sudo triumvirate add|remove …", "subnet dissolve --netuid N",
// "authority add|remove --consensus-key K …") into
// its call, with the commands' own flag parsing and checks.
func ParseCall(line string) (tx.Call, error) {
	args, err := splitArgs(line)
	if err != nil {
		return nil, cmdutil.FlagErrorf("--call: %v", err)
	}
	if len(args) > 0 && args[0] == "taonet" {
		args = args[1:]
	}
	if len(args) == 0 {
		return nil, cmdutil.FlagErrorf("--call is required, e.g. --call 'sudo set --netuid 1 --param tempo --value 20'")
	}
	var call tx.Call
	quiet := &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
	set := sudo.NewCmdSet(quiet, func(o *sudo.SetOptions) (err error) { call, err = o.Call(); return err })
	tri := sudo.NewCmdTriumvirate(quiet, func(o *sudo.TriumvirateOptions) (err error) { call, err = o.Call(); return err })
	sudoCmd := &cobra.Command{Use: "sudo"}
	sudoCmd.AddCommand(set, tri)
	// A motion runs as root: "subnet dissolve" is dissolve_network (--now) there.
	dissolve := subnet.NewCmdDissolve(quiet, func(o *subnet.DissolveOptions) (err error) {
		o.Now = true
		call, err = o.Call()
		return err
	})
	subnetCmd := &cobra.Command{Use: "subnet"}
	subnetCmd.AddCommand(dissolve)
	authCmd := &cobra.Command{Use: "authority"}
	for _, remove := range []bool{false, true} {
		authCmd.AddCommand(authority.NewCmdChange(quiet, remove, func(o *authority.ChangeOptions) (err error) { call, err = o.Call(); return err }))
	}
	top := &cobra.Command{Use: "taonet", SilenceUsage: true, SilenceErrors: true}
	top.AddCommand(sudoCmd, subnetCmd, authCmd)
	top.SetArgs(args)
	top.SetOut(io.Discard)
	top.SetErr(io.Discard)
	if err := top.Execute(); err != nil {
		return nil, cmdutil.FlagErrorf("--call %q: %v", line, err)
	}
	if call == nil {
		return nil, cmdutil.FlagErrorf("--call %q: not a root-origin command (sudo set, sudo triumvirate add|remove, subnet dissolve, authority add|remove)", line)
	}
	return call, nil
}

// splitArgs splits a command line into words, honouring single and double quotes.
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// ProposeRun executes "root propose".
func ProposeRun(ctx context.Context, opts *ProposeOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	call, err := ParseCall(opts.Call)
	if err != nil {
		return err
	}
	dur := opts.Duration
	if dur == 0 {
		g, err := opts.Client().Governance(ctx)
		if err != nil {
			return err
		}
		dur = g.Params.MotionDuration
	}
	r, err := opts.SubmitColdkey(ctx, tx.Propose{Proposal: call, Duration: dur})
	if err != nil {
		return err
	}
	hash, _ := r.Event("Proposed", "proposal_hash")
	threshold, _ := r.Event("Proposed", "threshold")
	end, _ := r.Event("Proposed", "end")
	return opts.Report(r, fmt.Sprintf("proposed %s as motion %s (%s ayes needed, voting until block %s)", call.Name(), hash, threshold, end))
}

// CloseOptions are the inputs of "taonet root close-proposal".
type CloseOptions struct {
	txcmd.Common
	Proposal string
}

// NewCmdCloseProposal returns "taonet root close-proposal".
func NewCmdCloseProposal(io *cmdutil.IOStreams, runF func(*CloseOptions) error) *cobra.Command {
	opts := &CloseOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "close-proposal --proposal HASH (--uri <uri> | --wallet.name W)",
		Short: "Close a motion (Triumvirate.close; anyone): early once its outcome is certain, else after its end",
		Long: "Close an open motion. Before its end block this works only once the outcome is certain\n" +
			"(enough ayes, or too many nays), else it is refused as TooEarly. A passed motion's call\n" +
			"runs with root origin; its result is printed (ok, or the call's error name).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return CloseRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Proposal, "proposal", "", "the motion's hash (required)")
	txcmd.Register(cmd, &opts.Common, false)
	return cmd
}

// CloseRun executes "root close-proposal".
func CloseRun(ctx context.Context, opts *CloseOptions) error {
	if err := opts.Prepare(); err != nil {
		return err
	}
	p, err := findProposal(ctx, opts.Client(), opts.Proposal)
	if err != nil {
		return err
	}
	r, err := opts.SubmitColdkey(ctx, tx.Close{ProposalHash: parseHash(p.Hash), ProposalIndex: p.Index})
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("motion %s closed: disapproved", p.Hash)
	if res, ok := r.Event("Executed", "result"); ok {
		summary = fmt.Sprintf("motion %s closed: approved; %s ran with result %s", p.Hash, p.Call, res)
	}
	return opts.Report(r, summary)
}

// AdjustSenateOptions are the inputs of "taonet root adjust-senate".
type AdjustSenateOptions struct{ txcmd.Common }

// NewCmdAdjustSenate returns "taonet root adjust-senate".
func NewCmdAdjustSenate(io *cmdutil.IOStreams, runF func(*AdjustSenateOptions) error) *cobra.Command {
	opts := &AdjustSenateOptions{Common: txcmd.Common{IO: io}}
	cmd := &cobra.Command{
		Use:   "adjust-senate (--uri <coldkey uri> --hotkey-uri <uri> | --wallet.name W --wallet.hotkey H)",
		Short: "Ask for a senate seat for a root validator hotkey (SubtensorModule.adjust_senate)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return AdjustSenateRun(cmd.Context(), opts)
		},
	}
	txcmd.Register(cmd, &opts.Common, true)
	return cmd
}

// AdjustSenateRun executes "root adjust-senate".
func AdjustSenateRun(ctx context.Context, opts *AdjustSenateOptions) error {
	r, hk, err := opts.SubmitForHotkey(ctx, func(hk keys.PublicKey) tx.Call { return tx.AdjustSenate{Hotkey: hk} })
	if err != nil {
		return err
	}
	return opts.Report(r, fmt.Sprintf("%s took a senate seat", hk.SS58()))
}
