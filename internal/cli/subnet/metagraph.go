package subnet

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taonet/taonet/api"
	"github.com/taonet/taonet/client"
	"github.com/taonet/taonet/internal/cli/cmdutil"
	"github.com/taonet/taonet/internal/cli/subnet/txcmd"
)

// MetagraphOptions are the inputs of "taonet subnet metagraph".
type MetagraphOptions struct {
	IO     *cmdutil.IOStreams
	Node   string
	Output string
	Netuid uint16
	// Full includes weight and bond rows (JSON output only).
	Full bool
}

// NewCmdMetagraph returns "taonet subnet metagraph".
func NewCmdMetagraph(io *cmdutil.IOStreams, runF func(*MetagraphOptions) error) *cobra.Command {
	opts := &MetagraphOptions{IO: io}
	cmd := &cobra.Command{
		Use:     "metagraph --netuid N",
		Aliases: []string{"show"},
		Short:   "Show a subnet's metagraph: every UID's stake, consensus outputs and axon",
		Long: "Show every UID of the subnet, read at one block: stake and emission in TAO,\n" +
			"rank/trust/consensus/incentive/dividends/validator trust as fractions (u16/65535),\n" +
			"validator permit, last update and axon. --output json gives the API's metagraph\n" +
			"(raw integers); with --full it includes the weight and bond rows.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := RequireNetuid(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return MetagraphRun(cmd.Context(), opts)
		},
	}
	NetuidFlag(cmd, &opts.Netuid)
	cmd.Flags().BoolVar(&opts.Full, "full", false, "include weight and bond rows in JSON output")
	cmdutil.NodeFlag(cmd, &opts.Node)
	cmdutil.OutputFlag(cmd, &opts.Output)
	return cmd
}

// MetagraphRun executes "subnet metagraph".
func MetagraphRun(ctx context.Context, opts *MetagraphOptions) error {
	out, err := cmdutil.ParseOutput(opts.Output)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	m, err := client.New(opts.Node).Metagraph(ctx, opts.Netuid, !(opts.Full && out == cmdutil.OutputJSON))
	if err != nil {
		return err
	}
	if out == cmdutil.OutputJSON {
		return cmdutil.WriteJSON(opts.IO.Out, m)
	}
	p := txcmd.Proportion
	rows := make([][]string, 0, m.N)
	var stake, emission uint64
	for i := range int(m.N) {
		vp := ""
		if m.ValidatorPermit[i] {
			vp = "*"
		}
		active := "0"
		if m.Active[i] {
			active = "1"
		}
		axon := "-"
		if a := m.Axons[i]; a.IP != "0.0.0.0" && a.IP != "::" {
			axon = fmt.Sprintf("%s:%d", a.IP, a.Port)
		}
		stake += m.Stake[i]
		emission += m.Emission[i]
		rows = append(rows, []string{
			fmt.Sprint(m.UIDs[i]), cmdutil.FormatTAO(m.Stake[i]), p(m.Rank[i]), p(m.Trust[i]), p(m.Consensus[i]),
			p(m.Incentive[i]), p(m.Dividends[i]), cmdutil.FormatTAO(m.Emission[i]), p(m.ValidatorTrust[i]), vp,
			fmt.Sprint(m.LastUpdate[i]), active, p(m.PruningScore[i]), immunityLeft(m, i), axon, m.Hotkeys[i], m.Coldkeys[i],
		})
	}
	fmt.Fprintf(opts.IO.ErrOut, "subnet %d at block %d: %d UIDs, stake %s TAO, emission %s TAO, tempo %d\n",
		m.Netuid, m.Block, m.N, cmdutil.FormatTAO(stake), cmdutil.FormatTAO(emission), m.Subnet.Tempo)
	return Table(opts.IO.Out, []string{"UID", "STAKE", "RANK", "TRUST", "CONSENSUS", "INCENTIVE", "DIVIDENDS",
		"EMISSION", "VTRUST", "VAL", "UPDATED", "ACTIVE", "PRUNING", "IMMUNE", "AXON", "HOTKEY", "COLDKEY"}, rows)
}

// immunityLeft shows the blocks of immunity a UID has left ("-" when none).
func immunityLeft(m *api.Metagraph, i int) string {
	if i >= len(m.ImmunityLeft) || m.ImmunityLeft[i] == 0 {
		return "-"
	}
	return fmt.Sprint(m.ImmunityLeft[i])
}
