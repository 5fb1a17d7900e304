package demo

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Row is one UID of the demo subnet as the chain reports it.
type Row struct {
	UID    uint16
	Hotkey string
	// Name, Role and Model are the demo's labels ("?" for a UID that is
	// not one of the demo's keys).
	Name  string
	Role  Role
	Model string
	// Stake is the hotkey's total stake in rao.
	Stake uint64
	// Trust … Dividends are the last epoch's proportions in [0, 1].
	Trust, ValidatorTrust, Consensus, Incentive, Dividends float64
	// Emission is the rao the UID earned at the last epoch.
	Emission uint64
}

// Snapshot is the demo subnet's metagraph at one block.
type Snapshot struct {
	Netuid uint16
	// Block is the height the metagraph was read at; LastStep the block
	// of its last epoch; Tempo the subnet's tempo.
	Block    int64
	LastStep uint64
	Tempo    uint16
	// Rows are the UIDs in order.
	Rows []Row
}

// Snapshot reads the demo subnet's metagraph through the API.
func (d *Demo) Snapshot(ctx context.Context) (*Snapshot, error) {
	mg, err := d.c.Metagraph(ctx, d.netuid, true)
	if err != nil {
		return nil, err
	}
	n := len(mg.UIDs)
	if len(mg.Hotkeys) != n || len(mg.Stake) != n || len(mg.Trust) != n || len(mg.ValidatorTrust) != n ||
		len(mg.Consensus) != n || len(mg.Incentive) != n || len(mg.Dividends) != n || len(mg.Emission) != n {
		return nil, fmt.Errorf("demo: metagraph columns differ from %d uids", n)
	}
	labels := map[string]Neuron{}
	for _, nr := range d.neurons {
		labels[nr.Hotkey.SS58()] = nr
	}
	s := &Snapshot{Netuid: d.netuid, Block: mg.Block, LastStep: mg.Subnet.LastStep, Tempo: mg.Subnet.Tempo, Rows: make([]Row, n)}
	p := func(v uint16) float64 { return float64(v) / 65535 }
	for i := range n {
		r := Row{
			UID: mg.UIDs[i], Hotkey: mg.Hotkeys[i], Name: "?", Role: "?", Stake: mg.Stake[i],
			Trust: p(mg.Trust[i]), ValidatorTrust: p(mg.ValidatorTrust[i]), Consensus: p(mg.Consensus[i]),
			Incentive: p(mg.Incentive[i]), Dividends: p(mg.Dividends[i]), Emission: mg.Emission[i],
		}
		if nr, ok := labels[r.Hotkey]; ok {
			r.Name, r.Role, r.Model = nr.Name, nr.Role, nr.Model
		}
		s.Rows[i] = r
	}
	return s, nil
}

// tao formats rao as TAO with 3 decimals.
func tao(rao uint64) string { return fmt.Sprintf("%.3f", float64(rao)/1e9) }

// WriteTable prints the snapshot as an aligned table. It shows consensus
// rather than trust, which the chain's Yuma (like subtensor's since dTAO)
// no longer computes.
func (s *Snapshot) WriteTable(w io.Writer) {
	var total uint64
	for _, r := range s.Rows {
		total += r.Emission
	}
	fmt.Fprintf(w, "\nsubnet %d · epoch at block %d (tempo %d) · read at block %d · %s TAO emitted this epoch\n",
		s.Netuid, s.LastStep, s.Tempo, s.Block, tao(total))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "UID\tNAME\tROLE\tMODEL\tSTAKE τ\tCONSENSUS\tV-TRUST\tINCENTIVE\tDIVIDENDS\tEMISSION τ\t")
	for _, r := range s.Rows {
		model := r.Model
		if model == "" {
			model = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t\n", r.UID, r.Name, r.Role, model,
			tao(r.Stake), r.Consensus, r.ValidatorTrust, r.Incentive, r.Dividends, tao(r.Emission))
	}
	tw.Flush()
	if line := s.byModel(); line != "" {
		fmt.Fprintln(w, "mean incentive by model: "+line)
	}
}

// byModel returns the miners' mean incentive per model, best first.
func (s *Snapshot) byModel() string {
	sum, count := map[string]float64{}, map[string]int{}
	var names []string
	for _, r := range s.Rows {
		if r.Role != RoleMiner {
			continue
		}
		if count[r.Model] == 0 {
			names = append(names, r.Model)
		}
		sum[r.Model] += r.Incentive
		count[r.Model]++
	}
	mean := func(m string) float64 { return sum[m] / float64(count[m]) }
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(mean(b), mean(a)) })
	parts := make([]string, len(names))
	for i, m := range names {
		parts[i] = fmt.Sprintf("%s %.3f", m, mean(m))
	}
	return strings.Join(parts, " · ")
}
